package storetest

import (
	"context"
	"math"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// A batch that fails part way (here an offering that cannot be encoded,
// after others were written) changes nothing: no record, no tombstone, no
// sighting, no change number.
func testFailedBatchChangesNothing(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	day := time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return day })
	Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
		Offering("e.vux.1", "Svenska 1", "2380"), Offering("e.vux.2", "Engelska 5", "2380"), Offering("e.vux.3", "Matematik 1a", "2313")}})

	db.SetClock(func() time.Time { return day.Add(24 * time.Hour) })
	broken := Offering("e.vux.5", "Kemi 1", "2380")
	broken.Credits = math.NaN()
	_, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
		Offering("e.vux.1", "Svenska 1", "2380"), Offering("e.vux.2", "Engelska 6", "2380"),
		Offering("e.vux.4", "Fysik 1a", "2313"), broken}})
	if err == nil {
		t.Fatal("a batch with an offering that cannot be stored was applied")
	}

	if _, seq, err := db.Seq(ctx); err != nil || seq != 1 {
		t.Errorf("seq %d (%v) after a failed batch, want 1", seq, err)
	}
	if got, err := db.ChangedSince(ctx, 1); err != nil || len(got) != 0 {
		t.Errorf("changed since 1: %v %v, want none", got, err)
	}
	if n, _ := db.CountOfferings(ctx); n != 3 {
		t.Errorf("%d offerings, want the 3 from before", n)
	}
	if o, err := db.FindOfferingByID(ctx, "e.vux.2"); err != nil || o.Title != "Engelska 5" {
		t.Errorf("e.vux.2 after a failed batch: %v %+v", err, o)
	}
	if o, err := db.FindOfferingByID(ctx, "e.vux.1"); err != nil || !o.Provenance.LastSeen.Equal(day) {
		t.Errorf("e.vux.1 last seen after a failed batch: %v %+v", err, o)
	}
	if _, err := db.FindOfferingByID(ctx, "e.vux.4"); catalog.ErrorCodeOf(err) != catalog.ENotFound {
		t.Errorf("e.vux.4 of a failed batch: %v, want not found", err)
	}
}
