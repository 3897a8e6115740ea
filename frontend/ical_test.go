package frontend

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// parseICalendar unfolds and splits content lines the way a client does:
// a line starting with a space continues the one before.
func parseICalendar(t *testing.T, raw string) []string {
	t.Helper()
	if !strings.HasSuffix(raw, "\r\n") {
		t.Fatal("calendar does not end with CRLF")
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n") {
		if strings.Contains(l, "\n") || strings.Contains(l, "\r") {
			t.Fatalf("bare line break in %q", l)
		}
		if len(l) > maxLineOctets {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("fold split a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

func unescapeText(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n").Replace(s)
}

func TestWriteICalendar(t *testing.T) {
	stamp := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	long := "Sista ansökningsdag: Grundläggande behörighetsgivande utbildning för vuxna, svenska; matematik och engelska – Östersund"
	cal := Calendar{ProdID: "-//Region Jämtland Härjedalen//Kurskatalog//SV", Name: "Sista ansökningsdagar: Östersund",
		Events: []Event{{UID: "e.vux.1.deadline@kurskatalog.regionjh.se", Stamp: stamp,
			Date: time.Date(2027, 4, 15, 0, 0, 0, 0, time.FixedZone("CEST", 2*3600)), Summary: long,
			Description: "Komvux Östersund.\nLöpande start, 100 %", URL: "https://example.org/kurs/e.vux.1"}}}
	var buf bytes.Buffer
	if err := WriteICalendar(&buf, cal); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if !strings.Contains(raw, "\r\n ") {
		t.Fatal("a summary this long must be folded")
	}
	lines := parseICalendar(t, raw)
	props := map[string]string{}
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("no colon in %q", l)
		}
		if _, dup := props[name]; !dup || name == "BEGIN" || name == "END" {
			props[name] = value
		}
	}
	for name, want := range map[string]string{
		"VERSION":            "2.0",
		"PRODID":             cal.ProdID,
		"UID":                "e.vux.1.deadline@kurskatalog.regionjh.se",
		"DTSTAMP":            "20261123T093000Z",
		"DTSTART;VALUE=DATE": "20270415",
		"DTEND;VALUE=DATE":   "20270416",
		"URL":                "https://example.org/kurs/e.vux.1",
	} {
		if props[name] != want {
			t.Errorf("%s: got %q, want %q", name, props[name], want)
		}
	}
	if got := unescapeText(props["SUMMARY"]); got != long {
		t.Errorf("SUMMARY round trip: got %q, want %q", got, long)
	}
	if got := unescapeText(props["DESCRIPTION"]); got != "Komvux Östersund.\nLöpande start, 100 %" {
		t.Errorf("DESCRIPTION round trip: got %q", got)
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Errorf("calendar not wrapped in VCALENDAR: %q ... %q", lines[0], lines[len(lines)-1])
	}
}

func TestEscapeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"line\r\nnext\nlast", `line\nnext\nlast`},
	} {
		if got := EscapeText(tc.in); got != tc.want {
			t.Errorf("EscapeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFoldingKeepsCharactersWhole(t *testing.T) {
	for n := 60; n < 200; n += 7 {
		value := strings.Repeat("åäö€", n/4) + strings.Repeat("x", n%4)
		var buf bytes.Buffer
		if err := WriteICalendar(&buf, Calendar{ProdID: "-//t//t//SV", Name: value}); err != nil {
			t.Fatal(err)
		}
		lines := parseICalendar(t, buf.String())
		found := false
		for _, l := range lines {
			if v, ok := strings.CutPrefix(l, "X-WR-CALNAME:"); ok {
				found = v == value
			}
		}
		if !found {
			t.Errorf("length %d: name did not survive folding", n)
		}
	}
}

func FuzzWriteICalendar(f *testing.F) {
	f.Add("Svenska 1, grund; kväll\\helg", "rad ett\nrad två")
	f.Fuzz(func(t *testing.T, summary, description string) {
		if !utf8.ValidString(summary) || !utf8.ValidString(description) {
			t.Skip()
		}
		var buf bytes.Buffer
		ev := Event{UID: "u@x", Stamp: time.Unix(0, 0), Date: time.Unix(0, 0), Summary: summary, Description: description}
		if err := WriteICalendar(&buf, Calendar{ProdID: "-//t//t//SV", Events: []Event{ev}}); err != nil {
			t.Fatal(err)
		}
		for _, l := range parseICalendar(t, buf.String()) {
			if v, ok := strings.CutPrefix(l, "SUMMARY:"); ok {
				want := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(summary)
				if got := unescapeText(v); got != want {
					t.Fatalf("summary %q came back as %q", want, got)
				}
			}
		}
	})
}
