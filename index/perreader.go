package index

import (
	"sync"

	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// perReader keeps values worked out from one reader of the Bleve index
// (fuzzy terms, built queries), the least recently used going first. A
// write, or a merge of segments, makes a new reader: asked with it, the
// values of the old one are dropped, and a value worked out from the old
// one after that is not kept.
type perReader[K comparable, V any] struct {
	mu     sync.Mutex
	reader bleveindex.IndexReader
	lru    *simplelru.LRU[K, V] // nil until the first add for reader
}

// get returns the value kept for key from r.
func (c *perReader[K, V]) get(r bleveindex.IndexReader, key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reader != r {
		c.reader, c.lru = r, nil
	}
	if c.lru == nil {
		var none V
		return none, false
	}
	return c.lru.Get(key)
}

// add keeps v, worked out from r, for key, among at most size values.
func (c *perReader[K, V]) add(r bleveindex.IndexReader, key K, v V, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reader != r {
		return // a newer reader was asked for since
	}
	if c.lru == nil {
		c.lru, _ = simplelru.NewLRU[K, V](size, nil) // an error only for a size below 1
	}
	c.lru.Add(key, v)
}
