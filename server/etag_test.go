package server_test

import (
	"context"
	"net/http"
	"testing"
	"time"

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
