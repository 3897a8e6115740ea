package pathway_test

import (
	"context"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/pathway"
	"kurskatalog/data/sqlite/sqlitetest"
)

// BenchmarkBuild lays out the pathway to assistant nurse (5321) from
// Östersund over a national store's offerings as the service keeps them
// (coverage.Load), on demand:
//
//	KURSKATALOG_BENCH_DB=/tmp/copy.db go test ./data/pathway -run '^$' -bench Build
func BenchmarkBuild(b *testing.B) {
	db := sqlitetest.BenchCopy(b)
	today := catalog.Day(time.Now()) // as serve does
	data, err := coverage.Load(context.Background(), db, "23", today)
	if err != nil {
		b.Fatal(err)
	}
	q := pathway.Query{Occupation: "5321", Municipality: "2380", Params: coverage.DefaultParams(today)}
	for b.Loop() {
		p, err := pathway.Build(data, q)
		if err != nil || len(p.Steps) == 0 {
			b.Fatalf("%d steps, %v", len(p.Steps), err)
		}
	}
}
