package facet

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
)

// Counting a facet over a set of docs can go two ways:
//
//   - scan: iterate the set once and bump a counter per doc from each
//     facet's column: about 2.5 ns per doc and facet, whatever the values.
//     One pass serves every facet counted over the same set.
//   - intersect: AndCardinality of the set with each value's bitmap. A
//     value with more than 4,096 docs in a chunk of 65,536 doc numbers is a
//     bitmap container there, and a pair of those costs a fixed ~150 ns of
//     popcounts; a sparser value is an array, which costs ~2 ns per doc;
//     and when the set itself is sparse (an array), every value pays
//     again for the set's docs, ~1 ns each.
//
// So a small set (a text query, a narrow filter) scans, and a big one
// intersects, facet by facet: a few dense values (mode, pace) intersect
// cheaply almost always, 290 sparse municipalities only for big sets. The
// constants are ns measured with BenchmarkStrategies on 100,000 offerings;
// near the break-even the two paths differ by a few tens of µs.
const (
	scanPerDoc     = 2.5
	scanBase       = 1.0 // ns per doc for iterating the set, shared by the facets of one pass
	perPosting     = 2.0
	perDensePair   = 150
	perSparseMerge = 1.0
	denseChunk     = 4096 // docs per chunk from which roaring uses a bitmap container
)

// shape sums up a facet's bitmaps for the cost model.
type shape struct {
	values, sparse, dense int // values; docs in array containers; bitmap containers
}

func shapeOf(bms []*roaring.Bitmap) shape {
	sh := shape{values: len(bms)}
	for _, bm := range bms {
		n := int(bm.GetCardinality())
		if n == 0 {
			continue
		}
		// Without walking the containers: a value spread evenly is dense
		// where it has more than denseChunk docs per chunk it spans.
		chunks := int(bm.Maximum()>>16-bm.Minimum()>>16) + 1
		if n/chunks > denseChunk {
			sh.dense += chunks
		} else {
			sh.sparse += n
		}
	}
	return sh
}

// intersectCost estimates intersecting a set of n docs spread over chunks
// chunks with every value of a facet.
func (sh shape) intersectCost(n, chunks int) float64 {
	c := float64(sh.sparse)*perPosting + float64(sh.dense)*perDensePair
	if n/chunks <= denseChunk {
		c += float64(sh.values) * float64(n) * perSparseMerge
	}
	return c
}

// strategy forces a counting path in tests; 0 lets estimate choose. For
// courses (scanCourses) chooseScan sorts the set and chooseIntersect
// filters the snapshot's course order.
var strategy = 0

const (
	chooseScan      = 1
	chooseIntersect = 2
)

// counter holds the counts of one facet, by code: value codes, or the
// view's value codes for a dated facet.
type counter struct {
	fi     int
	counts []uint32
	view   *view // dated facets only
}

// countGroup counts facets fis over set into out: offerings, or with
// courses the courses that have an offering with the value.
func (s *Snapshot) countGroup(set *roaring.Bitmap, fis []int, today time.Time, courses bool, out map[string][]catalog.FacetValue) {
	if courses {
		cs := make([]*counter, len(fis))
		for i, fi := range fis {
			cs[i] = &counter{fi: fi}
			if s.facets[fi].Dated {
				cs[i].view = s.view(fi, today)
			}
		}
		s.scanCourses(set, cs)
		for _, c := range cs {
			out[s.facets[c.fi].Name] = s.values(c)
		}
		return
	}
	n := int(set.GetCardinality())
	chunks := 1
	if n > 0 {
		chunks = int(set.Maximum()>>16-set.Minimum()>>16) + 1
	}
	var scan []*counter
	for _, fi := range fis {
		c := &counter{fi: fi}
		if s.facets[fi].Dated {
			c.view = s.view(fi, today)
		}
		use := strategy
		if use == 0 {
			sh := s.dims[fi].shape
			if c.view != nil {
				sh = c.view.shape
			}
			use = chooseIntersect
			if float64(n)*(scanPerDoc+scanBase/float64(len(fis))) < sh.intersectCost(n, chunks) {
				use = chooseScan
			}
		}
		if use == chooseScan {
			scan = append(scan, c)
			continue
		}
		bms := s.dims[fi].bitmaps
		if c.view != nil {
			bms = c.view.bitmaps
		}
		c.counts = make([]uint32, len(bms))
		for code, bm := range bms {
			c.counts[code] = uint32(set.AndCardinality(bm))
		}
		out[s.facets[fi].Name] = s.values(c)
	}
	if len(scan) > 0 {
		s.scan(set, scan)
		for _, c := range scan {
			out[s.facets[c.fi].Name] = s.values(c)
		}
	}
}

