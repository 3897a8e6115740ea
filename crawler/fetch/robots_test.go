package fetch

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRobotsAllowAndDisallow(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	// Our own group is more specific than "*", so only its rules apply to
	// us: /private is allowed, /nojh is not.
	mux.Handle("/robots.txt", text("User-agent: *\nDisallow: /private\n\nUser-agent: Kurskatalog-JH\nDisallow: /nojh\n"))
	mux.Handle("/", text("ok"))
	srv, rec := newServer(t, mux)
	c := New(testConfig(), nil)
	ctx := context.Background()

	for _, p := range []string{"/public", "/private", "/public?x=1"} {
		if _, err := c.Get(ctx, srv.URL+p); err != nil {
			t.Errorf("Get %s: %v", p, err)
		}
	}
	_, err := c.Get(ctx, srv.URL+"/nojh/page")
	if !errors.Is(err, ErrDisallowedByRobots) {
		t.Fatalf("Get /nojh/page: err = %v, want ErrDisallowedByRobots", err)
	}
	if !strings.Contains(err.Error(), srv.URL+"/nojh/page") {
		t.Errorf("error %q does not name the URL", err)
	}
	if n := len(rec.hits("/nojh/page")); n != 0 {
		t.Errorf("disallowed page was requested %d times", n)
	}
	if n := len(rec.hits("/robots.txt")); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
	for _, q := range rec.hits("") {
		if ua := q.header.Get("User-Agent"); ua != DefaultUserAgent {
			t.Errorf("%s sent User-Agent %q", q.path, ua)
		}
	}
}

func TestRobots404AllowsAll(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/", text("ok")) // would also answer robots.txt, so route it:
	mux.Handle("/robots.txt", http.NotFoundHandler())
	srv, _ := newServer(t, mux)
	c := New(testConfig(), nil)
	if _, err := c.Get(context.Background(), srv.URL+"/anything"); err != nil {
		t.Fatal(err)
	}
}

func TestRobots5xxDisallowsAll(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	})
	mux.Handle("/", text("ok"))
	srv, rec := newServer(t, mux)
	c := New(testConfig(), nil)
	for range 2 {
		_, err := c.Get(context.Background(), srv.URL+"/page")
		if !errors.Is(err, ErrDisallowedByRobots) {
			t.Fatalf("err = %v, want ErrDisallowedByRobots", err)
		}
		if !strings.Contains(err.Error(), "500") {
			t.Errorf("error %q does not give the robots.txt status", err)
		}
	}
	if n := len(rec.hits("/page")); n != 0 {
		t.Errorf("page requested %d times despite robots.txt 500", n)
	}
	// Cached for the run: no second robots.txt request, and no retries.
	if n := len(rec.hits("/robots.txt")); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
}

func TestRobotsUnparseableDisallows(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/robots.txt", text("Disallow: /\n"))
	mux.Handle("/", text("ok"))
	srv, _ := newServer(t, mux)
	_, err := New(testConfig(), nil).Get(context.Background(), srv.URL+"/page")
	if !errors.Is(err, ErrDisallowedByRobots) || !strings.Contains(err.Error(), "does not parse") {
		t.Fatalf("err = %v, want ErrDisallowedByRobots for unparseable robots.txt", err)
	}
}

func TestRobotsRedirectFollowed(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/robots.txt", http.RedirectHandler("/real-robots.txt", http.StatusMovedPermanently))
	mux.Handle("/real-robots.txt", text("User-agent: *\nDisallow: /secret\n"))
	mux.Handle("/", text("ok"))
	srv, _ := newServer(t, mux)
	_, err := New(testConfig(), nil).Get(context.Background(), srv.URL+"/secret")
	if !errors.Is(err, ErrDisallowedByRobots) {
		t.Fatalf("err = %v, want ErrDisallowedByRobots", err)
	}
}

func TestIgnoreRobots(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/robots.txt", text("User-agent: *\nDisallow: /\n"))
	mux.Handle("/", text("ok"))
	srv, rec := newServer(t, mux)
	cfg := testConfig()
	cfg.IgnoreRobots = true
	if _, err := New(cfg, nil).Get(context.Background(), srv.URL+"/page"); err != nil {
		t.Fatal(err)
	}
	if n := len(rec.hits("/robots.txt")); n != 0 {
		t.Errorf("robots.txt fetched %d times with IgnoreRobots", n)
	}
}

func TestRobotsCrawlDelay(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/robots.txt", text("User-agent: *\nCrawl-delay: 0.1\n"))
	mux.Handle("/", text("ok"))
	srv, _ := newServer(t, mux)
	cfg := testConfig()
	cfg.Delay = 10 * time.Millisecond // smaller than Crawl-delay, so that wins
	rec := &recorder{}
	c := New(cfg, rec.sent(http.DefaultTransport))
	for range 2 {
		if _, err := c.Get(context.Background(), srv.URL+"/page"); err != nil {
			t.Fatal(err)
		}
	}
	// Robots fetch, page, page: each start >= 100ms after the previous.
	assertGaps(t, rec.hits(""), 3, 100*time.Millisecond)
}

func TestProductToken(t *testing.T) {
	for ua, want := range map[string]string{
		DefaultUserAgent: "Kurskatalog-JH",
		"bot":            "bot",
		"bot v2":         "bot",
	} {
		if got := productToken(ua); got != want {
			t.Errorf("productToken(%q) = %q, want %q", ua, got, want)
		}
	}
}
