package index

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/registry"
)

// A cached analyser answers as the analyser it caches, the first time and
// every time after, and the streams it keeps share nothing with the texts
// it read. (A long text is analysed as Bleve does, in place.)
func TestCachedAnalyzer(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{analyzerSwedish, analyzerWords, analyzerFolded, analyzerPlain} {
		cached, ok := m.AnalyzerNamed(name).(*cachedAnalyzer)
		if !ok {
			t.Fatalf("%s is %T, want the cached analyser", name, m.AnalyzerNamed(name))
		}
		config := map[string]any{"tokenizer": "unicode", "token_filters": tokenFilters[name]}
		plain, err := custom.AnalyzerConstructor(config, registry.NewCache())
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{"Undersköterskeutbildning i Östersund", "Svenska för invandrare", "",
			strings.Repeat("Vård- och omsorgsutbildning ", 20)} {
			want := streamString(plain.Analyze([]byte(text)))
			for i := range 2 {
				in := []byte(text)
				got := cached.Analyze(in)
				if len(text) <= maxCachedText {
					clear(in) // the caller's buffer is its own
				}
				if s := streamString(got); s != want {
					t.Errorf("%s(%q), call %d:\n got %s\nwant %s", name, text, i+1, s, want)
				}
			}
		}
	}
}

// streamString writes every field of a token stream that the index reads.
func streamString(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%s/%d,%d,%d,%d ", t.Term, t.Start, t.End, t.Position, t.Type)
	}
	return b.String()
}
