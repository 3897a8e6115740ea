package catalog

import (
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// plainTextByRegexp is PlainText as first written, with two regular
// expressions: the definition the hand-written walk must keep.
func plainTextByRegexp(h string) string {
	s := markupRE.ReplaceAllString(h, " ")
	s = html.UnescapeString(s)
	return strings.TrimSpace(spaceRE.ReplaceAllString(s, " "))
}

var (
	markupRE = regexp.MustCompile(`<[^>]*>`)
	spaceRE  = regexp.MustCompile(`\s+`)
)

var plainTextCases = []string{
	"",
	"Kurs i <b>svenska</b> för vuxna.",
	"<p>Första stycket.</p>\n\n<p>Andra &amp; sista&nbsp;stycket.</p>",
	"  \t leading and trailing \r\n ",
	"a < b och c > d",
	"ett < utan slut",
	"<<nested>> tags",
	"<a href=\"x\">länk</a><br/>efter",
	"&lt;b&gt;escaped&lt;/b&gt;",
	"vertical\vtab and\u00a0no-break\u2028line",
	"tab\tand\fform\rfeed",
	"invalid \xff utf-8 <i>x</i>",
	">only a closing",
	"<",
	">",
	"<>",
	" <> ",
}

// TestPlainTextAsRegexp compares PlainText with its definition on the
// cases above and on every line of the bundled snapshots (EMIL3's JSON
// with its HTML descriptions, the sites' pages).
func TestPlainTextAsRegexp(t *testing.T) {
	inputs := append(append([]string(nil), plainTextCases...), snapshotLines(t)...)
	for _, in := range inputs {
		if got, want := PlainText(in), plainTextByRegexp(in); got != want {
			t.Fatalf("PlainText(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}

// snapshotLines returns every line of the bundled snapshots (EMIL3's
// JSON with its HTML descriptions, the sites' pages).
func snapshotLines(t *testing.T) []string {
	t.Helper()
	var lines []string
	root := filepath.Join("..", "snapshots")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".zip") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		lines = append(lines, strings.Split(string(raw), "\n")...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) < 1000 {
		t.Fatalf("only %d lines: are the snapshots at %s?", len(lines), root)
	}
	return lines
}

func FuzzPlainText(f *testing.F) {
	for _, c := range plainTextCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := PlainText(in), plainTextByRegexp(in); got != want {
			t.Fatalf("PlainText(%q)\n = %q\nwant %q", in, got, want)
		}
	})
}

func BenchmarkPlainText(b *testing.B) {
	desc := strings.Repeat("<p>Kursen ger dig grunderna i svenska språket, &amp; du läser texter.</p>\n", 8)
	b.Run("walk", func(b *testing.B) {
		for b.Loop() {
			PlainText(desc)
		}
	})
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			plainTextByRegexp(desc)
		}
	})
}
