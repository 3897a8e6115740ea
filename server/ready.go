package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
)

// readiness answers whether the service should be sent traffic: 503 while
// the catalogue is still loading or importing for the first time, so that
// a load balancer waits or goes elsewhere.
// /healthz, in contrast, says only that the process is alive.
func (s *Server) readiness(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	if s.Ready != nil && !s.Ready() {
		abortWith(c, http.StatusServiceUnavailable, string(catalog.EUnavailable), "the catalogue is still loading")
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}
