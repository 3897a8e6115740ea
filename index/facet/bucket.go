package facet

import (
	"slices"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
)

// view is a dated facet's values on one day: which values each key has, and
// each value's docs.
type view struct {
	names   []string          // value code -> facet value
	raw     [][]uint32        // key code -> value codes
	bitmaps []*roaring.Bitmap // value code -> docs
	shape   shape
}

type viewKey struct {
	fi  int
	day int64
}

// view returns dated facet fi's values on day, computed on first use in
// this snapshot: one call of Values per distinct key.
func (s *Snapshot) view(fi int, day time.Time) *view {
	k := viewKey{fi, day.Unix()}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v := s.views[k]; v != nil {
		return v
	}
	d := s.dims[fi]
	v := &view{raw: make([][]uint32, len(d.values))}
	codes := map[string]uint32{}
	var members [][]*roaring.Bitmap
	for r, rep := range d.reps {
		for _, name := range s.facets[fi].Values(rep, day) {
			b, ok := codes[name]
			if !ok {
				b = uint32(len(v.names))
				codes[name] = b
				v.names = append(v.names, name)
				members = append(members, nil)
			}
			if slices.Contains(v.raw[r], b) {
				continue
			}
			v.raw[r] = append(v.raw[r], b)
			members[b] = append(members[b], d.bitmaps[r])
		}
	}
	for _, m := range members {
		v.bitmaps = append(v.bitmaps, roaring.FastOr(m...))
	}
	v.shape = shapeOf(v.bitmaps)
	if len(s.views) >= maxCached || s.views == nil {
		s.views = map[viewKey]*view{}
	}
	s.views[k] = v
	return v
}

// passing returns the docs that pass condition ci's test as q asks for it,
// or nil when q does not use the condition. The result is the snapshot's:
// read only.
func (s *Snapshot) passing(ci int, q *catalog.SearchQuery) *roaring.Bitmap {
	c := s.conds[ci]
	test, id := c.Match(q)
	if test == nil {
		return nil
	}
	k := c.Name + "\x00" + id
	s.mu.Lock()
	defer s.mu.Unlock()
	if bm := s.tests[k]; bm != nil {
		return bm
	}
	d := s.dims[len(s.facets)+ci]
	var pass []*roaring.Bitmap
	for r, rep := range d.reps {
		if test(rep) {
			pass = append(pass, d.bitmaps[r])
		}
	}
	bm := roaring.FastOr(pass...)
	if len(s.tests) >= maxCached || s.tests == nil {
		s.tests = map[string]*roaring.Bitmap{}
	}
	s.tests[k] = bm
	return bm
}
