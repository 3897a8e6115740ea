package main

import (
	"context"
	"fmt"
	"slices"

	"kurskatalog/data/catalog"
	"kurskatalog/index"
)

// Contender is one way of answering the mix.
type Contender interface {
	Name() string
	Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error)
}

// searchIndex is the service's index, as serve opens it: Bleve with the
// index's own mapping and query for the words, the facet engine for
// filters, counts, order and pages, and the word cache that keeps a
// search's Bleve matches until the next write.
type searchIndex struct {
	dir  string
	offs []catalog.Offering // what the store would hold
	ix   *index.Index
}

// reopen closes the index and opens it again from disk, as a restart of the
// service does: the facet engine is loaded from the offerings and the word
// cache starts empty. A search for a word outside the mix then waits for
// the mapping of Bleve's segments that opening starts, so that the next
// search pays for neither.
func (s *searchIndex) reopen(ctx context.Context) error {
	if s.ix != nil {
		if err := s.ix.Close(); err != nil {
			return err
		}
	}
	ix, fresh, err := index.Open(s.dir)
	if err != nil {
		return err
	}
	if fresh {
		ix.Close()
		return fmt.Errorf("searchbench: index at %s was rebuilt on open", s.dir)
	}
	s.ix = ix
	each := func(_ context.Context, yield func(catalog.Offering) error) error {
		for _, o := range s.offs {
			if err := yield(o); err != nil {
				return err
			}
		}
		return nil
	}
	if err := ix.LoadFacets(ctx, each); err != nil {
		return err
	}
	_, err = ix.Search(ctx, catalog.SearchQuery{Text: "orkester", Page: 1, PerPage: 1})
	return err
}

// indexContender answers with the service's index. Unless cached, it
// reopens the index before each timed pass, so that every pass meets its
// words for the first time, as the first searches after an import do;
// cached, the same index answers words it has answered before, as a facet
// click or the next page does.
type indexContender struct {
	name   string
	s      *searchIndex
	cached bool
}

func (c *indexContender) Name() string { return c.name }

func (c *indexContender) Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	return c.s.ix.Search(ctx, q)
}

// beforePass is called before each timed pass over the mix.
func (c *indexContender) beforePass(ctx context.Context) error {
	if c.cached {
		return nil
	}
	return c.s.reopen(ctx)
}

// compare returns the queries of mix on which a and b answer differently,
// among those without words (FTS5 has no Swedish stemming, so the matches
// of words differ by design): total, every count of the static facets, and
// the page where both order it the same way (by start or title; without
// words, relevance puts what is open for application first in the index).
func compare(ctx context.Context, a, b Contender, mix []Query) []string {
	var out []string
	for _, q := range mix {
		if q.Q.Text != "" {
			continue
		}
		ra, err1 := a.Search(ctx, q.Q)
		rb, err2 := b.Search(ctx, q.Q)
		if err1 != nil || err2 != nil {
			out = append(out, fmt.Sprintf("%s: errors %v, %v", q.Name, err1, err2))
			continue
		}
		if ra.Total != rb.Total {
			out = append(out, fmt.Sprintf("%s: total %d vs %d", q.Name, ra.Total, rb.Total))
			continue
		}
		for _, f := range staticFacets() {
			if x, y := ra.Facets[f.Name], rb.Facets[f.Name]; len(x)+len(y) > 0 && !slices.Equal(x, y) {
				out = append(out, fmt.Sprintf("%s: facet %s %v vs %v", q.Name, f.Name, x, y))
			}
		}
		if (q.Q.Sort == catalog.SortStart || q.Q.Sort == catalog.SortTitle) && !slices.Equal(ra.IDs, rb.IDs) {
			out = append(out, fmt.Sprintf("%s: page %v vs %v", q.Name, ra.IDs, rb.IDs))
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
