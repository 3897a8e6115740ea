package facet

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/json"
	"iter"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TextOption configures a Text.
type TextOption func(*Text)

// WithCache keeps the matches and the scored, ordered matches of recent
// queries, up to about bytes, for as long as neither the Bleve index nor
// the engine changes. A search that only changes filters, facets or page
// of the words before (the common next step) then costs no Bleve work.
func WithCache(bytes int) TextOption {
	return func(t *Text) { t.cache = &textCache{max: bytes} }
}

// textCache is a small LRU, emptied when the Bleve reader or the engine
// snapshot changes: doc numbers and scores belong to both.
type textCache struct {
	mu     sync.Mutex
	reader any
	snap   *Snapshot
	lru    list.List // of *cached, most recent first
	byKey  map[string]*list.Element
	size   int
	max    int
}

type cached struct {
	key     string
	matches *roaring.Bitmap // kind "m"
	ranked  []candidate     // kind "r": every match, best first
	kept    *keptScores     // kind "w": a word's scored matches
	size    int
}

// cacheKey names q's entry of kind: a digest of q as JSON. A query of a
// few words is some kilobytes of JSON (every field, variant and fuzzy
// term), and the keys themselves held as much memory as the cache's
// budget for its values.
func cacheKey(kind string, q query.Query) (string, bool) {
	// Encoded into the digest, not into a slice first: the encoder's
	// buffer is kept for the next query, Marshal's copy of it was not.
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(q); err != nil {
		return "", false
	}
	return kind + string(h.Sum(make([]byte, 0, sha256.Size))), true
}

func (c *textCache) get(reader any, snap *Snapshot, key string) *cached {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reader != reader || c.snap != snap {
		c.reader, c.snap, c.byKey, c.size = reader, snap, map[string]*list.Element{}, 0
		c.lru.Init()
		return nil
	}
	e := c.byKey[key]
	if e == nil {
		return nil
	}
	c.lru.MoveToFront(e)
	return e.Value.(*cached)
}

func (c *textCache) put(reader any, snap *Snapshot, v *cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reader != reader || c.snap != snap || c.byKey[v.key] != nil || v.size > c.max {
		return
	}
	c.byKey[v.key] = c.lru.PushFront(v)
	c.size += v.size + len(v.key)
	for c.size > c.max {
		last := c.lru.Back()
		old := last.Value.(*cached)
		c.lru.Remove(last)
		delete(c.byKey, old.key)
		c.size -= old.size + len(old.key)
	}
}

// rankAll scores every match of q, best first, room made for expect.
func (t *Text) rankAll(r *readerCtx, q query.Query, expect int) ([]candidate, error) {
	start := r.snap.orders[sortStart].rank
	all := make([]candidate, 0, expect)
	err := t.run(r, q, true, func(doc uint32, score float64) {
		if int(doc) < len(start) {
			all = append(all, candidate{doc: doc, score: evenScore(score), rank: start[doc]})
		}
	})
	slices.SortFunc(all, func(a, b candidate) int {
		if a.better(b) {
			return -1
		}
		return 1
	})
	return all, err
}

// evenScore drops the last bits of a Bleve score. Bleve sums a hit's
// per-word scores in an order that follows how the index's segments fell
// out, so two indexes of the same offerings (two replicas, or one rebuilt)
// give equal documents scores a bit or two apart, and would order them
// differently. Rounded to float32's precision, equal documents tie, and
// the tie goes to start order, the same everywhere.
func evenScore(s float64) float64 { return float64(float32(s)) }

// Scores visits every doc of snap that q matches with its Bleve score,
// best first and ties in start order, for ranking by relevance. q is the
// scoring query (with phrases and boosts); its words are read from their
// kept scores (see kept.go). The ranking is kept.
func (t *Text) Scores(ctx context.Context, snap *Snapshot, q query.Query) (iter.Seq2[uint32, float64], error) {
	r, err := t.open(ctx, snap)
	if err != nil {
		return nil, err
	}
	defer r.r.Close()
	key, cacheable := cacheKey("r", q)
	var all []candidate
	if t.cache != nil && cacheable {
		if c := t.cache.get(r.r, snap, key); c != nil {
			all = c.ranked
		}
	}
	if all == nil {
		words, err := t.withKept(r, q, nil)
		if err != nil {
			return nil, err
		}
		if all, err = t.rankAll(r, words, 0); err != nil {
			return nil, err
		}
		if t.cache != nil && cacheable {
			t.cache.put(r.r, snap, &cached{key: key, ranked: all, size: 16 * len(all)})
		}
	}
	return ranked(all), nil
}
