package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

// Pages and API answers change only when the data does (an import run
// ends), when the day changes (what is current), and when the program does.
// Their ETag says which of each they were made from, so a client asking
// again with If-None-Match gets a 304 without the search being run again,
// and a new import or a new day gives a new ETag at once. Cache-Control:
// no-cache makes browsers ask each time rather than guess.

// versionTTL is how long the runs' version is reused before the store is
// asked again: a run's start or end shows in the ETags within that time and
// the one query that reads it (an offering written shows at once, by the
// catalogue's version).
var versionTTL = time.Second

// uncached are the routes whose answers are not derived from the data, or
// carry their own caching (static files are named by their content).
var uncached = map[string]bool{"": true, "/healthz": true, "/readyz": true, "/metrics": true, "/static/*file": true}

// dataVersion caches the data's version: a digest of the store's run
// tallies, which change whenever a run starts or ends. Every data request
// asks for it, so a fresh one is read without a lock. When it is old, one
// request reads it again from the store while the others go on with the
// old one: a store query that a busy moment makes slow (hundreds of
// milliseconds were seen under load at national size) then delays that
// one request, not every request in the meantime.
type dataVersion struct {
	cur atomic.Pointer[versionAt]
	mu  sync.Mutex // held by the request that reads the version again
}

type versionAt struct {
	at    time.Time
	value string
}

// get returns the version, or false when the store cannot tell it.
func (v *dataVersion) get(ctx context.Context, store Store) (string, bool) {
	rt, ok := store.(runTallier)
	if !ok {
		return "", false
	}
	c := v.cur.Load()
	if c != nil && time.Since(c.at) < versionTTL {
		return c.value, true
	}
	if c == nil {
		v.mu.Lock() // no version yet: wait for the one being read
	} else if !v.mu.TryLock() {
		return c.value, true // being read again
	}
	defer v.mu.Unlock()
	if c := v.cur.Load(); c != nil && time.Since(c.at) < versionTTL { // read while this waited
		return c.value, true
	}
	tallies, err := rt.RunTallies(ctx)
	if err != nil {
		return "", false
	}
	h := sha256.New()
	for _, t := range tallies {
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00%s\n", t.Source, t.Status, t.Runs, t.LastFinished.Format(time.RFC3339Nano))
	}
	c = &versionAt{at: time.Now(), value: hex.EncodeToString(h.Sum(nil)[:8])}
	v.cur.Store(c)
	return c.value, true
}

// conditional tags the answers of data routes with an ETag and answers a
// matching If-None-Match with 304 before the handler runs.
func (s *Server) conditional() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Method != http.MethodGet || uncached[c.FullPath()] {
			c.Next()
			return
		}
		tag, ok := s.etag(c)
		if !ok {
			c.Next()
			return
		}
		h := c.Writer.Header()
		h.Set("ETag", tag)
		h.Set("Cache-Control", "no-cache")
		if !strings.HasPrefix(c.Request.URL.Path, "/api/") {
			h.Add("Vary", "Cookie") // the language cookie (pages.go)
		}
		// ?lang= also sets the language cookie, which a 304 would not.
		if !c.Request.URL.Query().Has("lang") && etagMatches(c.GetHeader("If-None-Match"), tag) {
			c.AbortWithStatus(http.StatusNotModified)
			return
		}
		c.Writer = &taggedWriter{c.Writer}
		c.Next()
	}
}

// etag names what the answer is made from: the program (its start), the
// runs (which the sources page shows), the catalogue's version (which
// changes with every write, at once), the day and the language cookie; on an offering's page
// also the page it was reached from, which its back link returns to.
func (s *Server) etag(c *gin.Context) (string, bool) {
	version, ok := s.version.get(c.Request.Context(), s.Store)
	if !ok {
		return "", false
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%s\x00%s", s.started, version, s.Index.Version(), s.today().Format(time.DateOnly), cookieLang(c))
	if s.Insights != nil && (c.FullPath() == "/tackning" || c.FullPath() == "/api/v1/insights") {
		fmt.Fprintf(h, "\x00%d", s.Insights.Version()) // the searches recorded since
	}
	if c.FullPath() == "/kurs/:id" {
		if ref, err := url.Parse(c.Request.Referer()); err == nil {
			fmt.Fprintf(h, "\x00%s", ref.RequestURI())
		}
	}
	return `W/"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`, true
}

// etagMatches reports whether an If-None-Match header names tag, compared
// weakly (RFC 9110, 13.1.2).
func etagMatches(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(tag, "W/") {
			return true
		}
	}
	return false
}

// taggedWriter drops the ETag from an answer other than 200: an error or a
// redirect is not the tagged representation.
type taggedWriter struct {
	gin.ResponseWriter
}

func (w *taggedWriter) WriteHeader(code int) {
	if code != http.StatusOK {
		w.Header().Del("ETag")
		w.Header().Del("Cache-Control")
	}
	w.ResponseWriter.WriteHeader(code)
}
