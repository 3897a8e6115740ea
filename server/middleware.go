package server

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// Handler is the catalogue's HTTP handler: the router, with what must hold
// for every response, even those Gin writes without running middleware
// (redirects to the path with or without a trailing slash).
type Handler struct {
	*gin.Engine
	prime func(context.Context) error
}

// Prime makes the views computed from the whole catalogue for the data as
// it is now (coverage, occupations), so that the first visitors after a
// start or an import run do not wait for them.
func (h *Handler) Prime(ctx context.Context) error { return h.prime(ctx) }

// headRequest marks a HEAD request answered as GET.
type headRequest struct{}

// ServeHTTP sets nosniff on every response and answers HEAD on every GET
// route, as uptime monitors and link checkers use it: the request is routed
// as a GET, and net/http drops the body of a HEAD response.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method == http.MethodHead {
		r = r.WithContext(context.WithValue(r.Context(), headRequest{}, true))
		r.Method = http.MethodGet
	}
	h.Engine.ServeHTTP(w, r)
}

// requestMethod is the method the client sent, from a bounded set, as a
// metric label must be.
func requestMethod(r *http.Request) string {
	if head, _ := r.Context().Value(headRequest{}).(bool); head {
		return http.MethodHead
	}
	switch r.Method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return r.Method
	}
	return "other"
}

// unmatchedRoute is the route label of requests no route matched: their
// paths are the client's invention, unbounded in number.
const unmatchedRoute = "unmatched"

// observe logs each request and counts it in the metrics, by the route's
// template rather than its path, so that the figures add up per page.
func (s *Server) observe() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		var waited searchWait
		c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), searchWait{}, &waited))
		c.Next()
		d := time.Since(start)
		route := c.FullPath()
		if route == "" {
			route = unmatchedRoute
		}
		method, status, size := requestMethod(c.Request), c.Writer.Status(), max(c.Writer.Size(), 0)
		if method == http.MethodHead {
			size = 0 // net/http drops the body the handler wrote
		}
		s.metrics.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
		s.metrics.duration.WithLabelValues(method, route, strconv.Itoa(status)).Observe(d.Seconds())

		// The log holds no address, only the client's network, and no query
		// string: a shared shortlist's address carries personal notes. The
		// search words are kept, truncated: they are what the catalogue's
		// keepers need to see what people look for and do not find, and
		// without the address they point to no one.
		attrs := []slog.Attr{slog.String("method", method), slog.String("route", route),
			slog.String("path", c.Request.URL.Path), slog.Int("status", status),
			slog.Int64("duration_ms", d.Milliseconds()), slog.Int("bytes", size),
			slog.String("client", s.clientNetwork(c.Request))}
		if q := c.Query("q"); q != "" {
			attrs = append(attrs, slog.String("q", truncate(q, maxQueryLength)))
		}
		if waited.searched {
			attrs = append(attrs, slog.String("search", searchClasses[waited.class]),
				slog.Int64("search_wait_ms", waited.d.Milliseconds()))
		}
		s.Log.LogAttrs(c.Request.Context(), slog.LevelInfo, "Request", attrs...)
	}
}

// truncate cuts s to at most n bytes, at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
