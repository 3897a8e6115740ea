package sqlite

import (
	"context"
	"slices"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

func TestReplaceTransit(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)

	if tr, err := db.Transit(ctx); err != nil || len(tr.Times) != 0 || tr.Feed.Source != "" {
		t.Fatalf("empty store: %+v %v", tr, err)
	}
	feed := catalog.TransitFeed{Source: "jlt", Version: "v1", Day: time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm), Leave: "06:00", ArriveBy: "10:00"}
	first := []catalog.TransitTime{
		{Origin: "2361", StopID: "s1", StopName: "Östersund Resecentrum", Lat: 63.17, Lon: 14.63, Minutes: 150, Depart: "06:05", Arrive: "08:35"},
		{Origin: "2361", StopID: "s2", StopName: "Svenstavik Centrum", Lat: 62.77, Lon: 14.43, Minutes: 100, Depart: "06:05", Arrive: "07:45"},
	}
	if res, err := db.ReplaceTransit(ctx, feed, first); err != nil || len(res.Added) != 2 {
		t.Fatalf("first import: %+v %v", res, err)
	}
	again := []catalog.TransitTime{first[0], first[1]}
	again[0].Minutes = 140
	again = again[:1]
	res, err := db.ReplaceTransit(ctx, feed, again)
	if err != nil || !slices.Equal(res.Changed, []string{"2361/s1"}) || !slices.Equal(res.Removed, []string{"2361/s2"}) {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	// A failed import changes nothing.
	if _, err := db.ReplaceTransit(ctx, feed, nil); err == nil {
		t.Error("an empty import was accepted")
	}
	if _, err := db.ReplaceTransit(ctx, feed, []catalog.TransitTime{first[1], first[1]}); err == nil {
		t.Error("a duplicate time was accepted")
	}
	tr, err := db.Transit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Feed.Day.Format(time.DateOnly) != "2026-11-20" || tr.Feed.Version != "v1" || len(tr.Times) != 1 || tr.Times[0] != again[0] {
		t.Errorf("stored: %+v", tr)
	}
}
