package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"time"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
)

// Limits bound what one request and one client may cost, so that no client
// can make the service slow for the others. A zero field takes its default
// (DefaultLimits).
type Limits struct {
	// MaxHeaderBytes bounds a request's header fields; more is a 431. The
	// HTTP server's own limit must be higher, or it answers first, in
	// plain text.
	MaxHeaderBytes int
	// MaxQueryBytes bounds the query string; more is a 414.
	MaxQueryBytes int
	// MaxBodyBytes bounds a request body; more is a 413.
	MaxBodyBytes int64
	// SearchTimeout is how long a search may wait for its turn and run;
	// then it is answered 503 instead of queueing without end.
	SearchTimeout time.Duration
	// SearchConcurrency is how many searches run at once; a freed slot
	// goes to the searches whose results the index keeps first (slots).
	SearchConcurrency int
	// RatePerSecond and RateBurst are each client's allowance on /api: a
	// token bucket that refills at RatePerSecond and holds RateBurst. A
	// negative RatePerSecond turns the limit off.
	RatePerSecond float64
	RateBurst     int
	// RateClients bounds how many clients' buckets are kept.
	RateClients int
	// ClientIPHeader names the header in which a reverse proxy in front of
	// the service passes the client's address (X-Forwarded-For, X-Real-IP).
	// Empty means the connection's peer is the client. Set it only behind
	// such a proxy: anyone can send the header.
	ClientIPHeader string
}

// DefaultLimits are the limits a zero field takes.
func DefaultLimits() Limits {
	return Limits{
		// Browsers send a few KiB; cookies here are one language code.
		MaxHeaderBytes: 64 << 10,
		// A shared shortlist carries up to 100 offerings with notes in its
		// address; 100 KiB holds a full one with long notes.
		MaxQueryBytes: 100 << 10,
		// No route reads a body: anything sent is a mistake or an attack.
		MaxBodyBytes: 64 << 10,
		// A search takes milliseconds (docs/benchmarks.md); five seconds
		// means the service is overloaded, and a reader has given up.
		SearchTimeout: 5 * time.Second,
		// Searches are CPU work in memory: more at once than one per core
		// only shares the cores, in an order that lets some wait long
		// (Go's scheduler runs the goroutine woken last first), while
		// the searches waiting for a slot go in turn. At 100,000 offerings
		// under 32 clients, one per core rather than four cut the p99 of
		// every request from 119-121 to 93-94 ms at the same throughput
		// (docs/benchmarks.md).
		SearchConcurrency: runtime.GOMAXPROCS(0),
		// A reader typing in the search box asks for suggestions at most
		// every 150 ms (app.js), about 7 a second, and a page view calls no
		// API. 20 a second lets three people type at once from one network
		// without pause, and the burst lets a classroom behind one address
		// start together; a scraper is slowed to 20 a second.
		RatePerSecond: 20,
		RateBurst:     200,
		RateClients:   10000,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = d.MaxHeaderBytes
	}
	if l.MaxQueryBytes <= 0 {
		l.MaxQueryBytes = d.MaxQueryBytes
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	if l.SearchTimeout <= 0 {
		l.SearchTimeout = d.SearchTimeout
	}
	if l.SearchConcurrency <= 0 {
		l.SearchConcurrency = d.SearchConcurrency
	}
	if l.RatePerSecond == 0 {
		l.RatePerSecond = d.RatePerSecond
	}
	if l.RateBurst <= 0 {
		l.RateBurst = max(d.RateBurst, int(l.RatePerSecond))
	}
	if l.RateClients <= 0 {
		l.RateClients = d.RateClients
	}
	return l
}

// abortWith answers with an error in the API's shape (errorBody) for the
// failures that happen before a handler runs and have no domain code.
func abortWith(c *gin.Context, status int, code, format string, args ...any) {
	c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: code, Message: fmt.Sprintf(format, args...)}})
}

