package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

func testRunTallies(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	clock := time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return clock })
	finish := func(source, status string, fetched, added int) {
		t.Helper()
		r, err := db.StartRun(ctx, source, true)
		if err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(time.Minute)
		r.Status, r.Fetched, r.Added = status, fetched, added
		if status != catalog.RunRunning {
			if err := db.FinishRun(ctx, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	finish("myh", catalog.RunOK, 10, 10)
	finish("myh", catalog.RunFailed, 3, 0)
	finish("myh", catalog.RunOK, 12, 2)
	finish("susa-navet", catalog.RunRunning, 0, 0)

	got, err := db.RunTallies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	at := func(min int) time.Time { return time.Date(2026, 11, 1, 4, min, 0, 0, time.UTC) }
	want := []catalog.RunTally{
		{Source: "myh", Status: catalog.RunFailed, Runs: 1, Fetched: 3, LastFinished: at(2)},
		{Source: "myh", Status: catalog.RunOK, Runs: 2, Fetched: 22, Added: 12, LastFinished: at(3)},
		{Source: "susa-navet", Status: catalog.RunRunning, Runs: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("RunTallies:\ngot  %+v\nwant %+v", got, want)
	}
}
