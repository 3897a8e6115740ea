package html

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kurskatalog/crawler/fetch"
)

// siteFor finds a source of the default configuration by id.
func siteFor(t *testing.T, id string) SiteConfig {
	t.Helper()
	for _, s := range loadSites(t) {
		if s.ID == id {
			return s.Site
		}
	}
	t.Fatalf("no source %q in the default configuration", id)
	return SiteConfig{}
}

// TestRobotsDisallowRespected crawls Berg, whose side menu links to /intern/,
// which its robots.txt disallows: the page is never requested, the rest of
// the site is read and the batch is still complete.
func TestRobotsDisallowRespected(t *testing.T) {
	rec := &recorder{}
	b := fetchBatch(t, "larcentrum-berg", siteFor(t, "larcentrum-berg"), snapshotClient(rec.wrap))
	paths := rec.requested()
	for _, p := range paths {
		if strings.Contains(p, "/intern/") {
			t.Errorf("requested %s despite robots.txt", p)
		}
	}
	for _, want := range []string{"www.berg.se/robots.txt", "www.berg.se/utbildning/larcentrum/sommarkurser.html"} {
		if !slices.Contains(paths, want) {
			t.Errorf("did not request %s; requests %v", want, paths)
		}
	}
	if !b.Complete || len(b.Skipped) != 1 || !strings.HasPrefix(b.Skipped[0].Reason, "robots.txt disallows https://www.berg.se/intern/") {
		t.Errorf("complete %v, skipped %+v", b.Complete, b.Skipped)
	}
	for _, o := range b.Offerings {
		if o.Title == "Introduktion för nya chefer" {
			t.Error("kept a course from the disallowed page")
		}
	}
}

// TestDetailPageErrorFailsFetch breaks one of Åre's detail pages: a site
// read in part must not replace what the catalogue has.
func TestDetailPageErrorFailsFetch(t *testing.T) {
	for _, status := range []int{http.StatusInternalServerError, http.StatusNotFound, http.StatusForbidden} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			client := snapshotClient(func(h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if strings.HasSuffix(r.URL.Path, "/hlr.html") {
						http.Error(w, "fel", status)
						return
					}
					h.ServeHTTP(w, r)
				})
			})
			src, err := New("larcentrum-are", siteFor(t, "larcentrum-are"), client)
			if err != nil {
				t.Fatal(err)
			}
			b, err := src.Fetch(context.Background(), time.Time{})
			if err == nil || b != nil {
				t.Fatalf("Fetch = %v, %v; want an error and no batch", b, err)
			}
			if want := fmt.Sprintf("hlr.html: status %d", status); !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "larcentrum-are") {
				t.Errorf("error %q does not say which source and page failed", err)
			}
		})
	}
}

