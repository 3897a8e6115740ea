package facet

import (
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
	"kurskatalog/index/internal/idmap"
	"kurskatalog/index/internal/pack"
)

// Engine holds the filter and facet data of the catalogue's offerings. Its
// methods are safe for concurrent use: writes are serialised, reads work on
// the snapshot that was current when they started.
type Engine struct {
	facets []Facet
	conds  []Condition

	mu   sync.Mutex // serialises writers; guards keys
	keys *keys
	cur  atomic.Pointer[Snapshot]
}

// Option configures an Engine.
type Option func(*Engine)

// WithFacets replaces Facets(catalog.Facets).
func WithFacets(facets ...Facet) Option {
	return func(e *Engine) { e.facets = facets }
}

// WithConditions replaces Conditions.
func WithConditions(conds ...Condition) Option {
	return func(e *Engine) { e.conds = conds }
}

// New returns an empty engine with the catalog's facets and Conditions.
func New(opts ...Option) *Engine {
	e := &Engine{facets: Facets(catalog.Facets), conds: Conditions}
	for _, o := range opts {
		o(e)
	}
	e.keys = &keys{}
	e.cur.Store(e.empty())
	return e
}

// empty is a snapshot without docs, of a new generation.
func (e *Engine) empty() *Snapshot {
	s := &Snapshot{facets: e.facets, conds: e.conds, gen: &generation{},
		alive: roaring.New(), visible: roaring.New()}
	for _, f := range e.facets {
		s.dims = append(s.dims, &dim{keyed: f.Dated, codes: map[string]uint32{}})
	}
	for range e.conds {
		s.dims = append(s.dims, &dim{keyed: true, codes: map[string]uint32{}})
	}
	s.dims = append(s.dims, &dim{codes: map[string]uint32{}, columnOnly: true}, &dim{keyed: true, codes: map[string]uint32{}})
	for i := range s.orders {
		s.orders[i] = &order{}
	}
	return s
}

// Snapshot returns the current state. Use one snapshot for every step of a
// search.
func (e *Engine) Snapshot() *Snapshot { return e.cur.Load() }

// Put adds offerings, or replaces them by ID. Write in batches: each call
// copies what it changes and re-sorts the changed offerings into the orders,
// so a call costs O(changed values + number of offerings).
func (e *Engine) Put(offerings ...catalog.Offering) {
	e.mu.Lock()
	defer e.mu.Unlock()
	t := e.begin(e.cur.Load(), e.keys)
	for i := range offerings {
		t.put(&offerings[i])
	}
	e.publish(t)
}

// Delete removes offerings by ID; unknown IDs are ignored.
func (e *Engine) Delete(ids ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	t := e.begin(e.cur.Load(), e.keys)
	for _, id := range ids {
		t.delete(id)
	}
	e.publish(t)
}

// Rebuild replaces the engine's content with every offering each yields,
// the way index.Rebuild reads them from the store. Readers see the old
// content until the new one is complete. On error nothing changes.
//
// expect is about how many offerings each yields (0: not known). The
// columns are made that long at once: grown a doc at a time, by a quarter
// when full, some twenty-five of them were copied some thirty times over
// a national load.
func (e *Engine) Rebuild(expect int, each func(yield func(catalog.Offering) error) error) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.empty()
	s.ids = make([]string, 0, expect)
	s.gen.docs = idmap.New(expect)
	for _, d := range s.dims {
		d.col = make([]uint32, 0, expect)
	}
	k := newKeys(expect)
	t := e.begin(s, k)
	err := each(func(o catalog.Offering) error {
		t.put(&o)
		return nil
	})
	if err != nil {
		return err
	}
	packWhole(t.s, k)
	e.keys = k
	e.publish(t)
	return nil
}

// packWhole moves the ids of a snapshot made whole at once (a rebuild, a
// restore), and its sort titles, into one allocation each (see pack): the
// service keeps them for as long as it runs, and one allocation per
// offering was hundreds of thousands of objects that every collection
// visits. The snapshots after a change share the ids, and keep their
// backing while any of them is left: at most the bytes loaded. The id map
// reads the ids back (idmap) and holds none, so it stays as it is.
func packWhole(s *Snapshot, k *keys) {
	s.ids, k.title = pack.Strings(s.ids), pack.Strings(k.title)
	s.gen.mu.Lock()
	s.gen.ids = s.ids
	s.gen.mu.Unlock()
}

// versions numbers the snapshots of every engine of the process, so that
// a version never names two contents, not even across a rebuild that
// replaces the engine.
var versions atomic.Uint64

// publish commits t, compacts when many doc numbers are dead, and makes the
// result current.
func (e *Engine) publish(t *txn) {
	s := t.commit()
	if dead := len(s.ids) - int(s.alive.GetCardinality()); dead > 1024 && dead > len(s.ids)/4 {
		s, e.keys = compact(s, t.keys)
	}
	s.version = versions.Add(1)
	e.cur.Store(s)
}
