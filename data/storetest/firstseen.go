package storetest

import (
	"context"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// An offering's first sighting is the earliest over the sources that have
// it: the facet engine's newest order, and so the feeds, read it.
func testFirstSeen(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	day := time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return day })
	Apply(t, db, &catalog.Batch{Source: "susa-navet", Offerings: []catalog.Offering{Offering("e.old", "A"), Offering("e.both", "B")}})
	db.SetClock(func() time.Time { return day.Add(36*time.Hour + 123*time.Millisecond) })
	Apply(t, db, &catalog.Batch{Source: "myh", Offerings: []catalog.Offering{Offering("e.new", "C"), Offering("e.both", "B")}})

	read, err := db.OfferingsByIDs(ctx, []string{"e.old", "e.new", "e.both", "e.missing"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]time.Time{}
	for _, o := range read {
		got[o.ID] = o.Provenance.FirstSeen
	}
	want := map[string]time.Time{"e.old": day, "e.both": day, "e.new": day.Add(36*time.Hour + 123*time.Millisecond)}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for id, w := range want {
		if !got[id].Equal(w) {
			t.Errorf("%s: got %v, want %v", id, got[id], w)
		}
	}
}
