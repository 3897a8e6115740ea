package index

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"kurskatalog/data/catalog"
)

// Search runs q. Facet counts are disjunctive, as in good faceted search UIs:
// each facet is counted with every filter except its own, so choosing one
// municipality does not hide the others' counts. When no offering matches
// every word of a query of several words, the offerings matching all but
// one are returned and the result says Relaxed.
func (ix *Index) Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	today := q.Today
	if today.IsZero() {
		y, m, d := time.Now().In(catalog.Stockholm).Date()
		today = time.Date(y, m, d, 0, 0, 0, 0, catalog.Stockholm)
	}
	s := searcher{ix: ix, q: q, today: today, filters: filterQueries(q, today)}
	p := parse(q.Text)
	qb := newQueryBuilder(ctx, ix.bleve)
	s.text = bleve.NewMatchAllQuery()
	if hasText(q) {
		s.text = qb.build(p, false)
	}
	res, err := s.run(ctx)
	if err != nil || res.Total > 0 || !p.relaxable() {
		return res, err
	}
	// Relax only when the words alone match nothing: a filter that leaves
	// nothing should say so, not widen the words.
	alone := bleve.NewSearchRequestOptions(s.conjunction(slices.Collect(maps.Keys(s.filters))), 0, 0, false)
	if r, err := ix.bleve.SearchInContext(ctx, alone); err != nil || r.Total > 0 {
		return res, err
	}
	s.text = qb.build(p, true)
	res, err = s.run(ctx)
	if res != nil {
		res.Relaxed = true
	}
	return res, err
}

func hasText(q catalog.SearchQuery) bool { return strings.TrimSpace(q.Text) != "" }

// searcher is one search: its query, day and filters.
type searcher struct {
	ix      *Index
	q       catalog.SearchQuery
	today   time.Time
	text    query.Query
	filters map[string]query.Query
}

func (s *searcher) run(ctx context.Context) (*catalog.SearchResult, error) {
	if s.ix.facetsReady.Load() {
		return s.runWithEngine(ctx)
	}
	return s.runBleve(ctx, true)
}

// runWithEngine counts the facets and filters with the facet engine. Bleve
// only finds the offerings that match the words (and, for a text query,
// ranks and pages them, so that scores, date ranking and highlighting stay
// Bleve's); a search without words never touches Bleve.
func (s *searcher) runWithEngine(ctx context.Context) (*catalog.SearchResult, error) {
	snap := s.ix.facets.Snapshot()
	q := s.q
	q.Today = s.today
	var matches *roaring.Bitmap
	if hasText(q) {
		m, err := s.ix.text.Match(ctx, snap, s.text)
		if err != nil {
			return nil, fmt.Errorf("index: match: %w", err)
		}
		matches = m
	}
	hits, counts := snap.Search(q, matches)
	var out *catalog.SearchResult
	if hasText(q) {
		var err error
		if out, err = s.runBleve(ctx, false); err != nil {
			return nil, err
		}
	} else {
		out = &catalog.SearchResult{Matches: map[string]catalog.HitMatches{},
			IDs: snap.Page(hits, q.Sort, (q.Page-1)*q.PerPage, q.PerPage)}
	}
	out.Total, out.Facets = int(hits.GetCardinality()), counts
	return out, nil
}

// runBleve runs the search with Bleve alone; with facets false it leaves
// the facets out (the engine counts them).
func (s *searcher) runBleve(ctx context.Context, facets bool) (*catalog.SearchResult, error) {
	q, hasText := s.q, hasText(s.q)
	from := (q.Page - 1) * q.PerPage
	end := from + q.PerPage
	// Ranking by date reorders the best matches, so it needs all of them
	// up to the page's end (and at least the window, for stable pages).
	rescoring := hasText && (q.Sort == "" || q.Sort == catalog.SortRelevance) && from < rescoreWindow
	size, offset := q.PerPage, from
	if rescoring {
		size, offset = max(end, rescoreWindow), 0
	}
	main := bleve.NewSearchRequestOptions(s.conjunction(nil), size, offset, false)
	main.SortBy(sortOrder(q.Sort, hasText))
	main.IncludeLocations = hasText
	if rescoring {
		main.Fields = []string{fieldTiming}
	}
	for i := range catalog.Facets {
		if f := &catalog.Facets[i]; facets && s.filters[f.Name] == nil {
			addFacet(main, f, s.today)
		}
	}
	res, err := s.ix.bleve.SearchInContext(ctx, main)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	hits := res.Hits
	if rescoring {
		rescore(hits, s.today)
		hits = hits[min(from, len(hits)):min(end, len(hits))]
	}
	out := &catalog.SearchResult{Total: int(res.Total), Facets: map[string][]catalog.FacetValue{},
		Matches: map[string]catalog.HitMatches{}}
	for _, h := range hits {
		out.IDs = append(out.IDs, h.ID)
		if hasText {
			out.Matches[h.ID] = matchesOf(h)
		}
	}
	for i := range catalog.Facets {
		f := &catalog.Facets[i]
		switch {
		case !facets:
		case f.Name == catalog.FacetApplicationOpen:
			n, err := s.count(ctx, f.Name, openQuery(s.today))
			if err != nil {
				return nil, err
			}
			out.Facets[f.Name] = []catalog.FacetValue{}
			if n > 0 {
				out.Facets[f.Name] = []catalog.FacetValue{{Value: catalog.ApplicationIsOpen, Count: n}}
			}
		case s.filters[f.Name] != nil:
			// A facet with its own filter active is counted without it.
			req := bleve.NewSearchRequestOptions(s.conjunction([]string{f.Name}), 0, 0, false)
			addFacet(req, f, s.today)
			r, err := s.ix.bleve.SearchInContext(ctx, req)
			if err != nil {
				return nil, fmt.Errorf("index: facet %s: %w", f.Name, err)
			}
			out.Facets[f.Name] = readFacet(r, f)
		default:
			out.Facets[f.Name] = readFacet(res, f)
		}
	}
	return out, nil
}

