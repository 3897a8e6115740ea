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
	bleveindex "github.com/blevesearch/bleve_index_api"

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
	q = dated(q)
	snap := ix.facets.Snapshot()
	key := resultKey(&q)
	r, ok := ix.results.get(snap.Version(), key)
	if !ok {
		var err error
		if r, err = ix.match(ctx, snap, q); err != nil {
			return nil, err
		}
		r.asked = q
		ix.results.put(snap.Version(), key, r)
	}
	words, hits := r.words, r.hits
	courses := q.Group != catalog.GroupIntake
	out := &catalog.SearchResult{Total: int(hits.GetCardinality()), Intakes: int(hits.GetCardinality()),
		Facets: make(map[string][]catalog.FacetValue, len(r.counts)), Matches: map[string]catalog.HitMatches{}, Relaxed: r.relaxed}
	for name, values := range r.counts {
		out.Facets[name] = slices.Clip(values) // shared: an append must copy
	}
	if courses {
		out.Total = r.courses
	}
	from := (q.Page - 1) * q.PerPage
	leads, err := ix.leads(ctx, snap, q, r, from+q.PerPage)
	if err != nil {
		return nil, err
	}
	page := leads[min(from, len(leads)):]
	out.IDs = make([]string, len(page))
	for i, lead := range page {
		out.IDs[i] = snap.ID(lead)
	}
	if courses {
		out.Courses = snap.Intakes(page, hits)
	}
	if words != nil && len(out.IDs) > 0 {
		if out.Matches, err = ix.highlights(ctx, r, out.IDs); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Kept reports whether a search for q would find its hits and counts kept
// (results) on the catalogue as it is now: it then works out only its
// order and page.
func (ix *Index) Kept(q catalog.SearchQuery) bool {
	q = dated(q)
	return ix.results.has(ix.Version(), resultKey(&q))
}

// dated is q on its day: today's when it names none.
func dated(q catalog.SearchQuery) catalog.SearchQuery {
	if q.Today.IsZero() {
		q.Today = catalog.Day(time.Now())
	}
	return q
}

// match finds what q's words and filters give on snap, whatever its order
// and page: the result the cache keeps (results).
func (ix *Index) match(ctx context.Context, snap *facet.Snapshot, q catalog.SearchQuery) (*result, error) {
	r := &result{}
	var matches *roaring.Bitmap
	if hasText(q) {
		p := parse(q.Text)
		rd, err := ix.reader()
		if err != nil {
			return nil, err
		}
		defer rd.Close()
		qb := newQueryBuilder(ctx, ix.bleve, rd, &ix.fuzzy, &ix.built)
		build := func(relaxed bool) query.Query {
			return ix.built.get(ctx, rd, q.Text, relaxed, func() query.Query { return qb.build(p, relaxed) })
		}
		r.words = build(false)
		if matches, err = ix.text.Match(ctx, snap, r.words); err != nil {
			return nil, fmt.Errorf("index: match: %w", err)
		}
		// Relax only when the words alone find nothing that can be shown:
		// a filter that leaves nothing should say so, not widen the words.
		alone := catalog.SearchQuery{Today: q.Today, IncludePast: q.IncludePast}
		if p.relaxable() && snap.Filter(alone, matches).IsEmpty() {
			r.relaxed, r.words = true, build(true)
			if matches, err = ix.text.Match(ctx, snap, r.words); err != nil {
				return nil, fmt.Errorf("index: match: %w", err)
			}
		}
	}
	if r.words != nil {
		r.scoring = scoring(r.words)
	}
	r.hits, r.counts = snap.Search(q, matches)
	if matches != nil {
		r.matched = matches.GetCardinality()
	}
	if q.Group != catalog.GroupIntake {
		r.courses = snap.Courses(r.hits)
	}
	return r, nil
}

// Course returns the offerings of the course that offering id is an intake
// of (catalog.CourseKey), not cancelled, in start order: the course as a
// search groups it.
func (ix *Index) Course(id string) []string { return ix.facets.Snapshot().Course(id) }

// reader opens a reader of the Bleve index; close it.
func (ix *Index) reader() (bleveindex.IndexReader, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return r, nil
}

func hasText(q catalog.SearchQuery) bool { return strings.TrimSpace(q.Text) != "" }

// keptLeads bounds the leads a result keeps for one order: 100 pages of
// 20, 8 KB. A page deeper than that walks the order every time, so that
// the results kept (1,024) cannot hold more than some 40 MB of leads. A
// variable for the tests, whose catalogue is smaller.
var keptLeads = 2000

// leads returns r's first n leads (facet.Snapshot.Leads) in q's order,
// from those r keeps for that order or else walking it, and keeps them,
// at least twice as many as before: the next page, a page before, or the
// same page asked again then walks no order. A deep page walks past
// every hit before it, scoring, weighing dates and grouping courses.
func (ix *Index) leads(ctx context.Context, snap *facet.Snapshot, q catalog.SearchQuery, r *result, n int) ([]uint32, error) {
	sort := cmp.Or(q.Sort, catalog.SortRelevance)
	r.mu.Lock()
	kept := r.leads[sort]
	r.mu.Unlock()
	if len(kept.docs) >= n || kept.all {
		return kept.docs[:min(n, len(kept.docs))], nil
	}
	order, err := ix.order(ctx, snap, q, r)
	if err != nil {
		return nil, err
	}
	walk := max(n, min(2*len(kept.docs), keptLeads))
	docs := snap.Leads(order, r.hits, q.Group != catalog.GroupIntake, walk)
	r.mu.Lock()
	if len(docs) > len(r.leads[sort].docs) && len(docs) <= keptLeads {
		if r.leads == nil {
			r.leads = map[string]leads{}
		}
		r.leads[sort] = leads{docs: docs, all: len(docs) < walk}
	}
	r.mu.Unlock()
	return docs[:min(n, len(docs))], nil
}

// order is the order q's hits are shown in. By relevance with words: Bleve's
// score times the date factor (dateFactor), ties in start order. By
// relevance without words: what one can apply to now first (Soonest).
// Otherwise the engine's presorted orders.
func (ix *Index) order(ctx context.Context, snap *facet.Snapshot, q catalog.SearchQuery, r *result) (iter.Seq[uint32], error) {
	words := r.words
	switch {
	case q.Sort != "" && q.Sort != catalog.SortRelevance:
		return snap.InOrder(r.hits, q.Sort), nil
	case words == nil:
		return snap.Soonest(r.hits, q.Today), nil
	}
	scores, err := ix.scores(ctx, snap, r)
	if err != nil {
		return nil, fmt.Errorf("index: rank: %w", err)
	}
	return byRelevance(scores, r.hits, func(d uint32) float64 { return dateFactor(snap.Dates(d), q.Today) }), nil
}

// scoreAllBelow: when the filters leave fewer than one in scoreAllBelow of
// the words' matches, only those are scored (ScoresWithin).
const scoreAllBelow = 4

// scores visits r's hits (and maybe other matches) with their scores, best
// first, ties in start order. The ranking of all the words' matches is
// kept by facet.Text for every search with those words. A ranking of one
// search's hits only is worth keeping with that search, for its next
// pages.
func (ix *Index) scores(ctx context.Context, snap *facet.Snapshot, r *result) (iter.Seq2[uint32, float64], error) {
	if r.hits.GetCardinality()*scoreAllBelow >= r.matched {
		return ix.text.Scores(ctx, snap, r.scoring)
	}
	r.mu.Lock()
	kept := r.ranked
	r.mu.Unlock()
	if kept == nil {
		all, err := ix.text.ScoresWithin(ctx, snap, r.scoring, r.hits)
		if err != nil {
			return nil, err
		}
		kept = make([]scored, 0, r.hits.GetCardinality())
		for d, s := range all {
			if r.hits.Contains(d) {
				kept = append(kept, scored{d, s})
			}
		}
		r.mu.Lock()
		r.ranked = kept
		r.mu.Unlock()
	}
	return func(yield func(uint32, float64) bool) {
		for _, s := range kept {
			if !yield(s.doc, s.score) {
				return
			}
		}
	}, nil
}

// byRelevance visits hits in the order of score times date factor, ties in
// the order scores come (best score first, then start order), as a stable
// sort of all hits would, but lazily: the date factor is at most
// maxDateFactor, so once the scores have fallen to s, a hit whose product
// is at least s*maxDateFactor can no longer be passed and is yielded. A
// page of 20 thus weighs a few hundred hits, not the 60,000 a common word
// matches at national size.
func byRelevance(scores iter.Seq2[uint32, float64], hits *roaring.Bitmap, factor func(uint32) float64) iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		var h weightedHeap
		pos := 0
		for d, score := range scores {
			if !hits.Contains(d) {
				continue
			}
			for bound := score * maxDateFactor; len(h) > 0 && h[0].score >= bound; {
				if !yield(h.pop().doc) {
					return
				}
			}
			h.push(weighted{d, score * factor(d), pos})
			pos++
		}
		for len(h) > 0 {
			if !yield(h.pop().doc) {
				return
			}
		}
	}
}

