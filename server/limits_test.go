package server_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/server"
)

// A client that asks the API too fast is told to wait, with Retry-After;
// other networks and the pages are not held up by it.
func TestRateLimitPerClientNetwork(t *testing.T) {
	srv, _ := serveWithRun(t, server.Deps{Limits: server.Limits{RatePerSecond: 0.5, RateBurst: 3,
		ClientIPHeader: "X-Forwarded-For"}})
	from := func(addr string) http.Header {
		// The proxy appends the address it saw; anything before it is the client's to write.
		return http.Header{"X-Forwarded-For": {"192.0.2.1, " + addr}}
	}
	for i := range 3 {
		if resp, body := do(t, http.MethodGet, srv.URL+"/api/v1/suggest?q=sv", from("203.0.113.7")); resp.StatusCode != 200 {
			t.Fatalf("request %d: %d %s", i+1, resp.StatusCode, body)
		}
	}
	resp, body := do(t, http.MethodGet, srv.URL+"/api/v1/search", from("203.0.113.99")) // same /24
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("4th request from the network: %d, want 429", resp.StatusCode)
	}
	if code := errorCode(t, "429", resp, body); code != "too_many_requests/" {
		t.Errorf("error %q", code)
	}
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || secs < 1 || secs > 2 {
		t.Errorf("Retry-After %q, want the 2 s until the next request is allowed", resp.Header.Get("Retry-After"))
	}
	if resp, _ := do(t, http.MethodGet, srv.URL+"/api/v1/search", from("198.51.100.7")); resp.StatusCode != 200 {
		t.Errorf("another network: %d, want 200", resp.StatusCode)
	}
	if resp, _ := do(t, http.MethodGet, srv.URL+"/?q=svenska", from("203.0.113.7")); resp.StatusCode != 200 {
		t.Errorf("the search page: %d, want 200: pages are not limited", resp.StatusCode)
	}
}

// slowIndex is an index whose searches take longer than any deadline.
type slowIndex struct{ server.Index }

func (slowIndex) Kept(catalog.SearchQuery) bool { return false }

func (slowIndex) Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	time.Sleep(2 * time.Second) // a search that does not watch its context
	return &catalog.SearchResult{}, nil
}

// A search that misses its deadline is answered 503 with a clear error at
// the deadline, not whenever it ends; the searches queued behind it too.
func TestSearchDeadline(t *testing.T) {
	srv := httptest.NewServer(server.New(server.Deps{Index: slowIndex{},
		Limits: server.Limits{SearchTimeout: 100 * time.Millisecond, SearchConcurrency: 1}}))
	defer srv.Close()
	for i := range 2 {
		start := time.Now()
		resp, body := do(t, http.MethodGet, srv.URL+"/api/v1/search?q=svenska", nil)
		if took := time.Since(start); took > time.Second {
			t.Errorf("search %d answered after %s, want about the 100 ms deadline", i+1, took)
		}
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("search %d: status %d, want 503: %s", i+1, resp.StatusCode, body)
		}
		if code := errorCode(t, "503", resp, body); code != "unavailable/" {
			t.Errorf("error %q", code)
		}
	}
}

// How long a search waited for its turn is in its request's log line and
// in the metrics, so that an operator can tell a busy service from a slow
// search.
func TestSearchWaitIsLogged(t *testing.T) {
	var out syncBuffer
	srv := httptest.NewServer(server.New(server.Deps{Index: slowIndex{}, Log: slog.New(slog.NewTextHandler(&out, nil)),
		Limits: server.Limits{SearchTimeout: 200 * time.Millisecond, SearchConcurrency: 1}}))
	defer srv.Close()
	for range 2 {
		do(t, http.MethodGet, srv.URL+"/api/v1/search?q=svenska", nil)
	}
	do(t, http.MethodGet, srv.URL+"/healthz", nil)
	// The first search had the slot at once; the second waited for it
	// until its deadline, as the first still holds it.
	lines := regexp.MustCompile(`route=(\S+) .* search=new search_wait_ms=(\d+)`).FindAllStringSubmatch(out.String(), -1)
	if len(lines) != 2 {
		t.Fatalf("%d log lines with a new search's wait, want the 2 searches':\n%s", len(lines), out.String())
	}
	if first, _ := strconv.Atoi(lines[0][2]); first > 100 {
		t.Errorf("the first search waited %d ms for a free slot", first)
	}
	if second, _ := strconv.Atoi(lines[1][2]); second < 190 {
		t.Errorf("the second search's wait is %d ms, want its 200 ms deadline", second)
	}
	_, body := do(t, http.MethodGet, srv.URL+"/metrics", nil)
	for _, want := range []string{`kurskatalog_search_wait_seconds_count{search="new"} 2`, `kurskatalog_search_wait_seconds_bucket{search="new",le="0.1"} 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
