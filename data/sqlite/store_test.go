package sqlite

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kurskatalog/data/catalog"
	"kurskatalog/data/storetest"
)

func openTest(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestStore runs the behaviour every store shares on SQLite.
func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return openTest(t) })
}

// A damaged document is an error naming its record, not a silently
// shorter catalogue.
func TestDamagedDocument(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	o := catalog.Offering{ID: "o1", Title: "Svenska 1", Provenance: catalog.Provenance{Source: "a"}}
	if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "a", Complete: true, Offerings: []catalog.Offering{o}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, `UPDATE records SET doc = '{"title": ' WHERE source = 'a' AND id = 'o1'`); err != nil {
		t.Fatal(err)
	}
	err := db.EachOffering(ctx, func(catalog.Offering) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "a/o1") {
		t.Errorf("a damaged document: %v, want an error naming a/o1", err)
	}
}

// BenchmarkOfferingsByIDs reads back every offering of a data dir's store
// by id, as an import does after writing them all, e.g. the national
// load benchmark's (KURSKATALOG_LOAD_DIR):
//
//	KURSKATALOG_BENCH_DATA_DIR=/tmp/load/var go test ./data/sqlite -run '^$' -bench OfferingsByIDs -benchtime 3x
func BenchmarkOfferingsByIDs(b *testing.B) {
	db, ids := benchStore(b)
	ctx := context.Background()
	for b.Loop() {
		got, err := db.OfferingsByIDs(ctx, ids)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(got)), "offerings")
	}
}

// BenchmarkPageOfHits reads what a page of search hits reads from the
// store when the kept offerings and intakes miss: 250 offerings by id,
// spread over the file, through a memory map (db_map_mb: 1024) and with a
// call per page (the default). The file's pages are in the kernel's cache
// either way.
//
//	KURSKATALOG_BENCH_DATA_DIR=/tmp/load/var go test ./data/sqlite -run '^$' -bench PageOfHits -count 5
func BenchmarkPageOfHits(b *testing.B) {
	for _, c := range []struct {
		name string
		opts []Option
	}{{"mapped", []Option{MapSize(1 << 30)}}, {"calls", nil}} {
		b.Run(c.name, func(b *testing.B) {
			db, ids := benchStore(b, c.opts...)
			ctx := context.Background()
			rand.New(rand.NewPCG(1, 2)).Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
			const page = 250
			next := 0
			for b.Loop() {
				if next+page > len(ids) {
					next = 0
				}
				got, err := db.OfferingsByIDs(ctx, ids[next:next+page])
				if err != nil || len(got) != page {
					b.Fatalf("%d of %d offerings read: %v", len(got), page, err)
				}
				next += page
			}
		})
	}
}

// benchStore opens the store of the data dir in $KURSKATALOG_BENCH_DATA_DIR
// (skipping the benchmark without one) and lists its offerings' ids.
func benchStore(b *testing.B, opts ...Option) (*DB, []string) {
	dir := os.Getenv("KURSKATALOG_BENCH_DATA_DIR")
	if dir == "" {
		b.Skip("set KURSKATALOG_BENCH_DATA_DIR to a data dir serve has built")
	}
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(dir, "kurskatalog.db"), opts...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ids, err := db.ChangedSince(ctx, 0)
	if err != nil {
		b.Fatal(err)
	}
	return db, ids
}
