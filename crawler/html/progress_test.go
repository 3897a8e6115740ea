package html

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"kurskatalog/crawler/progress"
)

// The counter shows each page and its records as the crawl reads it, not
// only once the whole site is read.
func TestProgressAsPagesAreRead(t *testing.T) {
	pages := map[string]string{
		"/kurser/":       course("Truckkort", "2027-02-01") + course("HLR", "2027-03-01") + `<nav class="mer"><a href="/kurser/a.html">A</a></nav>`,
		"/kurser/a.html": course("Excel", "2027-03-02") + `<nav class="mer"><a href="/kurser/b.html">B</a></nav>`,
		"/kurser/b.html": course("Lokalvård", "2027-04-12"),
	}
	counter := &progress.Counter{}
	var pagesSeen, recordsSeen int64 // when the last page is asked for
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/kurser/b.html" {
			pagesSeen, recordsSeen = counter.Pages(), counter.Records()
		}
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body>" + body + "</body></html>"))
	}))
	t.Cleanup(srv.Close)
	var changes int
	counter.OnChange(func() { changes++ })

	src, err := New("test", listSite(srv.URL+"/kurser/"), testClient(srv, 5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Fetch(progress.With(context.Background(), counter), time.Time{}); err != nil {
		t.Fatal(err)
	}
	if pagesSeen != 2 || recordsSeen != 3 {
		t.Errorf("before the last page: %d pages, %d records; want 2 and 3", pagesSeen, recordsSeen)
	}
	if counter.Pages() != 3 || counter.Records() != 4 || changes != 3 {
		t.Errorf("after the crawl: %d pages, %d records, %d changes; want 3, 4, 3", counter.Pages(), counter.Records(), changes)
	}
}
