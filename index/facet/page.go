package facet

import (
	"iter"
	"slices"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
)

// Leads returns the first n hits as order visits them (docs outside hits
// are passed over). With courses, a course takes the place of its first
// doc in the order, once: that doc leads it.
func (s *Snapshot) Leads(order iter.Seq[uint32], hits *roaring.Bitmap, courses bool, n int) []uint32 {
	if n <= 0 {
		return nil
	}
	var seen *bitset
	if courses {
		seen = borrowBitset(len(s.own(courseDim).values))
		defer bitsets.Put(seen)
	}
	out := make([]uint32, 0, min(n, 64))
	for doc := range order {
		if !hits.Contains(doc) || (courses && !seen.add(s.course(doc))) {
			continue
		}
		if out = append(out, doc); len(out) == n {
			break
		}
	}
	return out
}

// InOrder visits hits in a presorted order (start, deadline or title;
// relevance means start). For a small set it sorts the hits by their
// place in the order; for a large one it walks the order.
func (s *Snapshot) InOrder(hits *roaring.Bitmap, sort string) iter.Seq[uint32] {
	o := s.orders[sortIndex(sort)]
	return func(yield func(uint32) bool) {
		if n := int(hits.GetCardinality()); n*16 < len(o.docs) {
			docs := hits.ToArray()
			slices.SortFunc(docs, func(a, b uint32) int { return int(o.rank[a]) - int(o.rank[b]) })
			for _, d := range docs {
				if s.alive.Contains(d) && !yield(d) {
					return
				}
			}
			return
		}
		for _, d := range o.docs {
			if hits.Contains(d) && !yield(d) {
				return
			}
		}
	}
}

// Soonest visits hits in the order a learner without words meets them:
// first what is open for application on today, then rolling starts one
// can begin now, then the rest; each in start order.
func (s *Snapshot) Soonest(hits *roaring.Bitmap, today time.Time) iter.Seq[uint32] {
	open, rolling := s.tiers(today)
	first := roaring.And(hits, open)
	second := roaring.AndNot(roaring.And(hits, rolling), first)
	rest := roaring.AndNot(roaring.AndNot(hits, first), second)
	return func(yield func(uint32) bool) {
		for _, part := range []*roaring.Bitmap{first, second, rest} {
			for d := range s.InOrder(part, catalog.SortStart) {
				if !yield(d) {
					return
				}
			}
		}
	}
}

// tiers returns the docs open for application on today and the rolling
// starts that are current on today, computed once per distinct timing.
func (s *Snapshot) tiers(today time.Time) (open, rolling *roaring.Bitmap) {
	k := "\x00tiers\x00" + Key(false, today)
	s.mu.Lock()
	defer s.mu.Unlock()
	if bm := s.tests[k]; bm != nil {
		return bm, s.tests[k+"r"]
	}
	d := s.own(timingDim)
	var o, r []*roaring.Bitmap
	for code, rep := range d.reps {
		switch {
		case catalog.OpenForApplication(rep, today):
			o = append(o, d.bitmaps[code])
		case rep.RollingStart && catalog.IsCurrent(rep, today):
			r = append(r, d.bitmaps[code])
		}
	}
	open, rolling = roaring.FastOr(o...), roaring.FastOr(r...)
	if len(s.tests) >= maxCached || s.tests == nil {
		s.tests = map[string]*roaring.Bitmap{}
	}
	s.tests[k], s.tests[k+"r"] = open, rolling
	return open, rolling
}
