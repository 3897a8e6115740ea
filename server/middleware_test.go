package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/occupation"
	"kurskatalog/data/sqlite"
	"kurskatalog/server"
)

// serveWithRun serves the pages' fixture (pagesFixture) with the demand and
// taxonomy that the occupation and coverage pages need, as imported by one
// finished run, and returns the store for later writes.
func serveWithRun(t *testing.T, d server.Deps) (*httptest.Server, *sqlite.DB) {
	t.Helper()
	tax, err := occupation.Load()
	if err != nil {
		t.Fatal(err)
	}
	d.Taxonomy = tax
	if d.Sources == nil {
		d.Sources = noSources{}
	}
	if d.Now == nil {
		d.Now = func() time.Time { return pagesToday }
	}
	var store *sqlite.DB
	srv := serveCatalogue(t, d, func(ctx context.Context, db *sqlite.DB) error {
		store = db
		db.SetClock(func() time.Time { return pagesToday.Add(-time.Hour) })
		older, newer := pagesFixture()
		return importRun(ctx, db, append(older, newer...))
	})
	return srv, store
}

// noSources is a catalogue with no configured sources.
type noSources struct{}

func (noSources) SourceStatuses(context.Context) ([]catalog.SourceStatus, error) { return nil, nil }

// importRun stores offerings as one successful run of susa-navet does.
func importRun(ctx context.Context, db *sqlite.DB, offerings []catalog.Offering) error {
	run, err := db.StartRun(ctx, "susa-navet", true)
	if err != nil {
		return err
	}
	res, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: offerings})
	if err != nil {
		return err
	}
	run.Status, run.Fetched, run.Added, run.Changed = catalog.RunOK, len(offerings), len(res.Added), len(res.Changed)
	return db.FinishRun(ctx, &run)
}

// getRoutes are the router's GET routes as requests: a parameter is given
// a value that exists in serveWithRun's catalogue.
func getRoutes(t *testing.T) []string {
	t.Helper()
	values := map[string]string{"/kurs/:id": "/kurs/e.sv1.a", "/api/v1/offerings/:id": "/api/v1/offerings/e.sv1.a",
		"/yrke/:ssyk": "/yrke/5321", "/static/*file": "/static/app.js",
		"/api/v1/occupations/:ssyk/pathways": "/api/v1/occupations/5321/pathways?municipality=2361"}
	var paths []string
	for _, r := range server.New(server.Deps{}).Routes() {
		if r.Method != http.MethodGet {
			continue
		}
		p := r.Path
		if v, ok := values[p]; ok {
			p = v
		} else if strings.ContainsAny(p, ":*") {
			t.Fatalf("route %s has a parameter the test gives no value", p)
		}
		paths = append(paths, p)
	}
	if len(paths) < 15 {
		t.Fatalf("only %d GET routes: %v", len(paths), paths)
	}
	return paths
}

func do(t *testing.T, method, url string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if h := header.Get("Host"); h != "" {
		req.Host = h
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// Uptime monitors and link checkers send HEAD; it must answer as GET does,
// without the body.
func TestHEADOnEveryGETRoute(t *testing.T) {
	srv, _ := serveWithRun(t, server.Deps{})
	for _, path := range getRoutes(t) {
		get, _ := do(t, http.MethodGet, srv.URL+path, nil)
		head, body := do(t, http.MethodHead, srv.URL+path, nil)
		if get.StatusCode != http.StatusOK || head.StatusCode != http.StatusOK {
			t.Errorf("%s: GET %d, HEAD %d, want 200 for both", path, get.StatusCode, head.StatusCode)
		}
		if body != "" {
			t.Errorf("HEAD %s has a body: %.80q", path, body)
		}
		if g, h := get.Header.Get("Content-Type"), head.Header.Get("Content-Type"); g != h {
			t.Errorf("%s: HEAD's Content-Type %q, GET's %q", path, h, g)
		}
	}
}

// Every answer tells browsers not to guess its type: pages, API, CSV,
// iCalendar, health checks and errors alike.
func TestNosniffOnEveryResponse(t *testing.T) {
	srv, _ := serveWithRun(t, server.Deps{})
	paths := append(getRoutes(t), "/api/v1/coverage?view=cells&format=csv", "/nowhere", "/api/v1/nowhere",
		"/api/v1/search?page=0", "/kurs/e.nothing", "/kurs/e.sv1.a/")
	for _, path := range paths {
		resp, _ := do(t, http.MethodGet, srv.URL+path, nil)
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s (%d): X-Content-Type-Options %q", path, resp.StatusCode, got)
		}
	}
	resp, _ := do(t, http.MethodPost, srv.URL+"/api/v1/search", nil)
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("POST: no nosniff")
	}
}

