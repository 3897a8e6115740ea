package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

func testReplaceTransit(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	clock := time.Date(2026, 11, 20, 4, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return clock })

	if tr, err := db.Transit(ctx); err != nil || len(tr.Times) != 0 || tr.Feed.Source != "" {
		t.Fatalf("empty store: %+v %v", tr, err)
	}
	feed := catalog.TransitFeed{Source: "jlt", Version: "v1", Day: time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm), Leave: "06:00", ArriveBy: "10:00"}
	first := []catalog.TransitTime{
		{Origin: "2361", StopID: "s2", StopName: "Svenstavik Centrum", Lat: 62.77, Lon: 14.43, Minutes: 100, Depart: "06:05", Arrive: "07:45"},
		{Origin: "2361", StopID: "s1", StopName: "Östersund Resecentrum", Lat: 63.1769, Lon: 14.6361, Minutes: 150, Depart: "06:05", Arrive: "08:35"},
	}
	if res, err := db.ReplaceTransit(ctx, feed, first); err != nil || !slices.Equal(res.Added, []string{"2361/s2", "2361/s1"}) {
		t.Fatalf("first import: %+v %v", res, err)
	}

	// Importing the feed again replaces its times: one changed, one gone,
	// one new; then the same again changes nothing.
	again := []catalog.TransitTime{first[1], {Origin: "2305", StopID: "s3", StopName: "Bräcke station", Lat: 62.75, Lon: 15.42, Minutes: 40, Depart: "06:20", Arrive: "07:00"}}
	again[0].Minutes = 140
	feed.Version = "v2"
	res, err := db.ReplaceTransit(ctx, feed, again)
	if err != nil || !slices.Equal(res.Added, []string{"2305/s3"}) || !slices.Equal(res.Changed, []string{"2361/s1"}) ||
		!slices.Equal(res.Removed, []string{"2361/s2"}) || res.Unchanged != 0 {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	if res, err := db.ReplaceTransit(ctx, feed, again); err != nil || res.Unchanged != 2 || len(res.Added)+len(res.Changed)+len(res.Removed) != 0 {
		t.Fatalf("the same import again: %+v %v", res, err)
	}
	want := catalog.Transit{Feed: feed, Times: []catalog.TransitTime{again[1], again[0]}} // by origin, then stop
	checkTransit(t, db, "after the re-import", want)

	// A refused import changes nothing.
	for name, tc := range map[string]struct {
		times []catalog.TransitTime
		code  catalog.ErrorCode
	}{
		"empty":     {nil, catalog.EInvalid},
		"duplicate": {[]catalog.TransitTime{first[0], first[1], first[0]}, catalog.EConflict},
	} {
		_, err := db.ReplaceTransit(ctx, catalog.TransitFeed{Source: "jlt", Version: "v3", Day: feed.Day}, tc.times)
		if code := catalog.ErrorCodeOf(err); code != tc.code {
			t.Errorf("%s import: %v (%s), want %s", name, err, code, tc.code)
		}
	}
	if _, err := db.ReplaceTransit(ctx, catalog.TransitFeed{}, first); catalog.ErrorCodeOf(err) != catalog.EInvalid {
		t.Errorf("an import of no source: %v, want %s", err, catalog.EInvalid)
	}
	checkTransit(t, db, "after refused imports", want)

	// A second source's times are read with the first's; the feed is that
	// of the source stored last.
	clock = clock.Add(time.Hour)
	other := catalog.TransitFeed{Source: "dt", Day: time.Date(2026, 11, 23, 0, 0, 0, 0, catalog.Stockholm), Leave: "06:30", ArriveBy: "09:30"}
	stop := catalog.TransitTime{Origin: "2361", StopID: "S9", StopName: "Funäsdalen", Lat: 62.54, Lon: 12.55, Minutes: 55, Depart: "06:30", Arrive: "07:25"}
	if _, err := db.ReplaceTransit(ctx, other, []catalog.TransitTime{stop}); err != nil {
		t.Fatal(err)
	}
	// Byte order, as SQLite's: "S9" before "s1".
	checkTransit(t, db, "with a second source", catalog.Transit{Feed: other, Times: []catalog.TransitTime{again[1], stop, again[0]}})
	clock = clock.Add(time.Hour)
	if _, err := db.ReplaceTransit(ctx, feed, again); err != nil {
		t.Fatal(err)
	}
	if tr, err := db.Transit(ctx); err != nil || tr.Feed.Source != "jlt" || len(tr.Times) != 3 {
		t.Errorf("after the first source's import again: feed %+v, %d times, %v; want jlt's and 3", tr.Feed, len(tr.Times), err)
	}
}

// checkTransit compares the stored travel times with want.
func checkTransit(t *testing.T, db Store, when string, want catalog.Transit) {
	t.Helper()
	got, err := db.Transit(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	if !got.Feed.Day.Equal(want.Feed.Day) {
		t.Errorf("%s: day %v, want %v", when, got.Feed.Day, want.Feed.Day)
	}
	got.Feed.Day, want.Feed.Day = time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", when, got, want)
	}
}

// Two processes replacing one feed's times at once (two crawlers by
// mistake) go one after the other: neither fails, and the times stored
// are one import's whole.
func testReplaceTransitConcurrently(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	feed := catalog.TransitFeed{Source: "jlt", Day: time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm), Leave: "06:00", ArriveBy: "10:00"}
	imports := make([][]catalog.TransitTime, 2)
	for w := range imports {
		for i := range 20 {
			imports[w] = append(imports[w], catalog.TransitTime{Origin: "2361", StopID: fmt.Sprintf("s%02d", i), StopName: "Hållplats",
				Minutes: 10*w + i, Depart: "06:00", Arrive: "07:00"})
		}
	}
	var wg sync.WaitGroup
	for _, times := range imports {
		wg.Go(func() {
			for range 10 {
				if _, err := db.ReplaceTransit(ctx, feed, times); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	tr, err := db.Transit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tr.Times, imports[0]) && !slices.Equal(tr.Times, imports[1]) {
		t.Errorf("stored %+v, want one import's times", tr.Times)
	}
}
