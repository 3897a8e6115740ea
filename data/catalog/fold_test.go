package catalog

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// foldAsWritten is fold as first written, lowering the whole string first:
// the definition the one-pass fold must keep.
func foldAsWritten(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestFoldAsWritten compares fold with its definition on every rune, on
// invalid UTF-8, and on every line of the bundled snapshots.
func TestFoldAsWritten(t *testing.T) {
	inputs := []string{"", "Komvux Östersund", "Svenska för invandrare, kurs B", "ÅÄÖ åäö ÉÜ", "İstanbul", "ǅ", "ⅣⅫ", "Ⓐⓑ",
		"ß ẞ", "\xff\xfeabc", "a\x80b", "Σίσυφος"}
	var all strings.Builder
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if utf8.ValidRune(r) {
			all.WriteRune(r)
		}
		if all.Len() > 4096 || r == unicode.MaxRune {
			inputs = append(inputs, all.String())
			all.Reset()
		}
	}
	inputs = append(inputs, snapshotLines(t)...)
	for _, in := range inputs {
		if got, want := fold(in), foldAsWritten(in); got != want {
			t.Fatalf("fold(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add("Komvux Östersund")
	f.Add("İ\xffß")
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := fold(in), foldAsWritten(in); got != want {
			t.Fatalf("fold(%q)\n = %q\nwant %q", in, got, want)
		}
	})
}

func BenchmarkFold(b *testing.B) {
	o := &Offering{Title: "Vård- och omsorgsarbete 1, distans", Provider: Provider{Name: "Komvux Östersund"}}
	b.Run("one pass", func(b *testing.B) {
		for b.Loop() {
			CourseKey(o)
		}
	})
	b.Run("as written", func(b *testing.B) {
		for b.Loop() {
			_ = foldAsWritten(o.Provider.Name) + "|" + foldAsWritten(o.Title)
		}
	})
}
