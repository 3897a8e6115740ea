package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"kurskatalog/data/catalog"
)

func group(municipality, week, words, filters string, searches, results int) catalog.SearchGroup {
	return catalog.SearchGroup{Municipality: municipality, Week: week, Words: words, Filters: filters, Searches: searches, Results: results}
}

func searchGroups(t *testing.T, db Store, f catalog.SearchGroupFilter) []catalog.SearchGroup {
	t.Helper()
	got, err := db.SearchGroups(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func testSearchGroups(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	if got := searchGroups(t, db, catalog.SearchGroupFilter{}); len(got) != 0 {
		t.Fatalf("empty store: %+v", got)
	}
	if err := db.AddSearches(ctx, nil); err != nil {
		t.Fatalf("no groups: %v", err)
	}

	// A group twice in a batch is added up, with the later result count.
	err := db.AddSearches(ctx, []catalog.SearchGroup{
		group("2361", "2026-W48", "svetsning", "", 1, 0),
		group("2361", "2026-W48", "svetsning", "mode=onsite", 4, 1),
		group("2361", "2026-W48", "svetsning", "", 2, 1),
		group("2380", "2026-W48", "zon", "", 5, 0),
		group("2380", "2026-W48", "ämne", "", 5, 0),
		group("", "2026-W47", "hovslagare", "", 6, 2),
		group("2361", "2026-W46", "svetsning", "", 9, 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	// Added to what is stored: the counts rise, the result count is the latest.
	if err := db.AddSearches(ctx, []catalog.SearchGroup{group("2361", "2026-W48", "svetsning", "", 2, 0)}); err != nil {
		t.Fatal(err)
	}
	week48 := []catalog.SearchGroup{
		group("2361", "2026-W48", "svetsning", "", 5, 0),
		group("2361", "2026-W48", "svetsning", "mode=onsite", 4, 1),
		group("2380", "2026-W48", "zon", "", 5, 0), // byte order, as SQLite's: z before ä
		group("2380", "2026-W48", "ämne", "", 5, 0),
	}
	all := append(slices.Clone(week48), group("", "2026-W47", "hovslagare", "", 6, 2), group("2361", "2026-W46", "svetsning", "", 9, 0))
	for _, tc := range []struct {
		name   string
		filter catalog.SearchGroupFilter
		want   []catalog.SearchGroup
	}{
		{"all, newest week first", catalog.SearchGroupFilter{}, all},
		{"from a week", catalog.SearchGroupFilter{FromWeek: "2026-W48"}, week48},
		{"one municipality", catalog.SearchGroupFilter{Municipality: "2361"}, []catalog.SearchGroup{all[0], all[1], all[5]}},
		{"searched at least 5 times", catalog.SearchGroupFilter{FromWeek: "2026-W47", MinSearches: 5}, []catalog.SearchGroup{all[0], all[2], all[3], all[4]}},
	} {
		if got := searchGroups(t, db, tc.filter); !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}

	// Keeping weeks 47 and 48, in week 48: week 46 goes, and of week 47
	// the groups below 5; the current week keeps its small groups.
	if err := db.AddSearches(ctx, []catalog.SearchGroup{group("2361", "2026-W47", "kock", "", 4, 0)}); err != nil {
		t.Fatal(err)
	}
	n, err := db.PruneSearches(ctx, "2026-W47", "2026-W48", 5)
	if err != nil || n != 2 {
		t.Fatalf("prune: %d %v, want 2 deleted", n, err)
	}
	if got, want := searchGroups(t, db, catalog.SearchGroupFilter{}), all[:5]; !slices.Equal(got, want) {
		t.Errorf("after the prune:\n got %+v\nwant %+v", got, want)
	}
}

// Several machines add searches to one store at once, each batch in its
// own order: no count is lost and no batch fails.
func testAddSearchesConcurrently(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	var groups []catalog.SearchGroup
	for i := range 50 {
		groups = append(groups, group("2361", "2026-W48", fmt.Sprintf("ord %02d", i), "", 1, i))
	}
	const writers, batches = 4, 10
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			batch := slices.Clone(groups)
			if w%2 == 1 {
				slices.Reverse(batch)
			}
			for range batches {
				if err := db.AddSearches(ctx, batch); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	got := searchGroups(t, db, catalog.SearchGroupFilter{})
	if len(got) != len(groups) {
		t.Fatalf("%d groups stored, want %d", len(got), len(groups))
	}
	for _, g := range got {
		if g.Searches != writers*batches {
			t.Errorf("%q searched %d times, want %d", g.Words, g.Searches, writers*batches)
		}
	}
}
