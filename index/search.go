package index

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"kurskatalog/data/catalog"
	"kurskatalog/index/facet"
)

// Search runs q. The facet engine filters, counts, orders and pages; Bleve
// only says which offerings match the words and how well. Facet counts are
// disjunctive, as in good faceted search UIs: each facet is counted with
// every filter except its own, so choosing one municipality does not hide
// the others' counts. Unless q groups by intake, a hit is a course with its
// matching intakes, and Total and the counts count courses. When no
// offering matches every word of a query of several words, the offerings
// matching all but one are returned and the result says Relaxed.
func (ix *Index) Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	if q.Today.IsZero() {
		y, m, d := time.Now().In(catalog.Stockholm).Date()
		q.Today = time.Date(y, m, d, 0, 0, 0, 0, catalog.Stockholm)
	}
	snap := ix.facets.Snapshot()
	var words query.Query // the scoring query; nil without words
	var matches *roaring.Bitmap
	relaxed := false
	if hasText(q) {
		p := parse(q.Text)
		qb := newQueryBuilder(ctx, ix.bleve)
		var err error
		words = qb.build(p, false)
		if matches, err = ix.text.Match(ctx, snap, words); err != nil {
			return nil, fmt.Errorf("index: match: %w", err)
		}
		// Relax only when the words alone find nothing that can be shown:
		// a filter that leaves nothing should say so, not widen the words.
		alone := catalog.SearchQuery{Today: q.Today, IncludePast: q.IncludePast}
		if p.relaxable() && !snap.Filter(alone).Intersects(matches) {
			relaxed, words = true, qb.build(p, true)
			if matches, err = ix.text.Match(ctx, snap, words); err != nil {
				return nil, fmt.Errorf("index: match: %w", err)
			}
		}
	}
	hits, counts := snap.Search(q, matches)
	courses := q.Group != catalog.GroupIntake
	out := &catalog.SearchResult{Total: int(hits.GetCardinality()), Intakes: int(hits.GetCardinality()),
		Facets: counts, Matches: map[string]catalog.HitMatches{}, Relaxed: relaxed}
	if courses {
		out.Total = snap.Courses(hits)
	}
	order, err := ix.order(ctx, snap, q, words, hits)
	if err != nil {
		return nil, err
	}
	for _, e := range snap.Arrange(order, hits, courses, (q.Page-1)*q.PerPage, q.PerPage) {
		out.IDs = append(out.IDs, e.Lead)
		if courses {
			out.Courses = append(out.Courses, e.Intakes)
		}
	}
	if words != nil && len(out.IDs) > 0 {
		if out.Matches, err = ix.highlight(ctx, words, out.IDs); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Course returns the offerings of the course that offering id is an intake
// of (catalog.CourseKey), not cancelled, in start order: the course as a
// search groups it.
func (ix *Index) Course(id string) []string { return ix.facets.Snapshot().Course(id) }

func hasText(q catalog.SearchQuery) bool { return strings.TrimSpace(q.Text) != "" }

// order is the order q's hits are shown in. By relevance with words: Bleve's
// score times the date factor (dateFactor), ties in start order. By
// relevance without words: what one can apply to now first (Soonest).
// Otherwise the engine's presorted orders.
func (ix *Index) order(ctx context.Context, snap *facet.Snapshot, q catalog.SearchQuery, words query.Query, hits *roaring.Bitmap) (iter.Seq[uint32], error) {
	switch {
	case q.Sort != "" && q.Sort != catalog.SortRelevance:
		return snap.InOrder(hits, q.Sort), nil
	case words == nil:
		return snap.Soonest(hits, q.Today), nil
	}
	scores, err := ix.text.Scores(ctx, snap, words)
	if err != nil {
		return nil, fmt.Errorf("index: rank: %w", err)
	}
	type weighted struct {
		doc   uint32
		score float64
	}
	ranked := make([]weighted, 0, hits.GetCardinality())
	for d, score := range scores {
		if hits.Contains(d) {
			ranked = append(ranked, weighted{d, score * dateFactor(snap.Dates(d), q.Today)})
		}
	}
	// Scores come best first with ties in start order; a stable sort keeps
	// that order between equal products.
	slices.SortStableFunc(ranked, func(a, b weighted) int { return cmp.Compare(b.score, a.score) })
	return func(yield func(uint32) bool) {
		for _, w := range ranked {
			if !yield(w.doc) {
				return
			}
		}
	}, nil
}

// highlight finds where words matched in the offerings ids, for the page's
// highlighting: one Bleve search over those ids alone.
func (ix *Index) highlight(ctx context.Context, words query.Query, ids []string) (map[string]catalog.HitMatches, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), words), len(ids), 0, false)
	req.IncludeLocations = true
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: highlight: %w", err)
	}
	out := make(map[string]catalog.HitMatches, len(res.Hits))
	for _, h := range res.Hits {
		out[h.ID] = matchesOf(h)
	}
	return out, nil
}

// matchesOf reads where a hit matched, from Bleve's term locations.
func matchesOf(h *search.DocumentMatch) catalog.HitMatches {
	var m catalog.HitMatches
	for field, terms := range h.Locations {
		var spans *[]catalog.Span
		switch field {
		case fieldTitle, fieldTitleExact, fieldTitleFolded, fieldTitlePlain:
			spans = &m.Title
		case fieldDescription:
			spans = &m.Description
		default:
			continue
		}
		for _, locs := range terms {
			for _, l := range locs {
				*spans = append(*spans, catalog.Span{Start: int(l.Start), End: int(l.End)})
			}
		}
	}
	m.Title, m.Description = mergeSpans(m.Title), mergeSpans(m.Description)
	return m
}

// mergeSpans sorts spans and joins the overlapping ones.
func mergeSpans(spans []catalog.Span) []catalog.Span {
	slices.SortFunc(spans, func(a, b catalog.Span) int { return cmp.Or(a.Start-b.Start, a.End-b.End) })
	var out []catalog.Span
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}
