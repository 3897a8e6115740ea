package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/registry"
)

// analyzerCached is the analyser type of the Swedish analysers: Bleve's
// custom analyser, remembering what it made of recent texts. An import
// analyses the same titles, provider names, places and facts again and
// again, each in up to four analyses; with the cache each distinct text is
// analysed once per analyser. The tokens are the same, so the mapping
// version is too: an index built before keeps its uncached analysers.
const analyzerCached = "custom_cached"

// Only short texts are cached: titles, names, places and facts repeat, a
// description rarely does, and a few of them would fill the cache. When a
// cache holds maxCachedTexts texts it starts again empty.
const (
	maxCachedText  = 200
	maxCachedTexts = 1 << 15
)

func init() {
	err := registry.RegisterAnalyzer(analyzerCached, func(config map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
		a, err := custom.AnalyzerConstructor(config, cache)
		if err != nil {
			return nil, err
		}
		return &cachedAnalyzer{analyzer: a, streams: map[string]analysis.TokenStream{}}, nil
	})
	if err != nil {
		panic(err)
	}
}

// cachedAnalyzer hands out the same token stream for the same short text.
// Bleve only reads the streams it gets (into term frequencies, queries), so
// they are shared, and their terms are copies that alias no caller's input.
type cachedAnalyzer struct {
	analyzer analysis.Analyzer
	mu       sync.Mutex
	streams  map[string]analysis.TokenStream
}

// Analyze returns the tokens of text. Callers must not modify them.
func (c *cachedAnalyzer) Analyze(text []byte) analysis.TokenStream {
	if len(text) > maxCachedText {
		return c.analyzer.Analyze(text)
	}
	c.mu.Lock()
	ts, ok := c.streams[string(text)]
	c.mu.Unlock()
	if ok {
		return ts
	}
	// The key is taken before the analysis: the lower-case filter writes
	// into the text it is given.
	key := string(text)
	ts = detach(c.analyzer.Analyze(text))
	c.mu.Lock()
	if len(c.streams) >= maxCachedTexts {
		clear(c.streams)
	}
	c.streams[key] = ts
	c.mu.Unlock()
	return ts
}

// detach copies a stream's tokens and terms into two allocations, so that
// the stream shares no memory with the analysed text.
func detach(in analysis.TokenStream) analysis.TokenStream {
	n := 0
	for _, t := range in {
		n += len(t.Term)
	}
	terms := make([]byte, 0, n)
	tokens := make([]analysis.Token, len(in))
	out := make(analysis.TokenStream, len(in))
	for i, t := range in {
		tokens[i] = *t
		start := len(terms)
		terms = append(terms, t.Term...)
		tokens[i].Term = terms[start:len(terms):len(terms)]
		out[i] = &tokens[i]
	}
	return out
}
