package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

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
	waitForTotal(t, api, "q=kvantfysik&include_past=true", 1)
}

// waitForTotal polls a search on base until it finds want offerings, for
// at most 10 s, and returns how long that took.
func waitForTotal(t *testing.T, base, query string, want int) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		var res struct{ Total int }
		getJSON(t, base+"/api/v1/search?"+query, 200, &res)
		if res.Total == want {
			return time.Since(start)
		}
		if time.Since(start) > 10*time.Second {
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
	"q=kvantfysik&include_past=true",
}

// Two serve --role api replicas beside one crawler, on the same
// PostgreSQL store, each with its own index: they answer every search
// alike, both follow what the crawler commits within seconds, and one
// answers on when the other stops.
func TestReplicasFollowOneCrawler(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	url, dir, config := postgresConfig(t)
	start := time.Now()
	startServe(t, "--config", config, "--data-dir", filepath.Join(dir, "crawler"), "--role", "crawler")
	t.Logf("crawler imported the bundled sources in %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	first, stopFirst := startServe(t, "--config", config, "--data-dir", filepath.Join(dir, "api1"), "--role", "api")
	second, _ := startServe(t, "--config", config, "--data-dir", filepath.Join(dir, "api2"), "--role", "api")
	t.Logf("two replicas built their indexes from the store and were ready in %v", time.Since(start).Round(time.Millisecond))
	for _, base := range []string{first, second} {
		getJSON(t, base+"/readyz", 200, &struct{}{})
	}

	before := searchEach(t, first, replicaSearches)
	for i, q := range replicaSearches[:3] {
		if before[i].Total == 0 {
			t.Errorf("%s: nothing found on a replica", q)
		}
	}
	if got := searchEach(t, second, replicaSearches); !reflect.DeepEqual(got, before) {
		t.Fatalf("the replicas answer differently:\nfirst  %+v\nsecond %+v", before, got)
	}

	ctx := context.Background()
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o := storetest.Offering("e.test.kvant", "Kvantfysik för nybörjare", "2361")
	if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "test-feed", Offerings: []catalog.Offering{o}}); err != nil {
		t.Fatal(err)
	}
	committed := time.Now()
	for _, base := range []string{first, second} {
		waitForTotal(t, base, "q=kvantfysik&include_past=true", 1)
		t.Logf("%s found the committed offering %v after the commit", base, time.Since(committed).Round(time.Millisecond))
	}
	after := searchEach(t, first, replicaSearches)
	if got := searchEach(t, second, replicaSearches); !reflect.DeepEqual(got, after) {
		t.Fatalf("after the commit the replicas answer differently:\nfirst  %+v\nsecond %+v", after, got)
	}

	stopFirst()
	var health struct{ Offerings int }
	getJSON(t, second+"/healthz", 200, &health)
	if got := searchEach(t, second, replicaSearches); !reflect.DeepEqual(got, after) {
		t.Errorf("with the first replica stopped the second answers differently:\nbefore %+v\nnow    %+v", after, got)
	}
}

// postgresConfig returns a new database, a directory and the default
// configuration in it with store: that database.
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