// limitRequests refuses requests larger than the limits before any work is
// done for them, and a query string that cannot be read: handlers would
// silently drop its broken pairs and answer another question.
func (s *Server) limitRequests() gin.HandlerFunc {
	return func(c *gin.Context) {
		r := c.Request
		if n := headerBytes(r.Header); n > s.Limits.MaxHeaderBytes {
			abortWith(c, http.StatusRequestHeaderFieldsTooLarge, "header_too_large",
				"the request's header fields are %d bytes; at most %d are accepted", n, s.Limits.MaxHeaderBytes)
			return
		}
		if n := len(r.URL.RawQuery); n > s.Limits.MaxQueryBytes {
			abortWith(c, http.StatusRequestURITooLong, "uri_too_long",
				"the query string is %d bytes; at most %d are accepted", n, s.Limits.MaxQueryBytes)
			return
		}
		if r.ContentLength > s.Limits.MaxBodyBytes {
			abortWith(c, http.StatusRequestEntityTooLarge, "too_large",
				"the request body is %d bytes; at most %d are accepted", r.ContentLength, s.Limits.MaxBodyBytes)
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(c.Writer, r.Body, s.Limits.MaxBodyBytes)
		}
		if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
			abortWith(c, http.StatusBadRequest, string(catalog.EInvalid), "the query string cannot be read: %v", err)
			return
		}
		c.Next()
	}
}

// headerBytes is the size of h as sent: names, values, ": " and CRLF.
func headerBytes(h http.Header) int {
	n := 0
	for name, values := range h {
		for _, v := range values {
			n += len(name) + len(v) + 4
		}
	}
	return n
}

// guardedIndex is the index with the search deadline and the limit on
// concurrent searches, timed for the metrics.
type guardedIndex struct {
	Index
	slots   *slots
	timeout time.Duration
	// observe records a search's duration and outcome (ok, error,
	// unavailable).
	observe func(outcome string, d time.Duration)
	// waited records how long a search of class waited for its slot.
	waited func(class int, d time.Duration)
}

func newGuardedIndex(ix Index, l Limits, observe func(string, time.Duration), waited func(int, time.Duration)) *guardedIndex {
	return &guardedIndex{Index: ix, slots: newSlots(l.SearchConcurrency), timeout: l.SearchTimeout,
		observe: observe, waited: waited}
}

// searchWait is where a request's search notes how long it waited for a
// slot, for the request's log line: a slow answer whose search waited is
// a busy service, one whose search did not is a slow search.
type searchWait struct {
	searched bool
	d        time.Duration
	class    int // newSearch when any of its searches was new
}

// noteWait adds the wait d of a search of class to the request whose
// context ctx is.
func noteWait(ctx context.Context, class int, d time.Duration) {
	if w, ok := ctx.Value(searchWait{}).(*searchWait); ok {
		w.searched = true
		w.d += d
		w.class = max(w.class, class)
	}
}

// Search waits for a free slot and runs the search, both within the
// deadline. A search that misses it is answered EUnavailable at once; it
// keeps its slot until it really ends, so that searches nobody waits for
// still count against the limit and cannot pile up.
func (g *guardedIndex) Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, g.timeout)
	defer cancel()
	res, err := g.search(ctx, q)
	outcome := "ok"
	switch {
	case catalog.ErrorCodeOf(err) == catalog.EUnavailable:
		outcome = "unavailable"
	case err != nil:
		outcome = "error"
	}
	g.observe(outcome, time.Since(start))
	return res, err
}

type searchOutcome struct {
	res *catalog.SearchResult
	err error
}

func (g *guardedIndex) search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	queued := time.Now()
	class := newSearch
	if g.Index.Kept(q) {
		class = keptSearch
	}
	if err := g.slots.acquire(ctx, class); err != nil {
		g.wait(ctx, class, time.Since(queued))
		return nil, g.unavailable(ctx)
	}
	g.wait(ctx, class, time.Since(queued))
	done := make(chan searchOutcome, 1)
	go func() {
		defer g.slots.release()
		defer func() {
			// This goroutine is beyond the request's recovery middleware.
			if p := recover(); p != nil {
				done <- searchOutcome{err: fmt.Errorf("search: panic: %v", p)}
			}
		}()
		res, err := g.Index.Search(ctx, q)
		done <- searchOutcome{res, err}
	}()
	select {
	case o := <-done:
		if o.err != nil && ctx.Err() != nil {
			return nil, g.unavailable(ctx)
		}
		return o.res, o.err
	case <-ctx.Done():
		return nil, g.unavailable(ctx)
	}
}

func (g *guardedIndex) wait(ctx context.Context, class int, d time.Duration) {
	g.waited(class, d)
	noteWait(ctx, class, d)
}

// unavailable is the error of a search whose context ended: the deadline's
// 503, or the client's own cancellation as it is.
func (g *guardedIndex) unavailable(ctx context.Context) error {
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ctx.Err()
	}
	return catalog.Errorf(catalog.EUnavailable,
		"the search did not finish within %s: the service is busy; try again in a moment", g.timeout)
}
