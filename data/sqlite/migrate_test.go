package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// A database written before the records table had rowids keeps its records,
// tombstones and merges through the migration.
func TestMigrateRecordsToRowids(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, `CREATE TABLE migrations (name TEXT PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"migrations/0001_init.sql", "migrations/0002_demand.sql", "migrations/0003_merge.sql"} {
		body, err := migrations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.ExecContext(ctx, string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := raw.ExecContext(ctx, `INSERT INTO migrations (name) VALUES (?)`, name); err != nil {
			t.Fatal(err)
		}
	}
	const at = "2026-11-20T04:00:00Z"
	for _, r := range []struct{ source, id, canonical, removed, doc string }{
		{"susa-navet", "e.1", "e.1", "", `{"id":"e.1","title":"Svenska 1"}`},
		{"miun-kurser", "html.1", "e.1", "", `{"id":"html.1","title":"Svenska 1","url":"https://miun.se"}`},
		{"susa-navet", "e.2", "e.2", at, `{"id":"e.2","title":"Engelska 5"}`},
	} {
		_, err := raw.ExecContext(ctx, `INSERT INTO records (source, id, hash, doc, first_seen, last_seen, last_changed, removed_at, canonical)
			VALUES (?, ?, 'h', ?, ?, ?, ?, nullif(?, ''), ?)`, r.source, r.id, r.doc, at, at, at, r.removed, r.canonical)
		if err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o, err := db.FindOfferingByID(ctx, "html.1")
	if err != nil {
		t.Fatal(err)
	}
	if o.ID != "e.1" || o.Title != "Svenska 1" || o.URL != "https://miun.se" || len(o.Sources) != 2 {
		t.Errorf("merged offering after the migration: %+v", o)
	}
	if n, _ := db.CountOfferings(ctx); n != 1 {
		t.Errorf("%d offerings, want 1: the tombstone stays one", n)
	}
}
