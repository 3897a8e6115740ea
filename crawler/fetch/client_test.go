package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestDefaults(t *testing.T) {
	c := Config{}.withDefaults()
	if c.UserAgent != DefaultUserAgent || c.Delay != time.Second || c.Parallelism != 2 ||
		c.Timeout != 30*time.Second || c.Retries != 3 || c.RetryBackoff != 500*time.Millisecond ||
		c.MaxBodyBytes != 64<<20 || c.IgnoreRobots {
		t.Errorf("defaults = %+v", c)
	}
	n := Config{Delay: -1, Retries: -1, Timeout: -1}.withDefaults()
	if n.Delay != 0 || n.Retries != 0 || n.Timeout != 0 {
		t.Errorf("negative settings not honoured: %+v", n)
	}
}

// memStore is a Validators that a test can inspect.
type memStore struct {
	mu sync.Mutex
	m  map[string][2]string
}

func (s *memStore) Get(u string) (string, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.m[u]
	return v[0], v[1]
}

func (s *memStore) Put(u, etag, lm string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[u] = [2]string{etag, lm}
}

func TestConditionalRequests(t *testing.T) {
	t.Parallel()
	const etag, lastMod = `"v1"`, "Mon, 02 Jan 2006 15:04:05 GMT"
	mux := http.NewServeMux()
	mux.HandleFunc("/data", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = w.Write([]byte("body"))
	})
	srv, rec := newServer(t, mux)
	store := &memStore{m: map[string][2]string{}}
	cfg := testConfig()
	cfg.Validators = store
	c := New(cfg, nil)
	ctx := context.Background()
	u := srv.URL + "/data"

	r, err := c.Get(ctx, u)
	if err != nil || r.NotModified || string(r.Body) != "body" {
		t.Fatalf("first Get = %+v, %v", r, err)
	}
	r, err = c.Get(ctx, u)
	if err != nil || !r.NotModified || len(r.Body) != 0 || r.Status != http.StatusNotModified {
		t.Fatalf("second Get = %+v, %v; want NotModified", r, err)
	}
	r, err = c.Get(ctx, u, Unconditional())
	if err != nil || r.NotModified || string(r.Body) != "body" {
		t.Fatalf("unconditional Get = %+v, %v", r, err)
	}

	hits := rec.hits("/data")
	if h := hits[0].header; h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("first request was conditional: %v", h)
	}
	if h := hits[1].header; h.Get("If-None-Match") != etag || h.Get("If-Modified-Since") != lastMod {
		t.Errorf("second request headers: %v", h)
	}
	if h := hits[2].header; h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("Unconditional request was conditional: %v", h)
	}

	// A new client (a later run) finds the validators in the store.
	if got := store.m[u]; got != [2]string{etag, lastMod} {
		t.Fatalf("store has %q", got)
	}
	r, err = New(cfg, nil).Get(ctx, u)
	if err != nil || !r.NotModified {
		t.Fatalf("Get with persisted validators = %+v, %v; want NotModified", r, err)
	}
}

func TestRetryOn500ThenSuccess(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) <= 2 {
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		_, _ = w.Write([]byte("fine"))
	})
	srv, _ := newServer(t, mux)
	r, err := New(testConfig(), nil).Get(context.Background(), srv.URL+"/flaky")
	if err != nil {
		t.Fatal(err)
	}
	if r.Attempts != 3 || string(r.Body) != "fine" {
		t.Errorf("got attempts %d body %q", r.Attempts, r.Body)
	}
}

func TestRetriesExhausted(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/down", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	srv, rec := newServer(t, mux)
	u := srv.URL + "/down"
	_, err := New(testConfig(), nil).Get(context.Background(), u)
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 503 || se.URL != u || se.Attempts != 3 {
		t.Fatalf("err = %#v", err)
	}
	if want := fmt.Sprintf("fetch: GET %s: status 503 after 3 attempts", u); err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if n := len(rec.hits("/down")); n != 3 {
		t.Errorf("server saw %d attempts, want 3", n)
	}
}

