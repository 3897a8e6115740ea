package server

import (
	"context"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"

	"kurskatalog/data/catalog"
)

// cachedOfferings bounds the offerings kept in memory between requests,
// the least recently shown going first: the first pages of the common
// searches, at a few KiB each.
const cachedOfferings = 20000

// offeringCache keeps offerings read from the store while the catalogue
// is at the version they were read for (Index.Version), so that the hits
// of a page come from memory, not from SQLite and JSON, on every request
// after the first. Any write empties it: the store is written before the
// index, so a version read before the store is at most as new as the data.
type offeringCache struct {
	mu      sync.Mutex
	version uint64
	byID    *simplelru.LRU[string, *catalog.Offering] // shared by the requests: read only
}

// offerings returns the offerings with ids that exist, in the order of
// ids, from the cache or else the store. They are shared: read only.
func (s *Server) offerings(ctx context.Context, ids []string) ([]*catalog.Offering, error) {
	c := &s.cache
	version := s.Index.Version() // before the store is read: see offeringCache
	out := make([]*catalog.Offering, 0, len(ids))
	var missing []string
	c.mu.Lock()
	if version > c.version || c.byID == nil {
		c.version = version
		c.byID, _ = simplelru.NewLRU[string, *catalog.Offering](cachedOfferings, nil) // an error only for a size below 1
	}
	for _, id := range ids {
		// A request that read its version before a write is not served
		// from the newer cache: its hits may name offerings since removed.
		if o, ok := c.byID.Get(id); ok && version == c.version {
			out = append(out, o)
		} else {
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	stored, err := s.Store.OfferingsByIDs(ctx, missing)
	if err != nil {
		return nil, err
	}
	read := make([]*catalog.Offering, len(stored))
	for i := range stored {
		read[i] = &stored[i]
	}
	c.mu.Lock()
	if c.version == version {
		for _, o := range read {
			c.byID.Add(o.ID, o)
		}
	}
	c.mu.Unlock()
	if len(out) == 0 {
		return read, nil
	}
	// Put them back in the order asked for.
	byID := make(map[string]*catalog.Offering, len(ids))
	for _, o := range out {
		byID[o.ID] = o
	}
	for _, o := range read {
		byID[o.ID] = o
	}
	out = out[:0]
	for _, id := range ids {
		if o, ok := byID[id]; ok {
			out = append(out, o)
		}
	}
	return out, nil
}