// errorCode reads the API's error shape, failing when the body is not it.
func errorCode(t *testing.T, what string, resp *http.Response, body string) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message, Parameter string }
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("%s: Content-Type %q, want JSON", what, resp.Header.Get("Content-Type"))
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Errorf("%s: not the API's error shape: %v: %.200q", what, err, body)
	}
	return e.Error.Code + "/" + e.Error.Parameter
}

// The API answers every error in its JSON shape, whatever the status.
func TestAPIErrorsInJSONShape(t *testing.T) {
	srv, _ := serveWithRun(t, server.Deps{})
	big := strings.Repeat("x", 70<<10)
	for _, tc := range []struct {
		name, method, path string
		header             http.Header
		body               string
		status             int
		code               string
	}{
		{"unknown path", http.MethodGet, "/api/v1/nowhere", nil, "", 404, "not_found/"},
		{"unknown offering", http.MethodGet, "/api/v1/offerings/e.nothing", nil, "", 404, "not_found/"},
		{"method", http.MethodPost, "/api/v1/search", nil, "", 405, "method_not_allowed/"},
		{"header fields too large", http.MethodGet, "/api/v1/search", http.Header{"X-Big": {big}}, "", 431, "header_too_large/"},
		{"query string too long", http.MethodGet, "/api/v1/search?q=" + strings.Repeat("a", 110<<10), nil, "", 414, "uri_too_long/"},
		{"body too large", http.MethodPost, "/api/v1/search", nil, big, 413, "too_large/"},
		{"query string unreadable", http.MethodGet, "/api/v1/search?q=%zz", nil, "", 400, "invalid/"},
		{"NaN distance", http.MethodGet, "/api/v1/coverage?max_km=NaN", nil, "", 400, "invalid/max_km"},
		{"infinite distance", http.MethodGet, "/api/v1/coverage?max_km=Inf", nil, "", 400, "invalid/max_km"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header = tc.header
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d: %.200s", resp.StatusCode, tc.status, body)
			}
			if got := errorCode(t, tc.name, resp, string(body)); got != tc.code {
				t.Errorf("error %q, want %q", got, tc.code)
			}
		})
	}
}

// syncBuffer is a log's output, written by the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The access log says what was asked and how it went, by route, without
// the client's own address or the notes of a shared shortlist.
func TestAccessLog(t *testing.T) {
	var out syncBuffer
	log := slog.New(slog.NewTextHandler(&out, nil))
	srv, _ := serveWithRun(t, server.Deps{Log: log})
	do(t, http.MethodGet, srv.URL+"/lista?id=e.sv1.a&note=Ring+Anna+Svensson+0701234567", nil)
	do(t, http.MethodGet, srv.URL+"/api/v1/search?q=svenska", nil)
	do(t, http.MethodHead, srv.URL+"/kurs/e.sv1.a", nil)
	got := out.String()
	for _, want := range []string{
		`msg=Request method=GET route=/lista path=/lista status=200`,
		`route=/api/v1/search path=/api/v1/search status=200`,
		`q=svenska`,
		`method=HEAD route=/kurs/:id path=/kurs/e.sv1.a status=200`, `bytes=0 client=`,
		`client=127.0.0.0/24`,
		`bytes=`,
		`duration_ms=`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the log lacks %q:\n%s", want, got)
		}
	}
	for _, never := range []string{"Anna", "0701234567", "127.0.0.1"} {
		if strings.Contains(got, never) {
			t.Errorf("the log holds %q:\n%s", never, got)
		}
	}
}
