package server

import (
	"net"
	"net/netip"
	"strings"

	"github.com/gin-gonic/gin"
)

// fallbackBaseURL is where absolute links point when no public URL is
// configured and the request did not come to the loopback interface.
const fallbackBaseURL = "http://localhost"

// baseURL is the scheme, host and path prefix of the absolute links that
// feeds, calendars, shared lists, the sitemap and search engines' data
// need: the configured public URL. The Host header is the client's to
// choose, so without one it is used only when it names the loopback
// interface (a developer's own machine, the tests), where a link can lead
// nowhere else; otherwise links point to fallbackBaseURL.
func (s *Server) baseURL(c *gin.Context) string {
	if s.PublicURL != "" {
		return strings.TrimSuffix(s.PublicURL, "/")
	}
	if loopbackHost(c.Request.Host) {
		return "http://" + c.Request.Host
	}
	return fallbackBaseURL
}

// loopbackHost reports whether hostport is localhost or a loopback address,
// with a numeric port or none.
func loopbackHost(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), ""
	}
	for _, r := range port {
		if r < '0' || r > '9' {
			return false
		}
	}
	if host == "localhost" {
		return true
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.IsLoopback()
}