// testSite serves pages from a map on a real HTTP server.
func testSite(t *testing.T, pages map[string]string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".txt") {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		} else if strings.HasSuffix(r.URL.Path, ".pdf") {
			w.Header().Set("Content-Type", "application/pdf")
		} else {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func testClient(srv *httptest.Server, timeout time.Duration) *fetch.Client {
	return fetch.New(fetch.Config{Delay: -1, Retries: -1, Timeout: timeout}, srv.Client().Transport)
}

// listSite is a site config for testSite pages: courses are <li class="kurs">,
// links to follow are in <nav class="mer">.
func listSite(start string) SiteConfig {
	return SiteConfig{
		StartURLs: []string{start},
		Follow:    []string{"nav.mer a"},
		Item:      "li.kurs",
		Fields: map[string]FieldRule{
			FieldTitle: {Selector: "h3"},
			FieldStart: {Selector: ".start"},
			FieldTown:  {Selector: ".ort"},
		},
		Defaults: map[string]string{FieldProvider: "Lärcentrum Test", FieldSchoolType: "AU", FieldMunicipality: "2303"},
	}
}

func course(title, start string) string {
	return `<li class="kurs"><h3>` + title + `</h3><span class="start">` + start + `</span></li>`
}

func fetchSite(t *testing.T, site SiteConfig, client *fetch.Client) error {
	t.Helper()
	src, err := New("test", site, client)
	if err != nil {
		t.Fatal(err)
	}
	b, err := src.Fetch(context.Background(), time.Time{})
	if err == nil && (b == nil || !b.Complete) {
		t.Errorf("no error but batch %+v", b)
	}
	if err != nil && b != nil {
		t.Errorf("error %v with a batch", err)
	}
	return err
}

func TestFetchFailures(t *testing.T) {
	tests := []struct {
		name  string
		pages map[string]string
		site  func(base string) SiteConfig
		want  string
	}{
		{"start page without items or links",
			map[string]string{"/kurser/": `<html><body><h1>Kurser</h1><p>Sidan har flyttat.</p></body></html>`},
			func(base string) SiteConfig { return listSite(base + "/kurser/") },
			"has no courses and no links to follow"},
		{"links but no course anywhere",
			map[string]string{"/kurser/": `<nav class="mer"><a href="/kurser/a.html">A</a></nav>`, "/kurser/a.html": `<p>Inget här</p>`},
			func(base string) SiteConfig { return listSite(base + "/kurser/") },
			"no courses found on 2 pages"},
		{"missing start page",
			map[string]string{},
			func(base string) SiteConfig { return listSite(base + "/kurser/") },
			"status 404"},
		{"start page not HTML",
			map[string]string{"/kurser.pdf": "%PDF-1.7"},
			func(base string) SiteConfig { return listSite(base + "/kurser.pdf") },
			"not an HTML page"},
		{"second start page empty",
			map[string]string{"/a/": course("Truckkort", "2027-02-01"), "/b/": `<p>tom</p>`},
			func(base string) SiteConfig {
				s := listSite(base + "/a/")
				s.StartURLs = append(s.StartURLs, base+"/b/")
				return s
			},
			"/b/ has no courses"},
		{"more pages than max_pages",
			map[string]string{
				"/1/": course("A", "2027-02-01") + `<nav class="mer"><a href="/2/">2</a></nav>`,
				"/2/": course("B", "2027-02-01") + `<nav class="mer"><a href="/3/">3</a></nav>`,
				"/3/": course("C", "2027-02-01"),
			},
			func(base string) SiteConfig {
				s := listSite(base + "/1/")
				s.MaxPages = 2
				return s
			},
			"more than 2 pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := testSite(t, tt.pages)
			err := fetchSite(t, tt.site(srv.URL), testClient(srv, 0))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Fetch error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestTimeoutFailsFetch: a detail page that never answers fails the crawl
// within the client's timeout.
func TestTimeoutFailsFetch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow.html" {
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(course("A", "2027-02-01") + `<nav class="mer"><a href="/slow.html">B</a></nav>`))
	}))
	t.Cleanup(srv.Close)
	err := fetchSite(t, listSite(srv.URL+"/"), testClient(srv, 50*time.Millisecond))
	if err == nil || !strings.Contains(err.Error(), "/slow.html") || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want a deadline on /slow.html", err)
	}
}

func TestCancelledContext(t *testing.T) {
	srv, _ := testSite(t, map[string]string{"/": course("A", "2027-02-01")})
	src, err := New("test", listSite(srv.URL+"/"), testClient(srv, 0))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if b, err := src.Fetch(ctx, time.Time{}); err == nil || !errors.Is(err, context.Canceled) {
		t.Errorf("Fetch = %v, %v; want context.Canceled", b, err)
	}
}

