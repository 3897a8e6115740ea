package fetch

import (
	"net/http"
	"sync"
)

// Validators persists the ETag and Last-Modified of each fetched URL, so
// that conditional requests survive a restart. The client keeps its own
// in-memory copy and asks Get only for URLs it has not seen this lifetime.
// Implementations must be safe for concurrent use.
type Validators interface {
	// Get returns the stored validators for url, empty when unknown.
	Get(url string) (etag, lastModified string)
	// Put stores the validators for url; both empty means forget it.
	Put(url, etag, lastModified string)
}

type validator struct{ etag, lastModified string }

// validatorCache is the in-memory layer in front of the optional store.
type validatorCache struct {
	mu    sync.Mutex
	m     map[string]validator
	store Validators // may be nil
}

func newValidatorCache(store Validators) *validatorCache {
	return &validatorCache{m: map[string]validator{}, store: store}
}

func (c *validatorCache) get(url string) validator {
	c.mu.Lock()
	v, ok := c.m[url]
	c.mu.Unlock()
	if ok || c.store == nil {
		return v
	}
	v.etag, v.lastModified = c.store.Get(url)
	c.mu.Lock()
	c.m[url] = v
	c.mu.Unlock()
	return v
}

// apply adds If-None-Match / If-Modified-Since for url to h, if known.
// Last-Modified is echoed verbatim, as RFC 9110 recommends, rather than
// re-formatted from a parsed time.
func (c *validatorCache) apply(url string, h http.Header) {
	v := c.get(url)
	if v.etag != "" {
		h.Set("If-None-Match", v.etag)
	}
	if v.lastModified != "" {
		h.Set("If-Modified-Since", v.lastModified)
	}
}

// remember records the validators of a response to url. A 200 replaces what
// we had (a 200 without validators means the old ones are stale); a 304
// only updates the ones it carries, since servers often omit them.
func (c *validatorCache) remember(url string, h http.Header, notModified bool) {
	nv := validator{etag: h.Get("ETag"), lastModified: h.Get("Last-Modified")}
	c.mu.Lock()
	old := c.m[url]
	if notModified {
		if nv.etag == "" {
			nv.etag = old.etag
		}
		if nv.lastModified == "" {
			nv.lastModified = old.lastModified
		}
	}
	c.m[url] = nv
	c.mu.Unlock()
	if c.store != nil && nv != old {
		c.store.Put(url, nv.etag, nv.lastModified)
	}
}
