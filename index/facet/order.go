package facet

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
)

// The presorted orders. Relevance needs scores, which only the text index
// has; without text it means start, as in index.Search.
const (
	sortStart = iota
	sortDeadline
	sortTitle
	sortNewest
	nSorts
)

func sortIndex(sort string) int {
	switch sort {
	case catalog.SortDeadline:
		return sortDeadline
	case catalog.SortTitle:
		return sortTitle
	case catalog.SortNewest:
		return sortNewest
	}
	return sortStart
}

// order is the live docs in one sort order, and each doc's place in it.
type order struct {
	docs []uint32
	rank []uint32 // doc -> index in docs; meaningless for dead docs
}

// keys are the sort keys of every doc. Only the writer reads them, to keep
// the orders; readers use order.rank.
type keys struct {
	start, deadline []int64 // Unix seconds; math.MaxInt64 when unknown, so unknown sorts last
	title           []string
	seen            []int64 // first seen, Unix seconds; math.MinInt64 when unknown, so it sorts last
}

// newKeys returns empty keys with room for n docs.
func newKeys(n int) *keys {
	return &keys{start: make([]int64, 0, n), deadline: make([]int64, 0, n), title: make([]string, 0, n), seen: make([]int64, 0, n)}
}

// seenKey is when the catalogue first saw o, for the newest order.
func seenKey(o *catalog.Offering) int64 {
	if o.Provenance.FirstSeen.IsZero() {
		return math.MinInt64
	}
	return o.Provenance.FirstSeen.Unix()
}

func dateKey(o *catalog.Offering, deadline bool) int64 {
	t := o.Start
	if deadline {
		t = o.ApplicationLast
	}
	if t.IsZero() {
		return math.MaxInt64
	}
	return t.Unix()
}

// compare orders docs a and b by sort, as index.Search's sort keys do:
// start: start, title, id; deadline: deadline, start, id; title: title,
// start, id; newest: first seen (latest first), start, id. Unknown dates
// sort last; the ID makes the order total.
func (k *keys) compare(sort int, ids []string, a, b uint32) int {
	var c int
	switch sort {
	case sortStart:
		c = cmp.Or(cmp.Compare(k.start[a], k.start[b]), strings.Compare(k.title[a], k.title[b]))
	case sortDeadline:
		c = cmp.Or(cmp.Compare(k.deadline[a], k.deadline[b]), cmp.Compare(k.start[a], k.start[b]))
	case sortTitle:
		c = cmp.Or(strings.Compare(k.title[a], k.title[b]), cmp.Compare(k.start[a], k.start[b]))
	case sortNewest:
		c = cmp.Or(cmp.Compare(k.seen[b], k.seen[a]), cmp.Compare(k.start[a], k.start[b]))
	}
	return cmp.Or(c, strings.Compare(ids[a], ids[b]))
}

// reorder returns old with the changed docs taken out and the live ones of
// them put back in place: O(n) plus sorting the changed docs, instead of
// sorting everything on every write.
func reorder(old *order, sort int, k *keys, ids []string, alive *roaring.Bitmap, changed []uint32, n int) *order {
	isChanged := make([]uint64, (n+63)/64)
	var add []uint32
	for _, d := range changed {
		if isChanged[d/64]&(1<<(d%64)) != 0 {
			continue
		}
		isChanged[d/64] |= 1 << (d % 64)
		if alive.Contains(d) {
			add = append(add, d)
		}
	}
	slices.SortFunc(add, func(a, b uint32) int { return k.compare(sort, ids, a, b) })
	var kept []uint32
	if old != nil {
		kept = make([]uint32, 0, len(old.docs))
		for _, d := range old.docs {
			if isChanged[d/64]&(1<<(d%64)) == 0 {
				kept = append(kept, d)
			}
		}
	}
	// Put each added doc where a binary search over the unchanged ones
	// says, copying the runs between: k log n comparisons, not n.
	docs := make([]uint32, 0, len(kept)+len(add))
	for _, a := range add {
		at, _ := slices.BinarySearchFunc(kept, a, func(d, a uint32) int { return k.compare(sort, ids, d, a) })
		docs = append(append(docs, kept[:at]...), a)
		kept = kept[at:]
	}
	docs = append(docs, kept...)
	rank := make([]uint32, n)
	for r, d := range docs {
		rank[d] = uint32(r)
	}
	return &order{docs: docs, rank: rank}
}

// Page returns the IDs of hits from..from+size-1 in the given sort order
// (relevance means start: the engine has no scores). For a large hit set it
// walks the presorted order and keeps what is in the set, which costs about
// (from+size) * Len/|hits| lookups; for a small one it sorts the hits by
// rank. It takes the cheaper.
func (s *Snapshot) Page(hits *roaring.Bitmap, sort string, from, size int) []string {
	o := s.orders[sortIndex(sort)]
	total := int(hits.GetCardinality())
	if from < 0 || size <= 0 || from >= total {
		return nil
	}
	need := min(from+size, total)
	var page []uint32
	if walk := float64(need) * float64(len(o.docs)) / float64(total); walk <= 2*float64(total) {
		page = make([]uint32, 0, need-from)
		seen := 0
		for _, d := range o.docs {
			if !hits.Contains(d) {
				continue
			}
			if seen >= from {
				page = append(page, d)
				if len(page) == need-from {
					break
				}
			}
			seen++
		}
	} else {
		ranked := make([]uint64, 0, total)
		it := hits.ManyIterator()
		buf := make([]uint32, 256)
		for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
			for _, d := range buf[:n] {
				ranked = append(ranked, uint64(o.rank[d])<<32|uint64(d))
			}
		}
		slices.Sort(ranked)
		page = make([]uint32, 0, need-from)
		for _, r := range ranked[from:need] {
			page = append(page, uint32(r))
		}
	}
	out := make([]string, len(page))
	for i, d := range page {
		out[i] = s.ids[d]
	}
	return out
}
