package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// builtWords keeps the queries typed text was built into
// (queryBuilder.build), for the reader they were built on. A learner's
// next click keeps the words and changes a filter: a new result (results)
// with the same words, as are the same words in another municipality.
// Building analyses every word several ways, looks up its terms,
// expansions and compounds, and runs a search to test a compound: at
// 270,000 events such searches took 0.218-0.220 ms each with the queries
// kept against 0.250-0.265 ms without (BenchmarkWordsElsewhere).
//
// It also keeps the query of each word (queryBuilder.word), which is most
// of a build's work: a search with words not typed together before (one
// more word, another order, a word of an earlier search with a new one)
// builds only what joins them.
type builtWords struct {
	kept  perReader[builtKey, query.Query]
	words perReader[builtWord, query.Query]
}

type builtKey struct {
	text    string
	relaxed bool
}

type builtWord struct {
	word  string
	depth int
}

// maxBuiltWords bounds the queries kept: some 4-8 MB (22 MB held every
// query of 2,704 pairs of words, relaxed or not). maxKeptWords bounds the
// words' queries, which the texts' queries share.
const (
	maxBuiltWords = 1024
	maxKeptWords  = 2048
)

// get returns what text was built into on r, building it (build) when it
// is not kept. A build during which ctx ended is not kept: its lookups
// answer "found" on an error (newQueryBuilder), so it may hold more than
// the words' query.
func (c *builtWords) get(ctx context.Context, r bleveindex.IndexReader, text string, relaxed bool, build func() query.Query) query.Query {
	return keepBuilt(ctx, &c.kept, r, builtKey{text, relaxed}, maxBuiltWords, build)
}

// word returns what word w at depth was built into on r, as get does for
// a text. The query is shared: read only.
func (c *builtWords) word(ctx context.Context, r bleveindex.IndexReader, w string, depth int, build func() query.Query) query.Query {
	return keepBuilt(ctx, &c.words, r, builtWord{w, depth}, maxKeptWords, build)
}

// keepBuilt returns the query kept for key on r, or builds it and keeps
// it, among size, unless ctx ended during the build.
func keepBuilt[K comparable](ctx context.Context, kept *perReader[K, query.Query], r bleveindex.IndexReader, key K, size int, build func() query.Query) query.Query {
	if q, ok := kept.get(r, key); ok {
		return q
	}
	q := build()
	if ctx.Err() == nil {
		kept.add(r, key, q, size)
	}
	return q
}
