package main

import (
	"context"
	"os"
	"path/filepath"
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
// pg_dump.
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

	base, _ := startServe(t, "--config", config, "--data-dir", filepath.Join(dir, "second"))
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
	deadline := time.Now().Add(10 * time.Second)
	for {
		var res struct{ Total int }
		getJSON(t, api+"/api/v1/search?q=kvantfysik&include_past=true", 200, &res)
		if res.Total == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve --role api did not find the committed offering within 10 s (total %d)", res.Total)
		}
		time.Sleep(200 * time.Millisecond)
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