// count returns the number of matches with every filter but skip's, and
// also matching extra.
func (s *searcher) count(ctx context.Context, skip string, extra query.Query) (int, error) {
	b := bleve.NewConjunctionQuery(s.conjunction([]string{skip}), extra)
	r, err := s.ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(b, 0, 0, false))
	if err != nil {
		return 0, fmt.Errorf("index: count %s: %w", skip, err)
	}
	return int(r.Total), nil
}

// conjunction ANDs the text query with every filter except those named in
// skip, and keeps cancelled and (unless asked for) past offerings out.
// Filters do not score.
func (s *searcher) conjunction(skip []string) query.Query {
	b := bleve.NewBooleanQuery()
	b.AddMust(s.text)
	var filters []query.Query
	names := make([]string, 0, len(s.filters))
	for name := range s.filters {
		names = append(names, name)
	}
	slices.Sort(names) // a stable query shape
	for _, name := range names {
		if !slices.Contains(skip, name) {
			filters = append(filters, s.filters[name])
		}
	}
	if len(filters) > 0 {
		b.AddFilter(bleve.NewConjunctionQuery(filters...))
	}
	cancelled := bleve.NewBoolFieldQuery(true)
	cancelled.SetField(fieldCancelled)
	b.AddMustNot(cancelled)
	if !s.q.IncludePast {
		b.AddMustNot(pastQuery(s.today))
	}
	return b
}

// pastQuery matches offerings that are over on day today (catalog.IsPast).
func pastQuery(today time.Time) query.Query {
	fixed := bleve.NewBoolFieldQuery(false)
	fixed.SetField(fieldRolling)
	return bleve.NewConjunctionQuery(dateRange(fieldLastDay, time.Time{}, today), fixed)
}

// filterQueries builds one query per active filter, keyed by facet name
// (or the parameter's name, for filters that are no facet). Values within
// one filter are ORed.
func filterQueries(q catalog.SearchQuery, today time.Time) map[string]query.Query {
	f := map[string]query.Query{}
	for name, values := range q.Filters {
		if facet, ok := catalog.FacetNamed(name); ok && len(values) > 0 && name != catalog.FacetApplicationOpen {
			f[name] = facetFilter(facet, values, today)
		}
	}
	if m, ok := f[catalog.FacetMunicipality]; ok && q.IncludeDistance {
		var distance []query.Query
		for _, mode := range []catalog.Mode{catalog.ModeOnline, catalog.ModeBlended} {
			t := bleve.NewTermQuery(string(mode))
			t.SetField(catalog.FacetMode)
			distance = append(distance, t)
		}
		f[catalog.FacetMunicipality] = bleve.NewDisjunctionQuery(append(distance, m)...)
	}
	if !q.StartFrom.IsZero() || !q.StartTo.IsZero() {
		to := q.StartTo
		if !to.IsZero() {
			to = to.AddDate(0, 0, 1) // inclusive of the whole last day
		}
		f["start"] = dateRange(fieldStart, q.StartFrom, to)
	}
	switch {
	case !q.ApplicationOpen.IsZero():
		f[catalog.FacetApplicationOpen] = openQuery(q.ApplicationOpen)
	case slices.Contains(q.Filters[catalog.FacetApplicationOpen], catalog.ApplicationIsOpen):
		f[catalog.FacetApplicationOpen] = openQuery(today)
	}
	if q.RollingStart != nil {
		r := bleve.NewBoolFieldQuery(*q.RollingStart)
		r.SetField(fieldRolling)
		f["rolling_start"] = r
	}
	if n := q.MaxMandatorySessions; n != nil {
		online := bleve.NewTermQuery(string(catalog.ModeOnline))
		online.SetField(catalog.FacetMode)
		blended := bleve.NewTermQuery(string(catalog.ModeBlended))
		blended.SetField(catalog.FacetMode)
		most, inclusive := float64(*n), true
		sessions := bleve.NewNumericRangeInclusiveQuery(nil, &most, nil, &inclusive)
		sessions.SetField(fieldSessions)
		f["max_mandatory_sessions"] = bleve.NewDisjunctionQuery(online, bleve.NewConjunctionQuery(blended, sessions))
	}
	return f
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

// sortOrder returns Bleve sort keys. Relevance without text has no scores
// to order by, so it falls back to the start date.
func sortOrder(sort string, hasText bool) []string {
	switch sort {
	case catalog.SortStart:
		return []string{fieldStart, fieldTitleSort, "_id"}
	case catalog.SortDeadline:
		return []string{fieldDeadline, fieldStart, "_id"}
	case catalog.SortTitle:
		return []string{fieldTitleSort, fieldStart, "_id"}
	}
	if !hasText {
		return []string{fieldStart, fieldTitleSort, "_id"}
	}
	return []string{"-_score", fieldStart, "_id"}
}
