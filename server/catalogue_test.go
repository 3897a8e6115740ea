package server_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"kurskatalog/data/sqlite"
	"kurskatalog/index"
	"kurskatalog/server"
)

// serveCatalogue serves a real store and index in a temporary directory:
// fill writes the store, the index is built from it, and the server gets
// them (as its index, store and coverage) with the rest of d: its clock,
// taxonomy, log.
func serveCatalogue(t *testing.T, d server.Deps, fill func(ctx context.Context, db *sqlite.DB) error) *httptest.Server {
	t.Helper()
	db, ix := openCatalogue(t, fill)
	d.Index, d.Store, d.Coverage = ix, db, db
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	srv := httptest.NewServer(server.New(d))
	t.Cleanup(srv.Close)
	return srv
}

// openCatalogue opens a real store and index in a temporary directory:
// fill writes the store, and the index is built from it.
func openCatalogue(t *testing.T, fill func(ctx context.Context, db *sqlite.DB) error) (*sqlite.DB, *index.Index) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "kurskatalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ix, _, err := index.Open(filepath.Join(dir, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := fill(ctx, db); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Rebuild(ctx, db.EachOffering); err != nil {
		t.Fatal(err)
	}
	return db, ix
}