func TestNoRetryOn404(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/robots.txt", text(""))
	srv, rec := newServer(t, mux)
	u := srv.URL + "/missing"
	_, err := New(testConfig(), nil).Get(context.Background(), u)
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 404 {
		t.Fatalf("err = %v, want StatusError 404", err)
	}
	if want := fmt.Sprintf("fetch: GET %s: status 404 after 1 attempt", u); err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if n := len(rec.hits("/missing")); n != 1 {
		t.Errorf("server saw %d attempts, want 1", n)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/busy", func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte("ok"))
	})
	srv, rec := newServer(t, mux)
	if _, err := New(testConfig(), nil).Get(context.Background(), srv.URL+"/busy"); err != nil {
		t.Fatal(err)
	}
	// RetryBackoff is 1ms, so only Retry-After explains a ~1s wait.
	hits := rec.hits("/busy")
	if len(hits) != 2 {
		t.Fatalf("server saw %d requests, want 2", len(hits))
	}
	if gap := hits[1].at.Sub(hits[0].at); gap < 900*time.Millisecond {
		t.Errorf("retried after %v, want ~1s (Retry-After: 1)", gap)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	h := func(v string) *http.Response { return &http.Response{Header: http.Header{"Retry-After": {v}}} }
	if d := retryAfter(h("7")); d == nil || *d != 7*time.Second {
		t.Errorf("seconds: %v", d)
	}
	if d := retryAfter(h("99999")); d == nil || *d != maxRetryAfter {
		t.Errorf("huge seconds not capped: %v", d)
	}
	date := time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)
	if d := retryAfter(h(date)); d == nil || *d < 25*time.Second || *d > 31*time.Second {
		t.Errorf("date: %v", d)
	}
	for _, bad := range []string{"", "soon", "-3"} {
		if d := retryAfter(h(bad)); d != nil {
			t.Errorf("%q gave %v", bad, *d)
		}
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	c := New(Config{RetryBackoff: 100 * time.Millisecond}, nil)
	for attempt, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 40: maxBackoff} {
		for range 20 {
			if d := c.backoff(attempt, nil); d < want/2 || d > want {
				t.Errorf("backoff(%d) = %v, want in [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
	ra := 3 * time.Second
	if d := c.backoff(1, &ra); d != ra {
		t.Errorf("Retry-After not used: %v", d)
	}
}

func TestTimeoutIsRetried(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/slow-once", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
			return
		}
		_, _ = w.Write([]byte("ok"))
	})
	srv, _ := newServer(t, mux)
	cfg := testConfig()
	cfg.Timeout = 100 * time.Millisecond
	r, err := New(cfg, nil).Get(context.Background(), srv.URL+"/slow-once")
	if err != nil {
		t.Fatal(err)
	}
	if r.Attempts != 2 {
		t.Errorf("attempts = %d, want 2", r.Attempts)
	}
}

func TestSizeLimit(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/exact", text(strings.Repeat("x", 100)))
	mux.Handle("/over", text(strings.Repeat("x", 101)))
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, _ *http.Request) {
		// Flushing before the end forces chunked encoding: no
		// Content-Length, so the limit must bite while reading.
		for range 10 {
			_, _ = w.Write(bytes.Repeat([]byte("y"), 50))
			w.(http.Flusher).Flush()
		}
	})
	srv, rec := newServer(t, mux)
	cfg := testConfig()
	cfg.MaxBodyBytes = 100
	c := New(cfg, nil)
	ctx := context.Background()

	if r, err := c.Get(ctx, srv.URL+"/exact"); err != nil || len(r.Body) != 100 {
		t.Fatalf("exactly the limit: %v", err)
	}
	for _, p := range []string{"/over", "/chunked"} {
		_, err := c.Get(ctx, srv.URL+p)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: err = %v, want ErrTooLarge", p, err)
		}
		if n := len(rec.hits(p)); n != 1 {
			t.Errorf("%s requested %d times; too large is not retryable", p, n)
		}
	}
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	other := http.NewServeMux()
	other.Handle("/target", text("there"))
	b, brec := newServer(t, other)
	mux := http.NewServeMux()
	mux.Handle("/away", http.RedirectHandler(b.URL+"/target", http.StatusFound))
	mux.Handle("/local", http.RedirectHandler("/here", http.StatusMovedPermanently))
	mux.Handle("/here", text("here"))
	a, _ := newServer(t, mux)
	ctx := context.Background()

	r, err := New(testConfig(), nil).Get(ctx, a.URL+"/local")
	if err != nil || string(r.Body) != "here" || r.URL != a.URL+"/here" {
		t.Fatalf("same-host redirect: %+v, %v", r, err)
	}

	c := New(testConfig(), nil)
	_, err = c.Get(ctx, a.URL+"/away")
	if !errors.Is(err, ErrRedirectOutsideHosts) {
		t.Fatalf("err = %v, want ErrRedirectOutsideHosts", err)
	}
	if !strings.Contains(err.Error(), b.URL+"/target") {
		t.Errorf("error %q does not name the refused target", err)
	}
	// The policy also holds when a library brings its own http.Client and
	// redirect policy around our transport.
	_, err = (&http.Client{Transport: c.Transport()}).Get(a.URL + "/away")
	if !errors.Is(err, ErrRedirectOutsideHosts) {
		t.Fatalf("foreign client: err = %v, want ErrRedirectOutsideHosts", err)
	}
	if n := len(brec.hits("")); n != 0 {
		t.Errorf("refused host got %d requests", n)
	}

	cfg := testConfig()
	bu, _ := url.Parse(b.URL)
	cfg.AllowedHosts = []string{bu.Host}
	r, err = New(cfg, nil).Get(ctx, a.URL+"/away")
	if err != nil || string(r.Body) != "there" || r.URL != b.URL+"/target" {
		t.Fatalf("allowed redirect: %+v, %v", r, err)
	}
}

