package server_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
	"kurskatalog/server"
)

// Asking again with the ETag gets a 304 while the data is the same; once
// an import run has ended, the answer is new and so is its ETag.
func TestETagFollowsTheData(t *testing.T) {
	srv, db := serveWithRun(t, server.Deps{})
	paths := []string{"/api/v1/search?q=svenska", "/api/v1/offerings/e.sv1.a", "/", "/kurs/e.sv1.a", "/flode.atom",
		"/sitemap.xml"}
	tags := map[string]string{}
	for _, path := range paths {
		resp, _ := do(t, http.MethodGet, srv.URL+path, nil)
		tag := resp.Header.Get("ETag")
		if resp.StatusCode != 200 || tag == "" || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Fatalf("%s: status %d, ETag %q, Cache-Control %q", path, resp.StatusCode, tag, resp.Header.Get("Cache-Control"))
		}
		tags[path] = tag
		resp, body := do(t, http.MethodGet, srv.URL+path, http.Header{"If-None-Match": {tag}})
		if resp.StatusCode != http.StatusNotModified || body != "" || resp.Header.Get("ETag") != tag {
			t.Errorf("%s again with its ETag: status %d, ETag %q, %d bytes; want 304 and the same ETag",
				path, resp.StatusCode, resp.Header.Get("ETag"), len(body))
		}
	}
	for _, path := range []string{"/api/v1/offerings/e.nothing", "/api/v1/search?page=0"} {
		if resp, _ := do(t, http.MethodGet, srv.URL+path, nil); resp.Header.Get("ETag") != "" {
			t.Errorf("%s (%d) has an ETag: an error is not the tagged answer", path, resp.StatusCode)
		}
	}

	older, _ := pagesFixture()
	older[0].Title = "Svenska 1 (ny omgång)"
	if err := importRun(context.Background(), db, older[:1]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // the version is read at most once a second
	for _, path := range paths {
		resp, _ := do(t, http.MethodGet, srv.URL+path, http.Header{"If-None-Match": {tags[path]}})
		if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == tags[path] {
			t.Errorf("%s after an import: status %d, ETag %q; want 200 and a new ETag", path, resp.StatusCode, resp.Header.Get("ETag"))
		}
	}
}

// gatedTallies is a real store whose run tallies, once gate is set, wait
// for it to close, telling entered when they begin.
type gatedTallies struct {
	*sqlite.DB
	gate    atomic.Pointer[chan struct{}]
	entered chan struct{}
}

func (g *gatedTallies) RunTallies(ctx context.Context) ([]catalog.RunTally, error) {
	if gate := g.gate.Load(); gate != nil {
		g.entered <- struct{}{}
		<-*gate
	}
	return g.DB.RunTallies(ctx)
}

// When the runs' version is due to be read again, one request reads it and
// the others answer meanwhile with the version they have: a slow store
// query holds up one request, not all of them.
func TestOldVersionServedWhileRead(t *testing.T) {
	db, ix := openCatalogue(t, func(ctx context.Context, db *sqlite.DB) error {
		older, newer := pagesFixture()
		return importRun(ctx, db, append(older, newer...))
	})
	store := &gatedTallies{DB: db, entered: make(chan struct{}, 1)}
	srv := httptest.NewServer(server.New(server.Deps{Index: ix, Store: store, Coverage: db,
		Log: slog.New(slog.DiscardHandler)}))
	defer srv.Close()
	const path = "/api/v1/search?q=svenska"
	resp, _ := do(t, http.MethodGet, srv.URL+path, nil)
	tag := resp.Header.Get("ETag")
	if tag == "" {
		t.Fatalf("no ETag: %d", resp.StatusCode)
	}

	time.Sleep(1100 * time.Millisecond) // the version is read at most once a second
	gate := make(chan struct{})
	store.gate.Store(&gate)
	reader := make(chan string, 1)
	go func() {
		resp, _ := do(t, http.MethodGet, srv.URL+path, nil)
		reader <- resp.Header.Get("ETag")
	}()
	select {
	case <-store.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("no request read the version again")
	}
	other := make(chan string, 1)
	go func() {
		resp, _ := do(t, http.MethodGet, srv.URL+path, nil)
		other <- resp.Header.Get("ETag")
	}()
	select {
	case got := <-other:
		if got != tag {
			t.Errorf("ETag %q while the version is read again, want the one before, %q", got, tag)
		}
	case <-time.After(5 * time.Second):
		t.Error("a request waited for the version that another one reads")
	}
	store.gate.Store(nil)
	close(gate)
	if got := <-reader; got != tag {
		t.Errorf("ETag %q after reading the same version again, want %q", got, tag)
	}
}
