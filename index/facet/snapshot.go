package facet

import (
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
	"kurskatalog/index/internal/idmap"
)

// multi marks a column entry that indexes dim.overflow instead of holding
// code+1: the doc has several values.
const multi = 1 << 31

// dim is one dimension of the data: a facet or a condition. Slices marked
// append-only are shared by consecutive snapshots; a write copies everything
// else it changes. A keyed dim (dated facet, condition) stores keys as raw
// values and one offering per key to compute values and tests from.
type dim struct {
	keyed    bool
	values   []string            // code -> raw value; append-only
	codes    map[string]uint32   // raw value -> code; copied by a write that adds values
	bitmaps  []*roaring.Bitmap   // code -> live docs with the value; copied per changed value; none if columnOnly
	col      []uint32            // doc -> 0 (none), code+1, or multi|index into overflow
	overflow [][]uint32          // codes of docs with several values; append-only
	reps     []*catalog.Offering // keyed: code -> an offering with that key; append-only
	shape    shape               // for choosing how to count; set by each write
	// columnOnly: no value's docs are asked for, only a doc's value (the
	// course dim: byCourse lists a course's docs), so the dim keeps no
	// bitmaps. At national size the courses' were 33,000 bitmaps of a few
	// docs each, five objects apiece, and 4.3 MB of the heap that may hold
	// pointers, which every collection reads.
	columnOnly bool
}

// codesOf appends the codes of doc to buf.
func (d *dim) codesOf(doc uint32, buf []uint32) []uint32 {
	v := d.col[doc]
	switch {
	case v == 0:
		return buf
	case v&multi != 0:
		return append(buf, d.overflow[v&^multi]...)
	}
	return append(buf, v-1)
}

// generation maps offering IDs to doc numbers. Within a generation a doc
// number belongs to one ID for good (a deleted offering that comes back gets
// its old number), so the map only grows and every snapshot of the
// generation can share it: a snapshot looks an ID up among its own ids, and
// checks that the doc is alive. Compaction starts a new generation.
type generation struct {
	mu   sync.RWMutex
	ids  []string  // doc -> ID, every doc of the generation (the latest snapshot's)
	docs idmap.Map // ID -> doc, read back from ids
}

// docsOf maps each of ids to its doc, or reports false when an ID comes
// twice.
func docsOf(ids []string) (idmap.Map, bool) {
	m := idmap.New(len(ids))
	for doc, id := range ids {
		if _, ok := m.Get(id, ids); ok {
			return m, false
		}
		m.Add(id, uint32(doc))
	}
	return m, true
}

// lookup returns id's doc among ids, a snapshot's of the generation.
func (g *generation) lookup(id string, ids []string) (uint32, bool) {
	g.mu.RLock()
	doc, ok := g.docs.Get(id, ids)
	g.mu.RUnlock()
	return doc, ok
}

// Snapshot is an immutable state of the engine. Doc numbers and bitmaps are
// only meaningful against the snapshot they came from.
type Snapshot struct {
	facets  []Facet
	conds   []Condition
	gen     *generation
	ids     []string        // doc -> offering ID; append-only
	alive   *roaring.Bitmap // docs that exist
	visible *roaring.Bitmap // alive and not cancelled: what a search can return
	dims    []*dim          // the facets, then the conditions
	orders  [nSorts]*order
	version uint64 // see Version

	mu    sync.Mutex // guards the caches below, filled on first use
	views map[viewKey]*view
	tests map[string]*roaring.Bitmap // condition name and test id -> docs that pass

	courseOnce  sync.Once
	courseOrder []uint64 // see byCourse
}

// maxCached bounds each cache of a snapshot; a full cache is emptied.
const maxCached = 64

// Version identifies the snapshot's content: a later snapshot of the
// process, of this engine or of one that replaced it, has a greater one.
// What is derived from a snapshot (a page of offerings read from the store,
// a coverage table) stays valid while the current Version is the same.
func (s *Snapshot) Version() uint64 { return s.version }

// Size is the number of offerings, cancelled ones included.
func (s *Snapshot) Size() int { return int(s.alive.GetCardinality()) }

// Len is the number of offerings a search can return (not cancelled).
func (s *Snapshot) Len() int { return int(s.visible.GetCardinality()) }

// ID returns the offering ID of doc.
func (s *Snapshot) ID(doc uint32) string { return s.ids[doc] }

// Lookup returns the doc number of an offering in this snapshot.
func (s *Snapshot) Lookup(id string) (uint32, bool) {
	doc, ok := s.gen.lookup(id, s.ids)
	if !ok || !s.alive.Contains(doc) {
		return 0, false
	}
	return doc, true
}

// Docs returns the doc numbers of the given offerings that exist in this
// snapshot, for text hits that come as IDs.
func (s *Snapshot) Docs(ids []string) *roaring.Bitmap {
	docs := make([]uint32, 0, len(ids))
	s.gen.mu.RLock()
	for _, id := range ids {
		if doc, ok := s.gen.docs.Get(id, s.ids); ok {
			docs = append(docs, doc)
		}
	}
	s.gen.mu.RUnlock()
	bm := roaring.BitmapOf(docs...)
	bm.And(s.alive)
	return bm
}

// IDs returns the offering IDs of docs in doc order.
func (s *Snapshot) IDs(docs *roaring.Bitmap) []string {
	out := make([]string, 0, docs.GetCardinality())
	it := docs.Iterator()
	for it.HasNext() {
		out = append(out, s.ids[it.Next()])
	}
	return out
}