func TestRedirectLoopStops(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/loop", http.RedirectHandler("/loop", http.StatusFound))
	srv, rec := newServer(t, mux)
	_, err := New(testConfig(), nil).Get(context.Background(), srv.URL+"/loop")
	if !errors.Is(err, ErrRedirectOutsideHosts) {
		t.Fatalf("err = %v", err)
	}
	if n := len(rec.hits("/loop")); n != maxRedirects+1 {
		t.Errorf("followed %d hops, want %d requests", n, maxRedirects+1)
	}
}

func TestHostMatches(t *testing.T) {
	u, _ := url.Parse("https://Www.Example.se/x")
	for entry, want := range map[string]bool{
		"www.example.se":     true,
		"WWW.EXAMPLE.SE":     true,
		"www.example.se:443": true,
		"www.example.se:80":  false,
		"example.se":         false,
	} {
		if got := hostMatches(entry, u); got != want {
			t.Errorf("hostMatches(%q) = %v", entry, got)
		}
	}
}

func TestTruncatedBodyIsRetriedAndFails(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/cut", func(w http.ResponseWriter, _ *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten b")
		_ = buf.Flush()
	})
	srv, rec := newServer(t, mux)
	_, err := New(testConfig(), nil).Get(context.Background(), srv.URL+"/cut")
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %v, want io.ErrUnexpectedEOF", err)
	}
	if !strings.Contains(err.Error(), "after 3 attempts") {
		t.Errorf("error %q does not count attempts", err)
	}
	if n := len(rec.hits("/cut")); n != 3 {
		t.Errorf("server saw %d attempts, want 3", n)
	}
}

func TestTruncationCaughtForCustomTransports(t *testing.T) {
	// An in-process transport that, unlike net/http's, does not check
	// Content-Length against what it delivers.
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{
			StatusCode:    200,
			Header:        http.Header{},
			Body:          io.NopCloser(strings.NewReader("short")),
			ContentLength: 100,
			Request:       r,
		}, nil
	})
	cfg := testConfig()
	cfg.IgnoreRobots = true
	cfg.Retries = -1
	_, err := New(cfg, rt).Get(context.Background(), "http://snapshot.invalid/x")
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %v, want io.ErrUnexpectedEOF", err)
	}
}

func TestEverythingGoesThroughTransport(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []string
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		seen = append(seen, r.URL.Path+" "+r.Header.Get("User-Agent"))
		mu.Unlock()
		body := "snapshot"
		if r.URL.Path == "/robots.txt" {
			body = "User-agent: *\nDisallow: /no\n"
		}
		return &http.Response{
			StatusCode: 200, Header: http.Header{}, Request: r,
			Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)),
		}, nil
	})
	cfg := testConfig()
	cfg.UserAgent = "TestBot/1"
	c := New(cfg, rt)
	r, err := c.Get(context.Background(), "https://skolverket.invalid/api")
	if err != nil || string(r.Body) != "snapshot" {
		t.Fatalf("Get = %+v, %v", r, err)
	}
	// The *http.Client for colly: same robots, same agent (even over its
	// own), same transport.
	req, _ := http.NewRequest(http.MethodGet, "https://skolverket.invalid/no", nil)
	req.Header.Set("User-Agent", "colly")
	if _, err := c.HTTPClient().Do(req); !errors.Is(err, ErrDisallowedByRobots) {
		t.Errorf("HTTPClient: err = %v, want ErrDisallowedByRobots", err)
	}
	want := []string{"/robots.txt TestBot/1", "/api TestBot/1"}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Errorf("transport saw %q, want %q", seen, want)
	}
}

func TestHTTPClientReleasesSlots(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/", text("ok"))
	srv, _ := newServer(t, mux)
	cfg := testConfig()
	cfg.Parallelism = 1
	hc := New(cfg, nil).HTTPClient()
	// With one slot, a leaked slot would hang the second request.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for range 3 {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/p", nil)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
}

func TestBadURL(t *testing.T) {
	c := New(testConfig(), nil)
	for _, u := range []string{"ftp://x/y", "://nope"} {
		if _, err := c.Get(context.Background(), u); err == nil {
			t.Errorf("Get(%q) succeeded", u)
		}
	}
}

// A body is the caller's until it releases it: a released buffer is read
// into again, so a body kept without Release must not be one of them.
func TestReleasedBodiesAreReusedOnly(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/page/{n}", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(bytes.Repeat([]byte(r.PathValue("n")), 100_000))
	})
	srv, _ := newServer(t, mux)
	c := New(testConfig(), nil)
	get := func(n string) *Response {
		t.Helper()
		r, err := c.Get(context.Background(), srv.URL+"/page/"+n)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	kept := get("k")
	want := bytes.Repeat([]byte("k"), 100_000)
	for _, n := range []string{"a", "b", "c", "d"} {
		r := get(n)
		if !bytes.Equal(r.Body, bytes.Repeat([]byte(n), 100_000)) {
			t.Fatalf("page %s: body of %d bytes is not the page's", n, len(r.Body))
		}
		r.Release()
		if r.Body != nil {
			t.Errorf("page %s: Body still set after Release", n)
		}
	}
	if !bytes.Equal(kept.Body, want) {
		t.Error("a body not released was overwritten by later responses")
	}
}
