package bench

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"kurskatalog/index/facet"
)

// contenders are the 3,000-event data set in every contender, built once
// in a directory that TestMain removes.
var (
	fixtureDir string
	contenders = sync.OnceValues(func() ([]Contender, error) {
		ctx := context.Background()
		offs, err := Offerings(ctx, 1, 3000)
		if err != nil {
			return nil, err
		}
		first := Mix()[0].Q
		b, _, err := buildBleve(ctx, filepath.Join(fixtureDir, "bleve"), offs, first)
		if err != nil {
			return nil, err
		}
		sc, _, err := buildSQLite(ctx, filepath.Join(fixtureDir, "sqlite.db"), offs, first)
		if err != nil {
			return nil, err
		}
		ec, _ := buildEngine("engine", b, offs, facet.WithFacets(facetsOf(staticFacets())...))
		wc := &engineContender{name: "engine, words cached", e: ec.e, b: b, text: facet.NewText(b, facet.WithCache(64<<20))}
		fc := &engineContender{name: "floor", e: ec.e, b: b, text: ec.text, floor: true}
		return []Contender{&bleveContender{b: b}, sc, ec, wc, fc}, nil
	})
)

func TestMain(m *testing.M) {
	var err error
	if fixtureDir, err = os.MkdirTemp("", "bench-test-"); err != nil {
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

// TestEngineAgreesWithBleve checks that the engine answers the mix exactly
// as Bleve with its own facets does, and that every contender answers.
func TestEngineAgreesWithBleve(t *testing.T) {
	cs := load(t)
	mix := Mix()
	for _, c := range cs[2:] {
		for _, m := range compare(context.Background(), cs[0], c, mix) {
			t.Errorf("%s: %s", c.Name(), m)
		}
	}
	for _, q := range mix {
		if _, err := cs[1].Search(context.Background(), q.Q); err != nil {
			t.Errorf("sqlite: %s: %v", q.Name, err)
		}
	}
}

// BenchmarkSearch runs every query of the mix on every contender, on the
// 3,000-event data set:
//
//	go test ./index/bench -run - -bench . -benchtime 100x
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
