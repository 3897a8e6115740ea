package index

import (
	"context"
	"sync"

	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// builtWords keeps the queries typed text was built into
// (queryBuilder.build), for the reader they were built on. A learner's
// next click keeps the words and changes a filter: a new result (results)
// with the same words, as are the same words in another municipality.
// Building analyses every word several ways, looks up its terms,
// expansions and compounds, and runs a search to test a compound: at
// 270,000 events such searches took 0.218-0.220 ms each with the queries
// kept against 0.250-0.265 ms without (BenchmarkWordsElsewhere).
type builtWords struct {
	mu     sync.Mutex
	reader bleveindex.IndexReader
	lru    *simplelru.LRU[builtKey, query.Query]
}

type builtKey struct {
	text    string
	relaxed bool
}

// maxBuiltWords bounds the queries kept, the least recently used going
// first: some 4-8 MB (22 MB held every query of 2,704 pairs of words,
// relaxed or not).
const maxBuiltWords = 1024

// get returns what text was built into on r, building it (build) when it
// is not kept. A build during which ctx ended is not kept: its lookups
// answer "found" on an error (newQueryBuilder), so it may hold more than
// the words' query.
func (c *builtWords) get(ctx context.Context, r bleveindex.IndexReader, text string, relaxed bool, build func() query.Query) query.Query {
	key := builtKey{text, relaxed}
	c.mu.Lock()
	if c.reader != r || c.lru == nil {
		c.reader = r
		c.lru, _ = simplelru.NewLRU[builtKey, query.Query](maxBuiltWords, nil) // an error only for a size below 1
	}
	q, ok := c.lru.Get(key)
	c.mu.Unlock()
	if ok {
		return q
	}
	q = build()
	if ctx.Err() == nil {
		c.mu.Lock()
		if c.reader == r {
			c.lru.Add(key, q)
		}
		c.mu.Unlock()
	}
	return q
}