// TestFollow checks which links are followed: on the start host only, each
// once, matching follow_pattern; a followed PDF is not a page.
func TestFollow(t *testing.T) {
	other, otherHits := testSite(t, map[string]string{"/": course("Främmande", "2027-02-01")})
	srv, _ := testSite(t, map[string]string{
		"/kurser/": course("Truckkort", "2027-02-01") + `<nav class="mer">
			<a href="/kurser/a.html">A</a> <a href="a.html#anmalan">A igen</a> <a href="/kurser/b.html">B</a>
			<a href="` + other.URL + `/">Annan webbplats</a> <a href="/nyheter/c.html">Nyhet</a>
			<a href="/kurser/katalog.pdf">Katalog</a> <a href="mailto:x@y.se">Mejl</a> <a href="javascript:void(0)">Meny</a></nav>
			<p><a href="/kurser/d.html">Inte i nav</a></p>`,
		"/kurser/a.html":      course("HLR", "9 mars 2027"),
		"/kurser/b.html":      `<base href="/kurser/del/">` + course("Excel", "2 mars 2027") + `<nav class="mer"><a href="e.html">E</a></nav>`,
		"/kurser/del/e.html":  course("Lokalvård", "12 april 2027") + course("Truckkort", "2027-02-01"),
		"/kurser/katalog.pdf": "%PDF-1.7",
		"/kurser/d.html":      course("Ska inte läsas", "2027-02-01"),
		"/nyheter/c.html":     course("Ska inte heller läsas", "2027-02-01"),
	})
	site := listSite(srv.URL + "/kurser/")
	site.FollowPattern = `/kurser/`
	b := fetchBatch(t, "test", site, testClient(srv, 0))
	var titles []string
	for _, o := range b.Offerings {
		titles = append(titles, o.Title)
	}
	// Truckkort on e.html is the same course as on the start page: kept once.
	if want := []string{"Truckkort", "HLR", "Excel", "Lokalvård"}; !slices.Equal(titles, want) {
		t.Errorf("titles %q, want %q", titles, want)
	}
	if b.Fetched != 5 {
		t.Errorf("fetched %d records, want 5 (the duplicate counts)", b.Fetched)
	}
	if n := otherHits.Load(); n != 0 {
		t.Errorf("another host got %d requests", n)
	}
	if len(b.Skipped) != 0 {
		t.Errorf("skipped %+v", b.Skipped)
	}
}

// TestSameKeyDifferentCourses: two courses whose title and start are the same
// (one in each of two towns) get distinct ids in page order.
func TestSameKeyDifferentCourses(t *testing.T) {
	srv, _ := testSite(t, map[string]string{"/": `<ul>
		<li class="kurs"><h3>Truckkort</h3><span class="start">2027-02-01</span><span class="ort">Hammarstrand</span></li>
		<li class="kurs"><h3>Truckkort</h3><span class="start">2027-02-01</span><span class="ort">Stugun</span></li>
		<li class="kurs"><h3>Truckkort</h3><span class="start">2027-02-01</span><span class="ort">Hammarstrand</span></li>
		<li class="kurs"><h3>Truckkort</h3><span class="start">Löpande</span></li>
		<li class="kurs"><h3></h3><span class="start">2027-02-01</span></li>
		<li class="kurs"><h3>Datumlös</h3><span class="start">Till våren</span></li></ul>`})
	b := fetchBatch(t, "test", listSite(srv.URL+"/"), testClient(srv, 0))
	var ids []string
	for _, o := range b.Offerings {
		ids = append(ids, o.ID)
	}
	want := []string{"html.test.truckkort-2027-02-01", "html.test.truckkort-2027-02-01-2", "html.test.truckkort-lopande"}
	if !slices.Equal(ids, want) {
		t.Errorf("ids %q, want %q", ids, want)
	}
	if len(b.Skipped) != 2 || b.Skipped[0].Reason != "missing title" || !strings.HasPrefix(b.Skipped[1].Reason, "start: no date") {
		t.Errorf("skipped %+v", b.Skipped)
	}
}

// TestExcluded counts items that are not courses as filtered.
func TestExcluded(t *testing.T) {
	srv, _ := testSite(t, map[string]string{"/": course("Truckkort", "2027-02-01") + course("Tentamensskrivning", "Löpande")})
	site := listSite(srv.URL + "/")
	site.Exclude = "(?i)tentamen"
	b := fetchBatch(t, "test", site, testClient(srv, 0))
	if len(b.Offerings) != 1 || b.Filtered != 1 || b.Fetched != 2 {
		t.Errorf("kept %d filtered %d fetched %d; want 1 1 2", len(b.Offerings), b.Filtered, b.Fetched)
	}
}

// TestLegacyEncoding reads a Windows-1252 page whose charset is named only
// in <meta>, as older municipal sites still serve them.
func TestLegacyEncoding(t *testing.T) {
	page := "<html><head><meta charset=\"windows-1252\"></head><body>" +
		course("Skoterf\xf6rarbevis", "6 mars 2027") + "</body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(page))
	}))
	t.Cleanup(srv.Close)
	b := fetchBatch(t, "test", listSite(srv.URL+"/"), testClient(srv, 0))
	if len(b.Offerings) != 1 || b.Offerings[0].Title != "Skoterförarbevis" || b.Offerings[0].ID != "html.test.skoterforarbevis-2027-03-06" {
		t.Errorf("got %+v", b.Offerings)
	}
}
