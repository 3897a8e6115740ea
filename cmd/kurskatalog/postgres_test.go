package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kurskatalog/data/postgres"
	"kurskatalog/data/postgres/pgtest"
)

// With store: a PostgreSQL database, crawl, gaps, reindex and serve work
// on it, a second machine's serve (another data dir) builds its index from
// it, nothing of SQLite is made in the data dir, and backup says to use
// pg_dump.
func TestPostgresStore(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	url := pgtest.URL(t)
	dir := t.TempDir()
	config := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(config, append(defaultConfig, []byte("\nstore: "+url+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
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
