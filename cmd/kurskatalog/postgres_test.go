package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kurskatalog/crawler/emil3"
	"kurskatalog/data/catalog"
	"kurskatalog/data/postgres"
	"kurskatalog/data/postgres/pgtest"
	"kurskatalog/data/storetest"
)

// With store: a PostgreSQL database, crawl, gaps, reindex and serve work
// on it, a second machine's serve (another data dir) builds its index from
// it, nothing of SQLite is made in the data dir, and backup says to use
// pg_dump. The crawl imports the bus timetable into it, which the coverage
// report by bus reads, and serve records there the searches that find
// nothing.
func TestPostgresStore(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	url, dir, config := postgresConfig(t)
	first := filepath.Join(dir, "first")
	crawlOnce(t, config, first)
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.CountOfferings(context.Background())
	if err != nil || n < 100 {
		t.Fatalf("%d offerings in PostgreSQL after a crawl (%v)", n, err)
	}
	if _, err := os.Stat(filepath.Join(first, storeFile)); err == nil {
		t.Errorf("a crawl into PostgreSQL made %s in the data dir", storeFile)
	}
	if tr, err := db.Transit(context.Background()); err != nil || tr.Feed.Source != "jlt" || len(tr.Times) == 0 {
		t.Errorf("bus times in PostgreSQL after a crawl: feed %+v, %d times (%v); want jlt's", tr.Feed, len(tr.Times), err)
	}

	code, stdout, stderr := runCommand(t, "gaps", "--config", config, "--data-dir", first, "--municipality", "Härjedalen")
	if code != 0 || !strings.Contains(stdout, "Härjedalen (2361)") {
		t.Errorf("gaps on PostgreSQL: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runCommand(t, "reindex", "--config", config, "--data-dir", first); code != 0 {
		t.Errorf("reindex on PostgreSQL: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runCommand(t, "backup", "--config", config, "--data-dir", first, filepath.Join(dir, "copy.db"))
	if code != 1 || !strings.Contains(stderr, "pg_dump") {
		t.Errorf("backup of a PostgreSQL store: exit %d, %q; want 1 and pg_dump", code, stderr)
	}

	base, stop := startServe(t, "--config", config, "--data-dir", filepath.Join(dir, "second"))
	var health struct{ Offerings int }
	getJSON(t, base+"/healthz", 200, &health)
	if health.Offerings < n {
		t.Errorf("serve on another data dir indexed %d offerings, want the store's %d (or more, cancelled ones too)", health.Offerings, n)
	}
	var res struct{ Total int }
	getJSON(t, base+"/api/v1/search?municipality=2361&include_distance=true", 200, &res)
	if res.Total == 0 {
		t.Error("a search served from the PostgreSQL store found nothing")
	}
	checkCoverageByBus(t, base)
	for range 5 {
		searchAsBrowser(t, base+"/api/v1/search?q=kvantfysik")
	}
	stop() // writes the queued searches
	if got, groups := storedSearches(t, db); got != 5 || groups[0].Words != "kvantfysik" {
		t.Errorf("searches recorded in PostgreSQL: %d, %+v; want 5 of kvantfysik", got, groups)
	}
}

// serve --role crawler imports and holds the store's writer lock, so that
// a second crawler waits; serve --role api on another data dir never
// imports, and finds within seconds what the crawler commits.
func TestServeRoles(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	url, dir, config := postgresConfig(t)
	if code, _, stderr := runCommand(t, "serve", "--data-dir", filepath.Join(dir, "x"), "--role", "api"); code != 2 || !strings.Contains(stderr, "store:") {
		t.Errorf("--role api on SQLite: exit %d, %q; want 2 naming store:", code, stderr)
	}
	startServe(t, "--config", config, "--data-dir", filepath.Join(dir, "crawler"), "--role", "crawler")
	api, _ := startServe(t, "--config", config, "--data-dir", filepath.Join(dir, "api"), "--role", "api")

	ctx := context.Background()
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	waited := false
	lockCtx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	if release, err := db.HoldWriter(lockCtx, func() { waited = true }); err == nil || !waited {
		if release != nil {
			release()
		}
		t.Errorf("a second writer beside serve --role crawler: waited %v, err %v; want it to wait", waited, err)
	}

	o := storetest.Offering("e.test.kvant", "Kvantfysik för nybörjare", "2380")
	if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "test-feed", Offerings: []catalog.Offering{o}}); err != nil {
		t.Fatal(err)
	}
	waitForTotal(t, api, "q=kvantfysik&include_past=true", 1, time.Now())
}

// waitForTotal polls a search on base until it finds want offerings, for
// at most 10 s after since.
func waitForTotal(t *testing.T, base, query string, want int, since time.Time) {
	t.Helper()
	for {
		var res struct{ Total int }
		getJSON(t, base+"/api/v1/search?"+query, 200, &res)
		if res.Total == want {
			return
		}
		if time.Since(since) > 10*time.Second {
			t.Fatalf("%s/api/v1/search?%s: %d offerings after 10 s, want %d: serve --role api did not follow the store", base, query, res.Total, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// replicaSearches are the searches two api replicas must answer alike.
var replicaSearches = []string{
	"q=svenska",
	"municipality=2361&include_distance=true",
	"occupation=5321",
	"q=lavinhundar&include_past=true",
	"include_past=true",
}

// Two serve --role api replicas beside one serve --role crawler, on the
// same PostgreSQL store, each with its own index: they answer every search
// alike, in the same order; both show a second crawl's changes within
// 10 s of its commit; and one answers on when the other stops.
func TestReplicasFollowOneCrawler(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	snap := newLiveSnapshot(t)
	url := pgtest.URL(t)
	dir := t.TempDir()
	config := writeConfig(t, dir, snap.srv.URL, "1ns") // every run full: a removal shows
	// The bus timetable is not published yet: its first run fails.
	gtfs, published := publishLater(t, "../../data/snapshots/gtfs/jlt.zip")
	if f, err := os.OpenFile(config, os.O_APPEND|os.O_WRONLY, 0); err != nil {
		t.Fatal(err)
	} else if _, err := f.WriteString("  - id: jlt\n    kind: gtfs\n    url: " + gtfs + "\n    schedule: \"30 6 * * 1\"\n" +
		"store: " + url + "\n"); err != nil || f.Close() != nil {
		t.Fatal(err)
	}
	crawlerDir := filepath.Join(dir, "crawler")
	start := time.Now()
	startServe(t, "--config", config, "--data-dir", crawlerDir, "--role", "crawler")
	t.Logf("crawler imported the source in %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	first, stopFirst := startServe(t, "--config", config, "--data-dir", filepath.Join(dir, "api1"), "--role", "api")
	second, _ := startServe(t, "--config", config, "--data-dir", filepath.Join(dir, "api2"), "--role", "api")
	t.Logf("two replicas built their indexes from the store and were ready in %v", time.Since(start).Round(time.Millisecond))

	before := searchEach(t, first, replicaSearches)
	for i, q := range replicaSearches {
		if (before[i].Total == 0) != strings.Contains(q, "lavinhundar") {
			t.Errorf("%s: %d found on a replica", q, before[i].Total)
		}
	}
	if got := searchEach(t, second, replicaSearches); !reflect.DeepEqual(got, before) {
		t.Fatalf("the replicas answer differently:\nfirst  %+v\nsecond %+v", before, got)
	}

	// The source changes: one event renamed, the last one gone.
	snap.mu.Lock()
	c := *snap.ds.Events[0].Content
	c.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Value: "Fjällräddning med lavinhundar"}}}
	snap.ds.Events[0].Content = &c
	snap.ds.Events = snap.ds.Events[:len(snap.ds.Events)-1]
	snap.mu.Unlock()
	// crawl beside the crawler asks it to run the source, and returns when
	// the run has committed.
	if code, out, errOut := runWithin(t, 30*time.Second, "crawl", "--config", config, "--data-dir", crawlerDir, "susa-navet"); code != 0 || !strings.Contains(out, "susa-navet  ok") {
		t.Fatalf("crawl beside serve --role crawler: exit %d\n%s%s", code, out, errOut)
	}
	committed := time.Now()
	all := before[len(before)-1].Total
	for _, base := range []string{first, second} {
		waitForTotal(t, base, "q=lavinhundar&include_past=true", 1, committed)
		waitForTotal(t, base, "include_past=true&group=intake", all-1, committed)
		t.Logf("%s showed the crawl's changes %v after its commit", base, time.Since(committed).Round(time.Millisecond))
	}
	after := searchEach(t, first, replicaSearches)
	if got := searchEach(t, second, replicaSearches); !reflect.DeepEqual(got, after) {
		t.Fatalf("after the second crawl the replicas answer differently:\nfirst  %+v\nsecond %+v", after, got)
	}

	// The timetable is published and crawled: a run that changes no
	// offering, which the replicas learn of from the runs alone.
	for _, base := range []string{first, second} {
		var e errorBodyJSON
		getJSON(t, base+busReport, http.StatusBadRequest, &e)
		if e.Error.Parameter != "max_bus_minutes" {
			t.Fatalf("%s: a report by bus before any timetable: %+v", base, e.Error)
		}
	}
	published.Store(true)
	if code, out, errOut := runWithin(t, 60*time.Second, "crawl", "--config", config, "--data-dir", crawlerDir, "jlt"); code != 0 || !regexp.MustCompile(`(?m)^jlt +ok `).MatchString(out) {
		t.Fatalf("crawl jlt beside serve --role crawler: exit %d\n%s%s", code, out, errOut)
	}
	committed = time.Now()
	for _, base := range []string{first, second} {
		for {
			resp, err := http.Get(base + busReport)
			if err != nil {
				t.Fatal(err)
			}
			var r struct {
				Travel struct{ Timetable *struct{ Source string } } `json:"travel"`
			}
			err = json.NewDecoder(resp.Body).Decode(&r)
			resp.Body.Close()
			if err == nil && resp.StatusCode == http.StatusOK && r.Travel.Timetable != nil && r.Travel.Timetable.Source == "jlt" {
				break
			}
			if time.Since(committed) > 10*time.Second {
				t.Fatalf("%s%s: %d after 10 s, want the report by jlt's buses: serve --role api did not follow the run", base, busReport, resp.StatusCode)
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("%s reported by the new bus timetable %v after its commit", base, time.Since(committed).Round(time.Millisecond))
	}

	stopFirst()
	var health struct{ Offerings int }
	getJSON(t, second+"/healthz", 200, &health)
	if health.Offerings == 0 {
		t.Error("with the first replica stopped, the second's /healthz counts no offering")
	}
	if got := searchEach(t, second, replicaSearches); !reflect.DeepEqual(got, after) {
		t.Errorf("with the first replica stopped the second answers differently:\nbefore %+v\nnow    %+v", after, got)
	}
}

// busReport is the coverage report of Bräcke by bus.
const busReport = "/api/v1/coverage?municipality=2305&view=cells&max_bus_minutes=60"

// publishLater serves the file at path from a server on loopback once
// published is set, and 404 Not Found before; it returns the file's URL.
func publishLater(t *testing.T, path string) (string, *atomic.Bool) {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	published := new(atomic.Bool)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/"+filepath.Base(path) || !published.Load() {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/" + filepath.Base(path), published
}

func postgresConfig(t *testing.T) (url, dir, config string) {
	t.Helper()
	url = pgtest.URL(t)
	dir = t.TempDir()
	config = filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(config, append(defaultConfig, []byte("\nstore: "+url+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	return url, dir, config
}
