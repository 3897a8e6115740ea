package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"kurskatalog/data/catalog"
)

func demandRow(round, region, occupation, recruitment string) catalog.Demand {
	return catalog.Demand{Round: round, Region: region, Occupation: occupation, SSYK: []string{"5321"}, Recruitment: recruitment}
}

func testReplaceDemand(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)

	if rows, err := db.LatestDemand(ctx); err != nil || len(rows) != 0 {
		t.Fatalf("empty store: %v %v", rows, err)
	}
	first := []catalog.Demand{
		demandRow("2025-2", "23", "Undersköterskor", "brist"),
		demandRow("2025-2", "00", "Undersköterskor", "paradox"),
		demandRow("2025-2", "23", "Kockar", "brist"),
	}
	res, err := db.ReplaceDemand(ctx, "2025-2", first)
	if err != nil || len(res.Added) != 3 {
		t.Fatalf("first import: %+v %v", res, err)
	}

	// Importing the round again replaces it: one changed, one gone, one same.
	again := []catalog.Demand{demandRow("2025-2", "23", "Undersköterskor", "balans"), demandRow("2025-2", "00", "Undersköterskor", "paradox")}
	res, err = db.ReplaceDemand(ctx, "2025-2", again)
	if err != nil || !slices.Equal(res.Changed, []string{"23/Undersköterskor"}) || !slices.Equal(res.Removed, []string{"23/Kockar"}) || res.Unchanged != 1 {
		t.Fatalf("re-import: %+v %v", res, err)
	}

	// Failures change nothing.
	for name, rows := range map[string][]catalog.Demand{
		"empty":     nil,
		"mixed":     {demandRow("2025-2", "23", "X", ""), demandRow("2025-1", "23", "Y", "")},
		"duplicate": {demandRow("2025-2", "23", "X", ""), demandRow("2025-2", "23", "X", "")},
	} {
		if _, err := db.ReplaceDemand(ctx, "2025-2", rows); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	got, err := db.LatestDemand(ctx, "23")
	if err != nil || len(got) != 1 || got[0].Recruitment != "balans" || got[0].SSYK[0] != "5321" {
		t.Fatalf("after failed imports: %+v %v", got, err)
	}

	// A newer round becomes the latest; the old one is kept.
	if _, err := db.ReplaceDemand(ctx, "2026-1", []catalog.Demand{demandRow("2026-1", "23", "Kockar", "balans")}); err != nil {
		t.Fatal(err)
	}
	got, _ = db.LatestDemand(ctx)
	if len(got) != 1 || got[0].Occupation != "Kockar" || got[0].Round != "2026-1" {
		t.Errorf("latest: %+v", got)
	}
	if rounds, _ := db.DemandRounds(ctx); !slices.Equal(rounds, []string{"2026-1", "2025-2"}) {
		t.Errorf("rounds %v", rounds)
	}
}

// Two processes replacing one round at once (two crawlers by mistake) go
// one after the other: neither fails, and the round stored is one
// import's whole.
func testReplaceDemandConcurrently(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	imports := make([][]catalog.Demand, 2)
	for w := range imports {
		for i := range 20 {
			imports[w] = append(imports[w], demandRow("2026-1", fmt.Sprintf("%02d", i), "Undersköterskor", []string{"brist", "balans"}[w]))
		}
	}
	var wg sync.WaitGroup
	for _, rows := range imports {
		wg.Go(func() {
			for range 30 {
				if _, err := db.ReplaceDemand(ctx, "2026-1", rows); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	got, err := db.LatestDemand(ctx)
	if err != nil {
		t.Fatal(err)
	}
	recruitment := map[string]int{}
	for _, d := range got {
		recruitment[d.Recruitment]++
	}
	if len(got) != 20 || len(recruitment) != 1 {
		t.Errorf("stored %d rows, by recruitment %v: want one import's 20", len(got), recruitment)
	}
}
