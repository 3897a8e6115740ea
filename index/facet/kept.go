package facet

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// A word of a search is a disjunction of dozens of term queries (its
// fields, analyses and variants). Scoring a search's hits within its
// filters advanced every one of them to every hit: at national size a few
// microseconds a hit, and most of what a new search of several words cost.
// A word is asked again and again in other company, so its scores are kept
// instead, for every offering it matches, and the search's query reads them
// as one searcher per word. A phrase asked again is kept the same way (see
// withKept). Bleve still puts the words, phrases and rewritings together,
// so the scores are those it gives.

// keptScores is one word's (or phrase's) matches in one reader: their
// internal doc numbers, ascending, each with its score under a query norm
// of 1, and the weight its searcher gives the query norm.
type keptScores struct {
	ids    []uint64
	scores []float64
	weight float64
}

// isWord reports whether q is a word, the unit whose matches (Match) and
// scores (withKept) Text keeps: a disjunction with a term or fuzzy query
// of its own (a word's fields, analyses and typos, beside its compound
// parts). The disjunctions that hold words (a search's variants, its words
// when relaxed, its phrases and optional words) are put together from
// their parts.
func isWord(q query.Query) bool {
	d, ok := q.(*query.DisjunctionQuery)
	if !ok {
		return false
	}
	for _, c := range d.Disjuncts {
		switch c.(type) {
		case *query.TermQuery, *query.FuzzyQuery:
			return true
		}
	}
	return false
}

// withKept returns q with each of its words and phrases read from their
// kept scores, scoring those that have none yet. The queries around them
// are copied, not changed. Within is the docs a filtered search scores
// (internal doc numbers, ascending), or nil.
//
// A phrase asked again is kept as a word is: Bleve starts a phrase's
// searcher by reading on from the first doc to the first that has the
// phrase, so a phrase of common words that few titles have ("svenska
// svenska", "svenska kurs") went through all the titles that have its
// words on every search, whatever the filters left (40-85 ms at national
// size). Keeping it goes through all of them, also past the first match,
// which made the first search of a pair of words slower (its p99 a half
// longer under load): a phrase is kept from its second search on, as the
// words are asked again with other filters or another page. Its first
// search within a filter reads the filter's docs only (withinQuery).
func (t *Text) withKept(r *readerCtx, q query.Query, within []uint64) (query.Query, error) {
	_, phrase := q.(*query.MatchPhraseQuery)
	if phrase && !t.askedBefore(r, q) {
		if within != nil {
			return &withinQuery{q: q, ids: within}, nil
		}
		return q, nil
	}
	if phrase || isWord(q) {
		k, err := t.kept(r, q)
		if err != nil {
			return nil, err
		}
		return &keptQuery{k}, nil
	}
	var err error
	each := func(qs []query.Query) []query.Query {
		out := make([]query.Query, len(qs))
		for i, c := range qs {
			if err == nil {
				out[i], err = t.withKept(r, c, within)
			}
		}
		return out
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		c := *q
		if q.Must != nil {
			if c.Must, err = t.withKept(r, q.Must, within); err != nil {
				return nil, err
			}
		}
		if q.Should != nil {
			if c.Should, err = t.withKept(r, q.Should, within); err != nil {
				return nil, err
			}
			c.Should = &stickyQuery{c.Should}
		}
		return &c, nil
	case *query.ConjunctionQuery:
		c := *q
		c.Conjuncts = each(q.Conjuncts)
		return &c, err
	case *query.DisjunctionQuery:
		c := *q
		c.Disjuncts = each(q.Disjuncts)
		return &c, err
	}
	return q, nil
}

// askedBefore reports whether q was asked before in r, and notes that it
// has been: without a cache, never.
func (t *Text) askedBefore(r *readerCtx, q query.Query) bool {
	key, cacheable := cacheKey("a", q)
	if !cacheable || t.cache == nil {
		return false
	}
	if t.cache.get(r.r, r.snap, key) != nil {
		return true
	}
	t.cache.put(r.r, r.snap, &cached{key: key})
	return false
}

// kept returns the kept scores of word, scoring it when they are not.
func (t *Text) kept(r *readerCtx, word query.Query) (*keptScores, error) {
	key, cacheable := cacheKey("w", word)
	if cacheable && t.cache != nil {
		if c := t.cache.get(r.r, r.snap, key); c != nil {
			return c.kept, nil
		}
	}
	s, err := word.Searcher(r.ctx, r.r, t.index.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, fmt.Errorf("facet: text: %w", err)
	}
	defer s.Close()
	k := &keptScores{weight: s.Weight()}
	s.SetQueryNorm(1)
	pool := search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)
	sctx := &search.SearchContext{DocumentMatchPool: pool}
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := r.ctx.Err(); err != nil {
				return nil, err
			}
		}
		m, err := s.Next(sctx)
		if err != nil {
			return nil, fmt.Errorf("facet: text: %w", err)
		}
		if m == nil {
			break
		}
		k.ids = append(k.ids, m.IndexInternalID.Value())
		k.scores = append(k.scores, m.Score)
		pool.Put(m)
	}
	k.ids, k.scores = slices.Clip(k.ids), slices.Clip(k.scores)
	if cacheable && t.cache != nil {
		t.cache.put(r.r, r.snap, &cached{key: key, kept: k, size: 16 * len(k.ids)})
	}
	return k, nil
}

// keptQuery searches one word's (or phrase's) kept scores, as its own
// searcher would: its scores are linear in the query norm its parent sets.
type keptQuery struct{ k *keptScores }

func (q *keptQuery) Searcher(context.Context, index.IndexReader, mapping.IndexMapping, search.SearcherOptions) (search.Searcher, error) {
	// A parent sets the norm of the whole query; asked alone, the word
	// is normed by its own weight, as Bleve norms a query's root.
	return &listSearcher{ids: q.k.ids, scores: q.k.scores, weight: q.k.weight, norm: 1 / math.Sqrt(q.k.weight)}, nil
}
