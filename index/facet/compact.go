package facet

import (
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
)

// titleKey is the title sort key, as index's title_sort field.
func titleKey(title string) string { return strings.ToLower(title) }

// compact renumbers the live docs of s densely, in their old order, into a
// new generation: deleted offerings keep their doc numbers until then, so
// that numbers never change meaning within a generation. Snapshots of the
// old generation stay valid for the readers that hold them.
func compact(s *Snapshot, k *keys) (*Snapshot, *keys) {
	n := int(s.alive.GetCardinality())
	newDoc := make([]uint32, len(s.ids))
	ns := &Snapshot{facets: s.facets, conds: s.conds, gen: &generation{},
		ids: make([]string, 0, n), alive: roaring.New()}
	nk := newKeys(n)
	s.alive.Iterate(func(d uint32) bool {
		nd := uint32(len(ns.ids))
		newDoc[d] = nd
		ns.ids = append(ns.ids, s.ids[d])
		nk.start = append(nk.start, k.start[d])
		nk.deadline = append(nk.deadline, k.deadline[d])
		nk.title = append(nk.title, k.title[d])
		nk.seen = append(nk.seen, k.seen[d])
		return true
	})
	ns.gen.docs, _ = docsOf(ns.ids) // the live docs' ids, each once
	ns.gen.ids = ns.ids
	remap := func(bm *roaring.Bitmap) *roaring.Bitmap {
		out := roaring.New()
		var buf [512]uint32
		it := bm.ManyIterator()
		for m := it.NextMany(buf[:]); m > 0; m = it.NextMany(buf[:]) {
			for i, d := range buf[:m] {
				buf[i] = newDoc[d]
			}
			out.AddMany(buf[:m]) // increasing: the renumbering keeps order
		}
		out.RunOptimize()
		return out
	}
	ns.alive.AddRange(0, uint64(n))
	ns.alive.RunOptimize()
	ns.visible = remap(s.visible)
	for _, d := range s.dims {
		nd := &dim{keyed: d.keyed, values: d.values, codes: d.codes, reps: d.reps, col: make([]uint32, n), columnOnly: d.columnOnly}
		for _, bm := range d.bitmaps {
			nd.bitmaps = append(nd.bitmaps, remap(bm))
		}
		nd.shape = shapeOf(nd.bitmaps)
		var buf []uint32
		s.alive.Iterate(func(doc uint32) bool {
			buf = d.codesOf(doc, buf[:0])
			switch len(buf) {
			case 0:
			case 1:
				nd.col[newDoc[doc]] = buf[0] + 1
			default:
				nd.overflow = append(nd.overflow, append([]uint32(nil), buf...))
				nd.col[newDoc[doc]] = multi | uint32(len(nd.overflow)-1)
			}
			return true
		})
		ns.dims = append(ns.dims, nd)
	}
	for i, o := range s.orders {
		no := &order{docs: make([]uint32, len(o.docs)), rank: make([]uint32, n)}
		for r, d := range o.docs {
			no.docs[r] = newDoc[d]
			no.rank[newDoc[d]] = uint32(r)
		}
		ns.orders[i] = no
	}
	return ns, nk
}
