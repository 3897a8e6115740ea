package pathway_test

import (
	"context"
	"os"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/pathway"
	"kurskatalog/data/sqlite"
)

// BenchmarkBuild lays out the pathway to assistant nurse (5321) from
// Östersund over a national store's offerings as the service keeps them
// (coverage.Load), on demand:
//
//	KURSKATALOG_BENCH_DB=/tmp/copy.db go test ./data/pathway -run '^$' -bench Build
func BenchmarkBuild(b *testing.B) {
	path := os.Getenv("KURSKATALOG_BENCH_DB")
	if path == "" {
		b.Skip("set KURSKATALOG_BENCH_DB to a copy of a national store")
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	y, m, d := time.Now().In(catalog.Stockholm).Date() // as serve does
	today := time.Date(y, m, d, 0, 0, 0, 0, catalog.Stockholm)
	data, err := coverage.Load(ctx, db, "23", today)
	if err != nil {
		b.Fatal(err)
	}
	q := pathway.Query{Occupation: "5321", Municipality: "2380", Params: coverage.DefaultParams(today)}
	for b.Loop() {
		p, err := pathway.Build(data.Offerings, q)
		if err != nil || len(p.Steps) == 0 {
			b.Fatalf("%d steps, %v", len(p.Steps), err)
		}
	}
}
