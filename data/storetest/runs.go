package storetest

import (
	"context"
	"slices"
	"testing"

	"kurskatalog/data/catalog"
)

// A crash leaves runs recorded as running; the next owner of the data dir
// marks them interrupted, and only them.
func testInterruptRuns(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	done, err := db.StartRun(ctx, "susa-navet", true)
	if err != nil {
		t.Fatal(err)
	}
	done.Status = catalog.RunOK
	if err := db.FinishRun(ctx, &done); err != nil {
		t.Fatal(err)
	}
	if _, err := db.StartRun(ctx, "myh-decisions", true); err != nil {
		t.Fatal(err)
	}
	got, err := db.InterruptRuns(ctx)
	if err != nil || !slices.Equal(got, []string{"myh-decisions"}) {
		t.Fatalf("interrupted %v, %v", got, err)
	}
	runs, _ := db.LatestRuns(ctx)
	if r := runs["myh-decisions"]; r.Status != catalog.RunInterrupted || r.Finished.IsZero() || r.Error == "" {
		t.Errorf("interrupted run %+v", r)
	}
	if r := runs["susa-navet"]; r.Status != catalog.RunOK {
		t.Errorf("finished run %+v", r)
	}
}
