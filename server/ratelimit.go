package server

import (
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// clientNetwork is the network a client is counted and logged by: the /24
// of an IPv4 address, the /48 of an IPv6 one. A household or office shares
// one, so the limit is per network and the log holds no one's own address.
// The address is the connection's peer, or with Limits.ClientIPHeader the
// last address in that header: the one the proxy in front of us added.
// Empty when there is no address to read.
func (s *Server) clientNetwork(r *http.Request) string {
	var raw string
	if h := s.Limits.ClientIPHeader; h != "" {
		if v := r.Header.Values(h); len(v) > 0 {
			list := strings.Split(v[len(v)-1], ",")
			raw = strings.TrimSpace(list[len(list)-1])
		}
	}
	addr, err := netip.ParseAddr(raw)
	if err != nil {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			return ""
		}
		if addr, err = netip.ParseAddr(host); err != nil {
			return ""
		}
	}
	addr = addr.Unmap().WithZone("")
	bits := 48
	if addr.Is4() {
		bits = 24
	}
	p, err := addr.Prefix(bits)
	if err != nil {
		return ""
	}
	return p.String()
}

// clientLimiter holds a token bucket per client network. The buckets are
// bounded: when RateClients networks are held, the ones idle long enough to
// be full again are forgotten first (forgetting them changes nothing), then
// any, which at worst gives a client a fresh bucket.
type clientLimiter struct {
	every   rate.Limit
	burst   int
	max     int
	refill  time.Duration // how long an empty bucket takes to fill
	mu      sync.Mutex
	clients map[string]*allowance
}

type allowance struct {
	bucket *rate.Limiter
	seen   time.Time
}

func newClientLimiter(l Limits) *clientLimiter {
	if l.RatePerSecond < 0 {
		return nil
	}
	refill := time.Duration(float64(l.RateBurst) / l.RatePerSecond * float64(time.Second))
	return &clientLimiter{every: rate.Limit(l.RatePerSecond), burst: l.RateBurst, max: l.RateClients, refill: refill,
		clients: map[string]*allowance{}}
}

// take takes a token of client's bucket at now, or says how long until
// there is one.
func (l *clientLimiter) take(client string, now time.Time) (ok bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	a, found := l.clients[client]
	if !found {
		if len(l.clients) >= l.max {
			l.evict(now)
		}
		a = &allowance{bucket: rate.NewLimiter(l.every, l.burst)}
		l.clients[client] = a
	}
	a.seen = now
	r := a.bucket.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// evict makes room for at least one client, and for a tenth of the bound
// when it must drop active ones, so that a flood of new networks does not
// sweep the map on every request.
func (l *clientLimiter) evict(now time.Time) {
	for k, a := range l.clients {
		if now.Sub(a.seen) >= l.refill {
			delete(l.clients, k)
		}
	}
	for k := range l.clients { // map order is random
		if len(l.clients) < l.max-l.max/10 {
			break
		}
		delete(l.clients, k)
	}
}

// rateLimit applies each client network's allowance to the API and to the
// MCP tools, which ask the same of the catalogue. The pages are not
// limited: a person reading them is slower than any limit.
func (s *Server) rateLimit() gin.HandlerFunc {
	return func(c *gin.Context) {
		if p := c.Request.URL.Path; s.limiter == nil || !strings.HasPrefix(p, "/api/") && p != mcpPath {
			c.Next()
			return
		}
		ok, wait := s.limiter.take(s.clientNetwork(c.Request), time.Now())
		if !ok {
			secs := int(math.Ceil(wait.Seconds()))
			c.Header("Retry-After", strconv.Itoa(secs))
			abortWith(c, http.StatusTooManyRequests, "too_many_requests",
				"too many requests from your network; try again in %d s", secs)
			return
		}
		c.Next()
	}
}
