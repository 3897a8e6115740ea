package facet

import (
	"slices"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
)

// Filter returns the offerings among matches (nil: every offering) that
// pass q's filters: the conditions and every facet filter (values ORed,
// facets ANDed), never a cancelled one; Search without the counts. A zero
// q.Today means today in Sweden, here and in Counts and Search. It ignores
// q.Text: matches are the text's.
func (s *Snapshot) Filter(q catalog.SearchQuery, matches *roaring.Bitmap) *roaring.Bitmap {
	hits, _ := s.search(&q, matches, false)
	return hits
}

// Counts returns the facet counts of q among matches (nil: no text query,
// every offering). They are disjunctive: each facet is counted with every
// filter except its own. They count courses unless q groups by intake.
func (s *Snapshot) Counts(q catalog.SearchQuery, matches *roaring.Bitmap) map[string][]catalog.FacetValue {
	_, counts := s.search(&q, matches, true)
	return counts
}

// Search returns the hits of q among matches (nil: every offering) and the
// facet counts, sharing the work between them. The hits are the caller's.
func (s *Snapshot) Search(q catalog.SearchQuery, matches *roaring.Bitmap) (*roaring.Bitmap, map[string][]catalog.FacetValue) {
	return s.search(&q, matches, true)
}

func (s *Snapshot) search(q *catalog.SearchQuery, matches *roaring.Bitmap, count bool) (*roaring.Bitmap, map[string][]catalog.FacetValue) {
	if q.Today.IsZero() { // as index.Search: today in Sweden
		q.Today = catalog.Day(time.Now())
	}
	// base: what every facet is counted over. Smallest first, so that the
	// intersections shrink fast.
	parts := []*roaring.Bitmap{s.visible}
	if matches != nil {
		parts = append(parts, matches)
	}
	for ci := range s.conds {
		if bm := s.passing(ci, q); bm != nil {
			parts = append(parts, bm)
		}
	}
	base := s.visible
	if len(parts) > 1 {
		slices.SortFunc(parts, bySize)
		base = roaring.FastAnd(parts...)
	}
	type filter struct {
		fi int
		bm *roaring.Bitmap
	}
	var fs []filter
	for fi := range s.facets {
		if values, day := s.selected(fi, q); len(values) > 0 {
			bm := s.filterOf(fi, values, day)
			if q.IncludeDistance && s.facets[fi].Name == catalog.FacetMunicipality {
				bm = roaring.Or(bm, s.distance())
			}
			fs = append(fs, filter{fi, bm})
		}
	}
	slices.SortFunc(fs, func(a, b filter) int { return bySize(a.bm, b.bm) })
	// prefix[i] is base with the first i filters. Facet i is counted over
	// prefix[i] and the filters after i: every filter but its own, in 3k
	// intersections instead of k².
	k := len(fs)
	prefix := make([]*roaring.Bitmap, k+1)
	prefix[0] = base
	for i, f := range fs {
		prefix[i+1] = roaring.And(prefix[i], f.bm)
	}
	hits := prefix[k]
	if hits == s.visible || hits == matches {
		hits = hits.Clone()
	}
	if !count {
		return hits, nil
	}
	courses := q.Group != catalog.GroupIntake
	out := make(map[string][]catalog.FacetValue, len(s.facets))
	own := make([]bool, len(s.facets))
	var after *roaring.Bitmap // the filters after i; nil: none
	for i := k - 1; i >= 0; i-- {
		set := prefix[i]
		if after != nil {
			set = roaring.And(prefix[i], after)
		}
		s.countGroup(set, []int{fs[i].fi}, q.Today, courses, out)
		own[fs[i].fi] = true
		if i > 0 {
			if after == nil {
				after = fs[i].bm
			} else {
				after = roaring.And(after, fs[i].bm)
			}
		}
	}
	var rest []int
	for fi := range s.facets {
		if !own[fi] {
			rest = append(rest, fi)
		}
	}
	if len(rest) > 0 {
		s.countGroup(hits, rest, q.Today, courses, out)
	}
	return hits, out
}

// distance returns the offerings taught at a distance (online or
// blended), which SearchQuery.IncludeDistance adds to a municipality filter:
// a resident can take them from anywhere.
func (s *Snapshot) distance() *roaring.Bitmap {
	for fi := range s.facets {
		if s.facets[fi].Name == catalog.FacetMode {
			return s.filterOf(fi, []string{string(catalog.ModeOnline), string(catalog.ModeBlended)}, time.Time{})
		}
	}
	return roaring.New()
}

func bySize(a, b *roaring.Bitmap) int {
	x, y := a.GetCardinality(), b.GetCardinality()
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// selected returns the values q filters facet fi by, and their day.
func (s *Snapshot) selected(fi int, q *catalog.SearchQuery) ([]string, time.Time) {
	f := &s.facets[fi]
	if f.Selected != nil {
		return f.Selected(q)
	}
	return q.Filters[f.Name], q.Today
}

// filterOf returns the docs with any of values in facet fi on day. The
// result may be one of the snapshot's own bitmaps: read only.
func (s *Snapshot) filterOf(fi int, values []string, day time.Time) *roaring.Bitmap {
	var bms []*roaring.Bitmap
	if s.facets[fi].Dated {
		v := s.view(fi, day)
		for _, name := range values {
			if b := slices.Index(v.names, name); b >= 0 {
				bms = append(bms, v.bitmaps[b])
			}
		}
	} else {
		d := s.dims[fi]
		for _, value := range values {
			if c, ok := d.codes[value]; ok {
				bms = append(bms, d.bitmaps[c])
			}
		}
	}
	switch len(bms) {
	case 0:
		return roaring.New()
	case 1:
		return bms[0]
	}
	return roaring.FastOr(bms...)
}
