package myh

import (
	"bytes"
	"encoding/csv"
	"testing"
	"unicode/utf8"
)

// toSemicolons rewrites a comma CSV with semicolons, quoting as needed.
func toSemicolons(t testing.TB, data []byte) []byte {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// toWindows1252 encodes UTF-8 text as Windows-1252.
func toWindows1252(t testing.TB, data []byte) []byte {
	t.Helper()
	back := map[rune]byte{}
	for i, r := range cp1252 {
		back[r] = byte(0x80 + i)
	}
	var out []byte
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		data = data[n:]
		switch {
		case r < 0x80 || (r >= 0xA0 && r < 0x100):
			out = append(out, byte(r))
		case back[r] != 0:
			out = append(out, back[r])
		default:
			t.Fatalf("%q has no Windows-1252 byte", r)
		}
	}
	if utf8.Valid(out) {
		t.Fatal("encoded text is still valid UTF-8; the test would not test decoding")
	}
	return out
}