// weighted is a hit with its product of score and date factor and its
// place in score order, for ties.
type weighted struct {
	doc   uint32
	score float64
	pos   int
}

func (w weighted) before(o weighted) bool {
	return w.score > o.score || (w.score == o.score && w.pos < o.pos)
}

// weightedHeap is a heap with the hit to show first at 0.
type weightedHeap []weighted

func (h *weightedHeap) push(w weighted) {
	*h = append(*h, w)
	for i := len(*h) - 1; i > 0; {
		p := (i - 1) / 2
		if !(*h)[i].before((*h)[p]) {
			break
		}
		(*h)[p], (*h)[i] = (*h)[i], (*h)[p]
		i = p
	}
}

func (h *weightedHeap) pop() weighted {
	old := *h
	top := old[0]
	n := len(old) - 1
	old[0] = old[n]
	*h = old[:n]
	for i := 0; ; {
		l, w := 2*i+1, i
		if l < n && old[l].before(old[w]) {
			w = l
		}
		if r := l + 1; r < n && old[r].before(old[w]) {
			w = r
		}
		if w == i {
			return top
		}
		old[i], old[w] = old[w], old[i]
		i = w
	}
}

// highlights returns where r's words matched in the offerings ids: those
// r has from an earlier page or request, and the rest from Bleve, which
// then r keeps.
func (ix *Index) highlights(ctx context.Context, r *result, ids []string) (map[string]catalog.HitMatches, error) {
	out := make(map[string]catalog.HitMatches, len(ids))
	var missing []string
	r.mu.Lock()
	for _, id := range ids {
		m, ok := r.matches[id]
		switch {
		case !ok:
			missing = append(missing, id)
		case len(m.Title)+len(m.Description) > 0:
			out[id] = m
		}
	}
	r.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	found, err := ix.highlight(ctx, r.words, missing)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.matches == nil {
		r.matches = map[string]catalog.HitMatches{}
	}
	for _, id := range missing {
		m, ok := found[id]
		r.matches[id] = m // empty: no match in the fields shown, known now
		if ok && len(m.Title)+len(m.Description) > 0 {
			out[id] = m
		}
	}
	return out, nil
}

