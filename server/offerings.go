package server

import (
	"bytes"
	"context"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"

	"kurskatalog/data/catalog"
)

// cachedOfferings bounds the offerings kept in memory between requests,
// the least recently shown going first: the first pages of the common
// searches, at a few KiB each.
const cachedOfferings = 20000

// cachedIntakes bounds the intakes kept for the API's course hits, at a
// few hundred bytes each: a national catalogue's current intakes. A
// course lists every intake, a dozen on average and up to thirty on the
// first pages, so a page of 20 courses needs some 250 of them.
const cachedIntakes = 150000

// kept keeps values read from the store while the catalogue is at the
// version they were read for (Index.Version), so that a page's hits come
// from memory, not from the store and JSON, on every request after the
// first. Any write empties it: the store is written before the index, so
// a version read before the store is read is at most as new as the data.
type kept[V any] struct {
	mu      sync.Mutex
	version uint64
	byID    *simplelru.LRU[string, V] // shared by the requests: read only
}

// get puts into found the values of ids that exist, by id: those kept
// for version, and the others from read, which are then kept. A request
// that read its version before a write is not served from the newer
// values: its hits may name offerings since removed; and what it reads is
// not kept, as a write came since.
func (k *kept[V]) get(ctx context.Context, version uint64, size int, ids []string, found map[string]V,
	read func(ctx context.Context, ids []string) (map[string]V, error)) error {
	var missing []string // most pages find every id kept: none allocated
	k.mu.Lock()
	if version > k.version || k.byID == nil {
		k.version = version
		k.byID, _ = simplelru.NewLRU[string, V](size, nil) // an error only for a size below 1
	}
	for i, id := range ids {
		if v, ok := k.byID.Get(id); ok && version == k.version {
			found[id] = v
		} else {
			if missing == nil {
				missing = make([]string, 0, len(ids)-i)
			}
			missing = append(missing, id)
		}
	}
	k.mu.Unlock()
	if len(missing) == 0 {
		return nil
	}
	got, err := read(ctx, missing)
	if err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for id, v := range got {
		found[id] = v
		if k.version == version {
			k.byID.Add(id, v)
		}
	}
	return nil
}

// reused keeps the maps a search's answer looks its hits and intakes up
// in: a page of 20 courses looks up some 300 intakes, and a new map for
// each answer was a tenth of what a loaded service allocated.
type reused[V any] struct{ pool sync.Pool }

// get returns an empty map; put it back when done with it.
func (r *reused[V]) get() map[string]V {
	if m, ok := r.pool.Get().(map[string]V); ok {
		return m
	}
	return map[string]V{}
}

// put empties m for the next answer; one grown past a page's needs (a
// deep page of many intakes) is left to the collector.
func (r *reused[V]) put(m map[string]V) {
	if len(m) <= 4*pageLookups {
		clear(m)
		r.pool.Put(m)
	}
}

// pageLookups is how many ids a page of 20 courses looks up, as a rule.
const pageLookups = 20 * 30

// offerings puts into found the offerings with ids that exist, by id,
// from those kept or else the store. They are shared: read only.
func (s *Server) offerings(ctx context.Context, ids []string, found map[string]*catalog.Offering) error {
	version := s.Index.Version() // before the store is read: see kept
	return s.offeringsKept.get(ctx, version, cachedOfferings, ids, found, func(ctx context.Context, ids []string) (map[string]*catalog.Offering, error) {
		stored, err := s.Store.OfferingsByIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		read := make(map[string]*catalog.Offering, len(stored))
		for i := range stored {
			read[stored[i].ID] = &stored[i]
		}
		return read, nil
	})
}

// eachHit calls fn with each hit of res's page that still exists (its
// index in res.IDs, and the hit found in leads), and the course's intakes
// that do, found in intakes, in their order: what was removed between the
// search and the read is passed over.
func eachHit[L, I any](res *catalog.SearchResult, leads map[string]L, intakes map[string]I, fn func(i int, lead L, intakes []I)) {
	n := 0
	for _, c := range res.Courses {
		n += len(c)
	}
	all := make([]I, 0, n) // the hits' intakes side by side: one allocation per page
	for i, id := range res.IDs {
		lead, ok := leads[id]
		if !ok {
			continue
		}
		var ins []I
		if i < len(res.Courses) {
			from := len(all)
			for _, iid := range res.Courses[i] {
				if in, ok := intakes[iid]; ok {
					all = append(all, in)
				}
			}
			ins = all[from:len(all):len(all)] // an append by fn copies
		}
		fn(i, lead, ins)
	}
}

// intakes returns the API's facts of the offerings with ids that exist,
// by id, encoded: kept apart from the offerings, as a course's intakes
// outnumber the courses shown and need a tenth of an offering's facts.
// The intakes not kept are read from the store, not through the kept
// offerings: a page's 250 intakes would push the pages' own hits out.
func (s *Server) intakes(ctx context.Context, ids []string, found map[string]intakeJSON) error {
	version := s.Index.Version() // before the store is read: see kept
	return s.intakesKept.get(ctx, version, cachedIntakes, ids, found, func(ctx context.Context, ids []string) (map[string]intakeJSON, error) {
		stored, err := s.Store.OfferingsByIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		read := make(map[string]intakeJSON, len(stored))
		var buf []byte
		for i := range stored {
			in := toIntake(&stored[i])
			buf = appendIntake(buf[:0], &in)
			read[stored[i].ID] = bytes.Clone(buf) // its own size: kept by the thousand
		}
		return read, nil
	})
}
