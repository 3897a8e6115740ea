package fetch

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// testConfig is fast: no gap, quick retries, a short timeout. Tests that
// measure politeness set what they measure.
func testConfig() Config {
	return Config{
		Delay:        -1,
		Parallelism:  4,
		Timeout:      10 * time.Second, // generous: the test machine may be loaded
		Retries:      2,
		RetryBackoff: time.Millisecond,
	}
}

// recorder is a test server that logs every request it receives.
type recorder struct {
	mu   sync.Mutex
	reqs []recorded
}

type recorded struct {
	at     time.Time
	path   string
	header http.Header
}

func (r *recorder) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.reqs = append(r.reqs, recorded{at: time.Now(), path: req.URL.Path, header: req.Header.Clone()})
		r.mu.Unlock()
		h.ServeHTTP(w, req)
	})
}

// sent records each request as the client sends it, below the limiter:
// the time a request leaves is what politeness is about, and the server's
// arrival time can lag by a connection set-up on a loaded machine.
func (r *recorder) sent(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(req *http.Request) (*http.Response, error) {
		r.mu.Lock()
		r.reqs = append(r.reqs, recorded{at: time.Now(), path: req.URL.Path, header: req.Header.Clone()})
		r.mu.Unlock()
		return next.RoundTrip(req)
	})
}

// hits returns the requests whose path is path ("" for all).
func (r *recorder) hits(path string) []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []recorded
	for _, q := range r.reqs {
		if path == "" || q.path == path {
			out = append(out, q)
		}
	}
	return out
}

// newServer starts a recorded test server for mux; unmatched paths
// (robots.txt included, unless mux handles it) are 404.
func newServer(t *testing.T, mux *http.ServeMux) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewServer(rec.wrap(mux))
	t.Cleanup(srv.Close)
	return srv, rec
}

func text(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) }
}

// roundTripFunc lets a test serve responses in-process, as bundled
// snapshots do.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
