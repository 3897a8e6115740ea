package facet

import (
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
)

// After the facets and the conditions, a snapshot has two dims of its own:
// the course of each offering (catalog.CourseKey), by which a search groups
// intakes into one result, and its timing (every date), whose
// representative offering the date ranking and the intakes' order read.
const (
	courseDim = iota
	timingDim
	nOwnDims
)

func (s *Snapshot) own(which int) *dim { return s.dims[len(s.facets)+len(s.conds)+which] }

// ownValue returns o's raw value in the snapshot's own dim which.
func ownValue(which int, o *catalog.Offering) string {
	if which == courseDim {
		return catalog.CourseKey(o)
	}
	return timingKey(o)
}

// course returns the course code of a live doc.
func (s *Snapshot) course(doc uint32) uint32 { return s.own(courseDim).col[doc] - 1 }

// Dates returns an offering with the dates of a live doc (start, end,
// application period, rolling start) and nothing else.
func (s *Snapshot) Dates(doc uint32) *catalog.Offering {
	d := s.own(timingDim)
	return d.reps[d.col[doc]-1]
}

// Courses returns the number of courses among docs.
func (s *Snapshot) Courses(docs *roaring.Bitmap) int {
	seen := borrowBitset(len(s.own(courseDim).values))
	defer bitsets.Put(seen)
	n := 0
	it := docs.ManyIterator()
	var buf [512]uint32
	for m := it.NextMany(buf[:]); m > 0; m = it.NextMany(buf[:]) {
		for _, doc := range buf[:m] {
			if seen.add(s.course(doc)) {
				n++
			}
		}
	}
	return n
}

// Course returns the offerings a search can show (not cancelled) of the
// course that offering id is an intake of, id among them, in start order;
// nil when the snapshot does not have id.
func (s *Snapshot) Course(id string) []string {
	doc, ok := s.Lookup(id)
	if !ok {
		return nil
	}
	return s.Intakes([]uint32{doc}, s.visible)[0]
}

// Intakes returns, for each doc of docs, the IDs of the docs of hits that
// belong to its course, in start order: what a page of course hits lists.
// Each is the course's part of byCourse, each doc looked up in hits. A
// course has few intakes and hits may be most of the catalogue, and
// roaring's And of a run container and a small one first expands the run
// into a bitmap of 8 KB; sorting the course's docs for every hit of every
// page was a tenth of a loaded service's search. The lists share one
// array of the IDs found, the docs gathered on the stack: a page of 20
// courses made a list of docs and one of IDs for each, some 90
// allocations, and makes 3.
func (s *Snapshot) Intakes(docs []uint32, hits *roaring.Bitmap) [][]string {
	all := s.byCourse()
	var scratch [512]uint32
	found := scratch[:0] // the courses' docs in hits, side by side
	ends := make([]int, len(docs))
	for i, doc := range docs {
		g := uint64(s.course(doc)) + 1
		for j := sort.Search(len(all), func(i int) bool { return all[i]>>32 >= g }); j < len(all) && all[j]>>32 == g; j++ {
			if d := uint32(all[j]); hits.Contains(d) {
				found = append(found, d)
			}
		}
		ends[i] = len(found)
	}
	ids := make([]string, len(found))
	for i, d := range found {
		ids[i] = s.ids[d]
	}
	out := make([][]string, len(docs))
	start := 0
	for i, end := range ends {
		out[i] = ids[start:end:end] // an append by the caller copies
		start = end
	}
	return out
}

// bitset is a set of small numbers.
type bitset []uint64

// bitsets keeps the sets of courses seen (Courses, Leads) for the next
// search: one bit per course, 4 KB at national size, made anew for every
// new search and every page walked were some 4 % of the bytes a loaded
// service allocated.
var bitsets = sync.Pool{New: func() any { return new(bitset) }}

// borrowBitset returns an empty set of the numbers below n, from bitsets:
// put it back when done.
func borrowBitset(n int) *bitset {
	b := bitsets.Get().(*bitset)
	if w := (n + 63) / 64; cap(*b) < w {
		*b = make(bitset, w)
	} else {
		*b = (*b)[:w]
		clear(*b)
	}
	return b
}

// has reports whether i is in b.
func (b bitset) has(i uint32) bool { return b[i/64]&(1<<(i%64)) != 0 }

// add adds i and reports whether it was new.
func (b bitset) add(i uint32) bool {
	w, m := i/64, uint64(1)<<(i%64)
	if b[w]&m != 0 {
		return false
	}
	b[w] |= m
	return true
}
