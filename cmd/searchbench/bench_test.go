package main

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"kurskatalog/crawler/emil3/emil3test"
)

// contenders are the 3,000-event data set in every contender, built once
// in a directory that TestMain removes.
var (
	fixtureDir string
	contenders = sync.OnceValues(func() ([]Contender, error) {
		ctx := context.Background()
		offs, err := emil3test.ImportNational(ctx, 1, 3000)
		if err != nil {
			return nil, err
		}
		first := Mix()[0].Q
		si, _, err := buildIndex(ctx, filepath.Join(fixtureDir, "index"), offs, first)
		if err != nil {
			return nil, err
		}
		sc, _, err := buildSQLite(ctx, filepath.Join(fixtureDir, "sqlite.db"), offs, first)
		if err != nil {
			return nil, err
		}
		return []Contender{&indexContender{name: nameIndex, s: si}, sc}, nil
	})
)

func TestMain(m *testing.M) {
	var err error
	if fixtureDir, err = os.MkdirTemp("", "searchbench-test-"); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(fixtureDir)
	os.Exit(code)
}

func load(tb testing.TB) []Contender {
	tb.Helper()
	cs, err := contenders()
	if err != nil {
		tb.Fatal(err)
	}
	return cs
}

// TestContendersAgree checks that every contender answers every query of
// the mix, and that SQLite answers the queries without words exactly as the
// index does: the comparison is only worth its figures if both answer the
// same question.
func TestContendersAgree(t *testing.T) {
	cs := load(t)
	mix := Mix()
	for _, c := range cs {
		for _, q := range mix {
			if _, err := c.Search(context.Background(), q.Q); err != nil {
				t.Errorf("%s: %s: %v", c.Name(), q.Name, err)
			}
		}
	}
	for _, m := range compare(context.Background(), cs[0], cs[1], mix) {
		t.Errorf("index vs sqlite: %s", m)
	}
}

// BenchmarkSearch runs every query of the mix on every contender, on the
// 3,000-event data set. The index answers repeated words from its cache, as
// the service does between writes:
//
//	go test ./cmd/searchbench -run - -bench . -benchtime 100x
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	for _, c := range load(b) {
		for _, q := range Mix() {
			b.Run(c.Name()+"/"+q.Category+"/"+q.Name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := c.Search(ctx, q.Q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
