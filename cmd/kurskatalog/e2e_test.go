package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// The end-to-end test serves the bundled Susa-navet snapshot from a real
// HTTP server, crawls it with the real command, serves the API on a real
// port and checks what a user gets back.

type searchBody struct {
	Total int `json:"total"`
	Hits  []struct {
		ID       string `json:"id"`
		Title    string `json:"title"`
		Mode     string `json:"mode"`
		Provider struct {
			Name string `json:"name"`
		} `json:"provider"`
		Municipalities []string `json:"municipalities"`
	} `json:"hits"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Label string `json:"label"`
		Count int    `json:"count"`
	} `json:"facets"`
}

type errorBodyJSON struct {
	Error struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		Parameter string `json:"parameter"`
	} `json:"error"`
}

// liveServer is an EMIL3 data set behind a real server on loopback, for
// the real command to crawl; a test may change the data between crawls
// (under mu).
type liveServer struct {
	mu  sync.Mutex
	ds  *emil3.Dataset
	srv *httptest.Server
	// fault, when set, may answer a request instead of the API.
	fault func(w http.ResponseWriter, r *http.Request) bool
}

// newLiveServer serves ds until the test ends.
func newLiveServer(tb testing.TB, ds *emil3.Dataset) *liveServer {
	ls := &liveServer{ds: ds}
	var (
		h     *emil3.Server
		built datasetShape
	)
	ls.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ls.mu.Lock()
		// The API's index of the data set is made again when a test has
		// added or removed entries: made for every request, it cost the
		// national benchmarks seconds of the importer's cores.
		if shape := shapeOf(ls.ds); h == nil || shape != built {
			h, built = emil3.NewServer(ls.ds, emil3test.URL), shape
		}
		h := h
		fault := ls.fault
		ls.mu.Unlock()
		if fault != nil && fault(w, r) {
			return
		}
		h.ServeHTTP(w, r)
	}))
	tb.Cleanup(ls.srv.Close)
	return ls
}

// datasetShape is what an emil3.Server's index of a data set depends on:
// which entries each list holds. Entries changed in place (a new title, a
// status) are read from the data set at each request.
type datasetShape struct {
	events    *emil3.EventEntry
	infos     *emil3.InfoEntry
	providers *emil3.ProviderEntry
	n         [3]int
}

func shapeOf(ds *emil3.Dataset) datasetShape {
	return datasetShape{unsafe.SliceData(ds.Events), unsafe.SliceData(ds.Infos), unsafe.SliceData(ds.Providers),
		[3]int{len(ds.Events), len(ds.Infos), len(ds.Providers)}}
}

// newLiveSnapshot serves the bundled Susa-navet snapshot.
func newLiveSnapshot(t *testing.T) *liveServer {
	ds, err := emil3test.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return newLiveServer(t, ds)
}

func writeConfig(t *testing.T, dir, base, fullEvery string, extra ...string) string {
	t.Helper()
	cfg := fmt.Sprintf(`region: ["2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380"]
full_every: %s
sources:
  - id: susa-navet
    kind: emil3
    url: %s/susa-navet/emil3
    schedule: "0 4 * * *"
    delay: 1ms
`, fullEvery, base)
	for _, line := range extra {
		cfg += "    " + line + "\n"
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func crawlOnce(t *testing.T, config, dataDir string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"crawl", "--config", config, "--data-dir", dataDir}, &stdout, &stderr); code != 0 {
		t.Fatalf("crawl exited %d\n%s", code, stderr.String())
	}
	return stdout.String()
}

// startServe runs "kurskatalog serve" on a free port and returns its base
// URL and a function that stops it (also called when the test ends).
func startServe(t *testing.T, args ...string) (string, func()) {
	t.Helper()
	base, stop, _ := startServeLogged(t, args...)
	return base, stop
}

// startServeLogged is startServe that also returns serve's log so far.
func startServeLogged(t *testing.T, args ...string) (base string, stop func(), log func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var (
		mu     sync.Mutex
		stderr bytes.Buffer
	)
	log = func() string {
		mu.Lock()
		defer mu.Unlock()
		return stderr.String()
	}
	go func() {
		code := run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), pw, writerFunc(func(p []byte) (int, error) {
			mu.Lock()
			defer mu.Unlock()
			return stderr.Write(p)
		}))
		if code != 0 {
			t.Logf("serve stderr:\n%s", log())
		}
		pw.Close()
		done <- code
	}()
	stop = sync.OnceFunc(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d", code)
		}
	})
	t.Cleanup(stop)
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	if err != nil {
		t.Fatalf("serve did not start: %v", err)
	}
	base = strings.TrimSpace(strings.TrimPrefix(line, "Kurskatalog is serving on "))
	return strings.TrimSuffix(base, "/"), stop, log
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func getJSON(t *testing.T, u string, wantStatus int, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s: status %d, want %d: %s", u, resp.StatusCode, wantStatus, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v: %s", u, err, body)
	}
}

func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	dataDir := filepath.Join(dir, "var")
	config := writeConfig(t, dir, snap.srv.URL, "168h")

	out := crawlOnce(t, config, dataDir)
	if !strings.Contains(out, "susa-navet") || !strings.Contains(out, " ok ") {
		t.Errorf("crawl summary does not show a successful run:\n%s", out)
	}

	base, _ := startServe(t, "--config", config, "--data-dir", dataDir)
	var all searchBody
	getJSON(t, base+"/api/v1/search?per_page=3&include_past=true&group=intake", http.StatusOK, &all)
	if all.Total < 1500 {
		t.Errorf("match-all total %d, want at least 1500 offerings", all.Total)
	}

	t.Run("every municipality has offerings", func(t *testing.T) {
		got := map[string]bool{}
		for _, v := range all.Facets["municipality"] {
			got[v.Value] = v.Count > 0
			if v.Value == "2380" && v.Label != "Östersund" {
				t.Errorf("2380 labelled %q", v.Label)
			}
		}
		for _, code := range data.JamtlandMunicipalities {
			if !got[code] {
				t.Errorf("no offerings in %s", code)
			}
		}
	})

	t.Run("each facet value's count is what filtering by it returns", func(t *testing.T) {
		params := map[string]string{"municipality": "municipality", "mode": "mode", "school_type": "school_type", "pace": "pace",
			"occupation": "occupation"}
		if len(all.Facets["occupation"]) < 10 {
			t.Errorf("only %d occupations in the facet: are offerings mapped at import?", len(all.Facets["occupation"]))
		}
		for facet, param := range params {
			sum := 0
			for _, v := range all.Facets[facet] {
				var r searchBody
				getJSON(t, base+"/api/v1/search?per_page=1&include_past=true&group=intake&"+param+"="+url.QueryEscape(v.Value), http.StatusOK, &r)
				if r.Total != v.Count {
					t.Errorf("%s=%s: facet says %d, filter returns %d", param, v.Value, v.Count, r.Total)
				}
				sum += v.Count
			}
			if facet == "mode" && sum != all.Total {
				t.Errorf("mode counts add up to %d, total is %d", sum, all.Total)
			}
		}
	})

	t.Run("counted as courses, each facet value's count is what filtering by it returns", func(t *testing.T) {
		var courses searchBody
		getJSON(t, base+"/api/v1/search?per_page=1", http.StatusOK, &courses)
		if courses.Total == 0 || courses.Total >= all.Total {
			t.Errorf("%d courses of %d offerings", courses.Total, all.Total)
		}
		for _, facet := range []string{"municipality", "mode", "school_type"} {
			for _, v := range courses.Facets[facet] {
				var r searchBody
				getJSON(t, base+"/api/v1/search?per_page=1&"+facet+"="+url.QueryEscape(v.Value), http.StatusOK, &r)
				if r.Total != v.Count {
					t.Errorf("%s=%s: facet says %d courses, filter returns %d", facet, v.Value, v.Count, r.Total)
				}
			}
		}
	})

	t.Run("choosing a municipality keeps the others' counts", func(t *testing.T) {
		var r searchBody
		getJSON(t, base+"/api/v1/search?municipality=2380", http.StatusOK, &r)
		if len(r.Facets["municipality"]) < 8 {
			t.Errorf("with 2380 chosen, municipality facet has %d values", len(r.Facets["municipality"]))
		}
	})

	t.Run("text search finds a title", func(t *testing.T) {
		title := all.Hits[0].Title
		var r searchBody
		getJSON(t, base+"/api/v1/search?include_past=true&group=intake&q="+url.QueryEscape(title), http.StatusOK, &r)
		found := false
		for _, h := range r.Hits {
			found = found || h.ID == all.Hits[0].ID
		}
		if !found {
			t.Errorf("q=%q does not return %s on the first page", title, all.Hits[0].ID)
		}
	})

	t.Run("bad input gets 400 naming the parameter", func(t *testing.T) {
		for _, tc := range []struct{ query, param string }{
			{"municipality=abc", "municipality"},
			{"mode=walking", "mode"},
			{"per_page=1000", "per_page"},
			{"page=0", "page"},
			{"start_from=2027-13-01", "start_from"},
			{"start_from=2027-06-01&start_to=2027-01-01", "start_to"},
			{"sort=popularity", "sort"},
			{"pace=150", "pace"},
			{"school_type=XYZ", "school_type"},
			{"kommun=2380", "kommun"},
			{"occupation=9999", "occupation"},
		} {
			var e errorBodyJSON
			getJSON(t, base+"/api/v1/search?"+tc.query, http.StatusBadRequest, &e)
			if e.Error.Code != "invalid" || e.Error.Parameter != tc.param || e.Error.Message == "" {
				t.Errorf("%s: got %+v, want code invalid naming %s", tc.query, e.Error, tc.param)
			}
		}
		var e errorBodyJSON
		getJSON(t, base+"/api/v1/offerings/e.finns.inte", http.StatusNotFound, &e)
		if e.Error.Code != "not_found" {
			t.Errorf("unknown id: %+v", e.Error)
		}
	})

	t.Run("offering has provenance", func(t *testing.T) {
		var o struct {
			ID         string `json:"id"`
			Provenance struct {
				Source    string    `json:"source"`
				SourceURL string    `json:"source_url"`
				FirstSeen time.Time `json:"first_seen"`
			} `json:"provenance"`
		}
		getJSON(t, base+"/api/v1/offerings/"+url.PathEscape(all.Hits[0].ID), http.StatusOK, &o)
		if o.ID != all.Hits[0].ID || o.Provenance.Source != "susa-navet" || o.Provenance.SourceURL == "" || o.Provenance.FirstSeen.IsZero() {
			t.Errorf("offering %+v", o)
		}
	})
}

func TestSecondCrawlAppliesChangesAndDeletions(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	dataDir := filepath.Join(dir, "var")
	crawlOnce(t, writeConfig(t, dir, snap.srv.URL, "168h"), dataDir)

	// Pick three offerings through the API, then change the source:
	// one renamed, one deleted with a tombstone, one gone without a trace.
	var before searchBody
	base, stop := startServe(t, "--config", writeConfig(t, dir, snap.srv.URL, "168h"), "--data-dir", dataDir)
	getJSON(t, base+"/api/v1/search?per_page=3&sort=title&group=intake", http.StatusOK, &before)
	stop() // one process at a time owns the data dir
	renamed, deleted, vanished := before.Hits[0].ID, before.Hits[1].ID, before.Hits[2].ID
	snap.mu.Lock()
	var kept []emil3.EventEntry
	for _, e := range snap.ds.Events {
		switch e.ID {
		case renamed:
			c := *e.Content
			c.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Value: "Fjällräddning med lavinhundar"}}}
			c.LastEdited = time.Now().In(catalog.Stockholm).Format("2006-01-02T15:04:05")
			e.Content = &c
		case deleted:
			e = emil3.EventEntry{ID: e.ID, Status: "DELETED"}
		case vanished:
			continue
		}
		kept = append(kept, e)
	}
	snap.ds.Events = kept
	snap.mu.Unlock()

	// A full run (full_every elapsed) applies all three.
	crawlOnce(t, writeConfig(t, dir, snap.srv.URL, "1ns"), dataDir)
	base, _ = startServe(t, "--config", writeConfig(t, dir, snap.srv.URL, "168h"), "--data-dir", dataDir)

	var r searchBody
	getJSON(t, base+"/api/v1/search?q="+url.QueryEscape("lavinhundar"), http.StatusOK, &r)
	if len(r.Hits) != 1 || r.Hits[0].ID != renamed {
		t.Errorf("renamed offering not found by its new title: %+v", r.Hits)
	}
	for _, id := range []string{deleted, vanished} {
		var e errorBodyJSON
		getJSON(t, base+"/api/v1/offerings/"+url.PathEscape(id), http.StatusNotFound, &e)
	}
	var after searchBody
	getJSON(t, base+"/api/v1/search?per_page=1&group=intake", http.StatusOK, &after)
	if after.Total != before.Total-2 {
		t.Errorf("total %d after removing two of %d", after.Total, before.Total)
	}
}
