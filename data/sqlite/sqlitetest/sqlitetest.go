// Package sqlitetest opens SQLite stores for the benchmarks that run on
// demand over a national store.
package sqlitetest

import (
	"context"
	"os"
	"testing"

	"kurskatalog/data/sqlite"
)

// BenchCopy opens the store KURSKATALOG_BENCH_DB names, a copy of a
// national store (e.g. the national load benchmark's, with serve stopped),
// closed when tb ends. Without it, tb is skipped. Benchmarks may write to
// it: never give it a store in use.
func BenchCopy(tb testing.TB) *sqlite.DB {
	tb.Helper()
	path := os.Getenv("KURSKATALOG_BENCH_DB")
	if path == "" {
		tb.Skip("set KURSKATALOG_BENCH_DB to a copy of a national store")
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