// scan counts every facet in cs in one pass over set. A dated facet is
// counted by key, then folded into its values: a doc has one key.
func (s *Snapshot) scan(set *roaring.Bitmap, cs []*counter) {
	raws := make([][]uint32, len(cs))
	for i, c := range cs {
		d := s.dims[c.fi]
		raws[i] = make([]uint32, len(d.values))
		c.counts = raws[i]
		if c.view != nil {
			c.counts = make([]uint32, len(c.view.names))
		}
	}
	var buf [512]uint32
	it := set.ManyIterator()
	for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
		docs := buf[:n]
		for i, c := range cs {
			d, raw := s.dims[c.fi], raws[i]
			col := d.col
			for _, doc := range docs {
				v := col[doc]
				switch {
				case v == 0:
				case v&multi == 0:
					raw[v-1]++
				default:
					for _, code := range d.overflow[v&^multi] {
						raw[code]++
					}
				}
			}
		}
	}
	for i, c := range cs {
		if c.view != nil {
			for code, n := range raws[i] {
				for _, b := range c.view.raw[code] {
					c.counts[b] += n
				}
			}
		}
	}
}

// scanCourses counts, for every facet in cs, the courses that have a doc
// in set with each value: the docs are visited course by course, and a
// value counts a course once.
func (s *Snapshot) scanCourses(set *roaring.Bitmap, cs []*counter) {
	pairs := s.courseSorted(set)
	defer pairPool.Put(pairs)
	for _, c := range cs {
		d := s.dims[c.fi]
		n := len(d.values)
		if c.view != nil {
			n = len(c.view.names)
		}
		c.counts = make([]uint32, n)
		last := make([]uint32, n) // per value: the course last counted, +1
		bump := func(code, g uint32) {
			if last[code] != g {
				last[code] = g
				c.counts[code]++
			}
		}
		add := func(code, g uint32) {
			if c.view == nil {
				bump(code, g)
				return
			}
			for _, b := range c.view.raw[code] {
				bump(b, g)
			}
		}
		col := d.col
		for _, p := range *pairs {
			g, v := uint32(p>>32), col[uint32(p)] // g: the course's code+1
			switch {
			case v == 0:
			case v&multi == 0:
				add(v-1, g)
			default:
				for _, code := range d.overflow[v&^multi] {
					add(code, g)
				}
			}
		}
	}
}

// pairPool recycles the course-sorted doc lists of scanCourses: one per
// count, of up to every doc.
var pairPool = sync.Pool{New: func() any { return new([]uint64) }}

// courseSorted returns the docs of set as course<<32|doc (the course's
// code+1), sorted: grouped by course. A set of more than 1/16 of the docs
// filters the snapshot's own course order (byCourse) through set as a
// dense bitset, a pass over every doc at about a nanosecond each; a
// smaller one is sorted, which costs more per doc (n log n) but visits
// only the set. Put the list back in pairPool when done.
func (s *Snapshot) courseSorted(set *roaring.Bitmap) *[]uint64 {
	pairs := pairPool.Get().(*[]uint64)
	*pairs = (*pairs)[:0]
	n := set.GetCardinality()
	if strategy == chooseIntersect || strategy == 0 && n*16 >= uint64(len(s.ids)) {
		dense := set.ToDense()
		for _, p := range s.byCourse() {
			doc := uint32(p)
			if w := doc >> 6; int(w) < len(dense) && dense[w]&(1<<(doc&63)) != 0 {
				*pairs = append(*pairs, p)
			}
		}
		return pairs
	}
	course := s.own(courseDim).col // code+1: never 0 for a live doc
	it := set.ManyIterator()
	var page [512]uint32
	for m := it.NextMany(page[:]); m > 0; m = it.NextMany(page[:]) {
		for _, doc := range page[:m] {
			*pairs = append(*pairs, uint64(course[doc])<<32|uint64(doc))
		}
	}
	slices.Sort(*pairs)
	return pairs
}

// byCourse returns every live doc as course<<32|doc, grouped by course
// (ascending) and in start order within one, made on first use and kept
// with the snapshot.
func (s *Snapshot) byCourse() []uint64 {
	s.courseOnce.Do(func() {
		course := s.own(courseDim).col
		pairs := make([]uint64, 0, s.alive.GetCardinality())
		it := s.alive.ManyIterator()
		var page [512]uint32
		for m := it.NextMany(page[:]); m > 0; m = it.NextMany(page[:]) {
			for _, doc := range page[:m] {
				pairs = append(pairs, uint64(course[doc])<<32|uint64(doc))
			}
		}
		rank := s.orders[sortStart].rank
		slices.SortFunc(pairs, func(a, b uint64) int {
			if c := cmp.Compare(a>>32, b>>32); c != 0 {
				return c
			}
			return cmp.Compare(rank[uint32(a)], rank[uint32(b)])
		})
		s.courseOrder = pairs
	})
	return s.courseOrder
}

// values lists a counter's non-zero values in the facet's Order, or by
// count and then value, like index.Search. Labels are the caller's.
func (s *Snapshot) values(c *counter) []catalog.FacetValue {
	names := s.dims[c.fi].values
	if c.view != nil {
		names = c.view.names
	}
	out := []catalog.FacetValue{}
	for code, n := range c.counts {
		if n > 0 {
			out = append(out, catalog.FacetValue{Value: names[code], Count: int(n)})
		}
	}
	order := s.facets[c.fi].Order
	slices.SortFunc(out, func(a, b catalog.FacetValue) int {
		if order != nil {
			return cmp.Or(cmp.Compare(slices.Index(order, a.Value), slices.Index(order, b.Value)), strings.Compare(a.Value, b.Value))
		}
		return cmp.Or(b.Count-a.Count, strings.Compare(a.Value, b.Value))
	})
	return out
}