// highlight finds where words matched in the offerings ids, for the page's
// highlighting: one Bleve search over those ids alone, for the words'
// terms in the fields a page highlights (highlighted).
func (ix *Index) highlight(ctx context.Context, words query.Query, ids []string) (map[string]catalog.HitMatches, error) {
	terms := highlighted(words)
	if terms == nil {
		return map[string]catalog.HitMatches{}, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), terms), len(ids), 0, false)
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

// highlighted is the part of the words query that a page shows: its term
// and fuzzy queries on the title and description fields, once each, ORed.
// The whole query asks for every word in some ten fields and analyses and
// ranks with phrases; where it matched in the title and description is the
// same, for a fifth of the postings.
func highlighted(q query.Query) query.Query {
	var leaves []query.Query
	seen := map[string]bool{}
	fuzzy := func(q query.Query, f *query.FuzzyQuery) {
		if highlightField(f.FieldVal) && !seen["f"+f.FieldVal+"\x00"+f.Term] {
			seen["f"+f.FieldVal+"\x00"+f.Term] = true
			leaves = append(leaves, q)
		}
	}
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case *query.TermQuery:
			if highlightField(q.FieldVal) && !seen["t"+q.FieldVal+"\x00"+q.Term] {
				seen["t"+q.FieldVal+"\x00"+q.Term] = true
				leaves = append(leaves, q)
			}
		case *query.FuzzyQuery:
			fuzzy(q, q)
		case *fuzzyQuery:
			fuzzy(q, q.FuzzyQuery)
		case *query.DisjunctionQuery:
			for _, d := range q.Disjuncts {
				walk(d)
			}
		case *query.ConjunctionQuery:
			for _, c := range q.Conjuncts {
				walk(c)
			}
		case *query.BooleanQuery:
			walk(q.Must)
			walk(q.Should)
		}
	}
	walk(q)
	if len(leaves) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(leaves...)
}

func highlightField(f string) bool {
	switch f {
	case fieldTitle, fieldTitleExact, fieldTitleFolded, fieldTitlePlain, fieldDescription:
		return true
	}
	return false
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

// Version identifies the catalogue as searches see it now; it grows with
// every write (facet.Snapshot.Version). What is read or computed from the
// store for a version stays valid while Version returns it.
func (ix *Index) Version() uint64 { return ix.facets.Snapshot().Version() }

// Offerings is the number of offerings searches know, cancelled included:
// the store's count, without asking the store.
func (ix *Index) Offerings() int { return ix.facets.Snapshot().Size() }
