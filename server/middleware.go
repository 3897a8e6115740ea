package server

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Handler is the catalogue's HTTP handler: the router, with what must hold
// for every response, even those Gin writes without running middleware
// (redirects to the path with or without a trailing slash).
type Handler struct {
	*gin.Engine
}

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
