package bench

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"kurskatalog/data/catalog"
	"kurskatalog/index/facet"
)

// Contender is one way of answering the mix.
type Contender interface {
	Name() string
	Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error)
}

// bleveContender is Bleve with its own facets: index.Search's way.
type bleveContender struct{ b bleve.Index }

func (c *bleveContender) Name() string { return "bleve" }

func (c *bleveContender) Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	return bleveSearch(ctx, c.b, q)
}

// engineContender is the design of issue 5: Bleve finds the offerings that
// match the words, the facet engine filters, counts and pages them, and
// Bleve ranks the page when the order is relevance. As a floor, the text
// matches are taken from a cache and relevance pages by start: what is
// left is the engine's own cost, the least any design that keeps Bleve
// for text can spend on the rest.
type engineContender struct {
	name  string
	e     *facet.Engine
	b     bleve.Index
	text  *facet.Text
	floor bool

	build *Build

	// searchTime, matchTime and rankTime add up the time of searches and
	// of their Bleve parts, in nanoseconds.
	searchTime, matchTime, rankTime atomic.Int64

	mu    sync.Mutex
	snap  *facet.Snapshot
	cache map[string]*roaring.Bitmap
}

func (c *engineContender) Name() string { return c.name }

func (c *engineContender) Build() *Build { return c.build }

func (c *engineContender) resetTimes() {
	c.searchTime.Store(0)
	c.matchTime.Store(0)
	c.rankTime.Store(0)
}

func (c *engineContender) Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	t0 := time.Now()
	defer func() { c.searchTime.Add(int64(time.Since(t0))) }()
	snap := c.e.Snapshot()
	var matches *roaring.Bitmap
	if q.Text != "" {
		var err error
		t := time.Now()
		matches, err = c.match(ctx, snap, q.Text)
		c.matchTime.Add(int64(time.Since(t)))
		if err != nil {
			return nil, err
		}
	}
	hits, facets := snap.Search(q, matches)
	res := &catalog.SearchResult{Total: int(hits.GetCardinality()), Facets: facets}
	from := (q.Page - 1) * q.PerPage
	if q.Text != "" && q.Sort == catalog.SortRelevance && !c.floor {
		t := time.Now()
		ids, err := c.text.Rank(ctx, snap, textQuery(q.Text), hits, from, q.PerPage)
		c.rankTime.Add(int64(time.Since(t)))
		if err != nil {
			return nil, err
		}
		res.IDs = ids
	} else {
		res.IDs = snap.Page(hits, q.Sort, from, q.PerPage)
	}
	return res, nil
}

func (c *engineContender) match(ctx context.Context, snap *facet.Snapshot, text string) (*roaring.Bitmap, error) {
	if !c.floor {
		return c.text.Match(ctx, snap, matchQuery(c.b.Mapping(), text))
	}
	c.mu.Lock()
	if c.snap != snap {
		c.snap, c.cache = snap, map[string]*roaring.Bitmap{}
	}
	m, ok := c.cache[text]
	c.mu.Unlock()
	if ok {
		return m, nil
	}
	m, err := c.text.Match(ctx, snap, matchQuery(c.b.Mapping(), text))
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.cache[text] = m
	c.mu.Unlock()
	return m, nil
}

// textFields are the fields textQuery searches.
var textFields = []string{fieldTitle, fieldTitleEN, fieldKeywords, fieldProvider, fieldTowns, fieldDescription}

// matchQuery has the match set of textQuery (all words in one field, in
// any field; the title phrase adds nothing to the set) built from term and
// conjunction queries only, each field's words analysed with the field's
// analyzer, so that Bleve can run it on bitmaps.
func matchQuery(m mapping.IndexMapping, text string) query.Query {
	var fields []query.Query
	for _, f := range textFields {
		var terms []query.Query
		seen := map[string]bool{}
		for _, tok := range m.AnalyzerNamed(m.AnalyzerNameForPath(f)).Analyze([]byte(text)) {
			if t := string(tok.Term); !seen[t] {
				seen[t] = true
				q := bleve.NewTermQuery(t)
				q.SetField(f)
				terms = append(terms, q)
			}
		}
		switch len(terms) {
		case 0:
		case 1:
			fields = append(fields, terms[0])
		default:
			fields = append(fields, bleve.NewConjunctionQuery(terms...))
		}
	}
	if len(fields) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(fields...)
}

// compare returns the queries of mix on which b and e answer differently:
// total, facet counts, and the page unless it is ranked by score (ties may
// fall either way).
func compare(ctx context.Context, b, e Contender, mix []Query) []string {
	var out []string
	for _, q := range mix {
		rb, err1 := b.Search(ctx, q.Q)
		re, err2 := e.Search(ctx, q.Q)
		if err1 != nil || err2 != nil {
			out = append(out, fmt.Sprintf("%s: errors %v, %v", q.Name, err1, err2))
			continue
		}
		if rb.Total != re.Total {
			out = append(out, fmt.Sprintf("%s: total %d vs %d", q.Name, rb.Total, re.Total))
			continue
		}
		for _, f := range staticFacets() {
			if x, y := rb.Facets[f.Name], re.Facets[f.Name]; len(x)+len(y) > 0 && !slices.Equal(x, y) {
				out = append(out, fmt.Sprintf("%s: facet %s %v vs %v", q.Name, f.Name, x, y))
			}
		}
		if (q.Q.Text == "" || q.Q.Sort != catalog.SortRelevance) && !slices.Equal(rb.IDs, re.IDs) {
			out = append(out, fmt.Sprintf("%s: page %v vs %v", q.Name, rb.IDs, re.IDs))
		}
	}
	return out
}

// compareTotals returns the queries on which a and b find different totals.
func compareTotals(ctx context.Context, a, b Contender, mix []Query) []string {
	var out []string
	for _, q := range mix {
		ra, err1 := a.Search(ctx, q.Q)
		rb, err2 := b.Search(ctx, q.Q)
		if err1 != nil || err2 != nil || ra.Total != rb.Total {
			out = append(out, q.Name)
		}
	}
	return out
}
