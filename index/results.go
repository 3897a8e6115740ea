package index

import (
	"context"
	"encoding/binary"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/hashicorp/golang-lru/v2/simplelru"

	"kurskatalog/data/catalog"
)

// A search's hits and facet counts depend on its words and filters, not on
// its order or page, and change only with the data. A learner who turns a
// page, changes the order or goes back, and every learner who opens the
// front page (every offering, counted by course), asks for the same ones
// again: they are kept until the next write, so that only the ordering and
// the page are worked out per request.

// maxResults bounds the kept results, the least recently used going
// first: a stream of searches no one repeats must not push out the front
// page. A result holds a bitmap of its hits (at most an eighth of a byte
// per offering), its counts and its pages' highlights: some tens of KiB
// at national size.
const maxResults = 1024

// rewarmed bounds the searches Rewarm works out again after a write: the
// most recently used, about a second of a core at national size.
const rewarmed = 32

// result is what a search's words and filters give, whatever its page.
type result struct {
	asked   catalog.SearchQuery // the search that made it, for Rewarm
	words   query.Query         // the words' query, as matched; nil without words. Read only.
	scoring query.Query         // words as scored (see scoring). Read only.
	relaxed bool
	hits    *roaring.Bitmap // read only
	counts  map[string][]catalog.FacetValue
	courses int    // courses among hits
	matched uint64 // offerings the words match, before the filters

	mu      sync.Mutex
	matches map[string]catalog.HitMatches // by offering id, as pages show them
	ranked  []scored                      // the hits' scores, when only theirs were (ScoresWithin)
	leads   map[string]leads              // by sort: the first leads in that order (Index.leads)
}

// leads are the first docs that lead the hits in one order; all when
// there are no more.
type leads struct {
	docs []uint32 // read only
	all  bool
}

// scored is a doc with its score, in the order of a ranking.
type scored struct {
	doc   uint32
	score float64
}

// results keeps the results of one version of the catalogue.
type results struct {
	mu      sync.Mutex
	version uint64
	lru     *simplelru.LRU[string, *result]
	// before are the searches of the version a write replaced, most
	// recently used first, until Rewarm takes them.
	before []catalog.SearchQuery
}

func (c *results) get(version uint64, key string) (*result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.lru == nil {
		return nil, false
	}
	return c.lru.Get(key)
}

// has reports whether version's results hold key, without making it
// recently used.
func (c *results) has(version uint64, key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.version == version && c.lru != nil && c.lru.Contains(key)
}

func (c *results) put(version uint64, key string, r *result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version < c.version {
		return // computed on a snapshot a write has replaced
	}
	if version != c.version || c.lru == nil {
		c.replace(version)
	}
	c.lru.Add(key, r)
}

// replace starts keeping version's results, noting the searches of those
// it drops (before).
func (c *results) replace(version uint64) {
	if c.lru != nil && c.lru.Len() > 0 {
		keys := c.lru.Keys() // least recently used first
		c.before = c.before[:0]
		for i := len(keys) - 1; i >= 0 && len(c.before) < rewarmed; i-- {
			if r, ok := c.lru.Peek(keys[i]); ok {
				c.before = append(c.before, r.asked)
			}
		}
	}
	c.version = version
	c.lru, _ = simplelru.NewLRU[string, *result](maxResults, nil) // an error only for a size below 1
}

// takeBefore returns the searches asked before the write that made
// version, once.
func (c *results) takeBefore(version uint64) []catalog.SearchQuery {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version < version {
		c.replace(version)
	}
	before := c.before
	c.before = nil
	return before
}

// resultKey names what q's hits and counts depend on: every field but the
// order and the page.
//
// Bytes, not text: each string after its length, each number in eight
// bytes, so that no two queries give one key. Every search asks for it
// twice (the server's Kept, then Search); fmt spent a microsecond and a
// half and 16 allocations on it.
func resultKey(q *catalog.SearchQuery) string {
	b := make([]byte, 0, 128)
	str := func(s string) { b = append(binary.AppendUvarint(b, uint64(len(s))), s...) }
	num := func(n int64) { b = binary.LittleEndian.AppendUint64(b, uint64(n)) }
	str(q.Text)
	num(int64(len(q.Filters)))
	for _, name := range slices.Sorted(maps.Keys(q.Filters)) {
		str(name)
		num(int64(len(q.Filters[name])))
		for _, v := range q.Filters[name] {
			str(v)
		}
	}
	for _, t := range []time.Time{q.StartFrom, q.StartTo, q.ApplicationOpen, q.Today} {
		num(t.UnixNano())
	}
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	flag(q.RollingStart != nil)
	flag(q.RollingStart != nil && *q.RollingStart)
	flag(q.MaxMandatorySessions != nil)
	if q.MaxMandatorySessions != nil {
		num(int64(*q.MaxMandatorySessions))
	}
	flag(q.IncludeDistance)
	flag(q.IncludePast)
	str(q.Group)
	return string(b)
}

// Rewarm works out again, on the catalogue as it is now and for the day
// today, the searches most recently asked before the last write: a write
// drops every kept result, and at national size a common word's first
// search ranks tens of thousands of matches (tens of milliseconds on an
// idle service, more under load), which the first learners after each
// import would otherwise wait for. It returns how many it ran; a second
// call after the same write runs none.
func (ix *Index) Rewarm(ctx context.Context, today time.Time) (int, error) {
	asked := ix.results.takeBefore(ix.Version())
	for i, q := range asked {
		q.Today, q.Page = catalog.Day(today), 1
		if _, err := ix.Search(ctx, q); err != nil {
			return i, err
		}
	}
	return len(asked), nil
}
