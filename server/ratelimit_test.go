package server

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestClientNetwork(t *testing.T) {
	for _, tc := range []struct {
		name, header, remote, forwarded, want string
	}{
		{"IPv4 peer", "", "203.0.113.77:51234", "", "203.0.113.0/24"},
		{"IPv6 peer", "", "[2001:db8:1234:5678::1]:443", "", "2001:db8:1234::/48"},
		{"IPv4 in IPv6", "", "[::ffff:203.0.113.77]:443", "", "203.0.113.0/24"},
		{"a header without a proxy is anyone's to write", "", "203.0.113.77:1", "198.51.100.1", "203.0.113.0/24"},
		{"behind a proxy, the address it added", "X-Forwarded-For", "127.0.0.1:1", "10.0.0.1, 198.51.100.9", "198.51.100.0/24"},
		{"proxy header unreadable", "X-Forwarded-For", "127.0.0.1:1", "unknown", "127.0.0.0/24"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &Server{Deps: Deps{Limits: Limits{ClientIPHeader: tc.header}}}
			r := &http.Request{RemoteAddr: tc.remote, Header: http.Header{}}
			if tc.forwarded != "" {
				r.Header.Set("X-Forwarded-For", tc.forwarded)
			}
			if got := s.clientNetwork(r); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// The buckets stay within their bound however many networks come.
func TestClientLimiterIsBounded(t *testing.T) {
	l := newClientLimiter(Limits{RatePerSecond: 1, RateBurst: 5, RateClients: 100})
	now := time.Now()
	for i := range 10000 {
		if ok, _ := l.take(fmt.Sprintf("net%d", i), now); !ok {
			t.Fatalf("a new network's first request was refused")
		}
		if len(l.clients) > 100 {
			t.Fatalf("%d buckets kept, bound 100", len(l.clients))
		}
	}
	// Networks idle until their buckets are full again are forgotten
	// first: an active one keeps its empty bucket.
	later := now.Add(6 * time.Second)
	for range 5 {
		l.take("active", later)
	}
	for i := range 50 {
		l.take(fmt.Sprintf("new%d", i), later)
	}
	if len(l.clients) != 51 {
		t.Errorf("%d buckets kept, want the active network's and the 50 new ones", len(l.clients))
	}
	if ok, _ := l.take("active", later); ok {
		t.Errorf("the active network's empty bucket was forgotten")
	}
}
