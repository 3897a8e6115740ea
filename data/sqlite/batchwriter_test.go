package sqlite

import (
	"context"
	"slices"
	"testing"

	"kurskatalog/data/catalog"
	"kurskatalog/data/storetest"
)

// A batch written in parts as it is fetched ends as the same batch
// applied whole: the first of an id wins across parts, an id skipped in
// a later part keeps its offering, and a complete batch removes what no
// part mentioned.
func TestBatchInPartsAsWhole(t *testing.T) {
	ctx := context.Background()
	old := []catalog.Offering{storetest.Offering("e.1", "Svenska 1", "2380"), storetest.Offering("e.2", "Engelska 5", "2380"),
		storetest.Offering("e.3", "Matematik 1a", "2313"), storetest.Offering("e.4", "Samhällskunskap 1b", "2313")}
	parts := []struct {
		offerings []catalog.Offering
		skipped   []catalog.Skip
	}{
		{[]catalog.Offering{storetest.Offering("e.1", "Svenska 2", "2380"), storetest.Offering("e.5", "Truckkort A", "2380")}, nil},
		{[]catalog.Offering{storetest.Offering("e.1", "Svenska 3", "2380"), storetest.Offering("e.2", "Engelska 6", "2380")},
			[]catalog.Skip{{ID: "e.3", Reason: "active event without content"}}},
		{nil, nil},
	}
	whole := &catalog.Batch{Source: "susa-navet", Complete: true}
	for _, p := range parts {
		whole.Offerings = append(whole.Offerings, p.offerings...)
		whole.Skipped = append(whole.Skipped, p.skipped...)
	}

	a, b := openTest(t), openTest(t)
	for _, db := range []*DB{a, b} {
		storetest.Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: slices.Clone(old)})
	}
	want, err := a.ApplyBatch(ctx, whole)
	if err != nil {
		t.Fatal(err)
	}
	w, err := b.BeginBatch(ctx, "susa-navet", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		if err := w.Put(ctx, p.offerings, p.skipped); err != nil {
			t.Fatal(err)
		}
	}
	got, err := w.Finish(ctx, &catalog.Batch{Source: "susa-navet", Complete: true, Skipped: whole.Skipped})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Added, want.Added) || !slices.Equal(got.Changed, want.Changed) ||
		!slices.Equal(got.Removed, want.Removed) || got.Seq != want.Seq || len(got.Stored) != len(want.Stored) {
		t.Errorf("in parts: %+v\nwhole:    %+v", got, want)
	}
	if g, w := titles(t, b), titles(t, a); !slices.Equal(g, w) || !slices.Equal(w,
		[]string{"e.1 Svenska 2", "e.2 Engelska 6", "e.3 Matematik 1a", "e.5 Truckkort A"}) {
		t.Errorf("stored in parts %v, whole %v", g, w)
	}
}

// A batch that ends without Finish, however far it got, changes nothing,
// and so does one finished with another completeness than it began with.
func TestBatchAbortedChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	storetest.Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
		storetest.Offering("e.1", "Svenska 1", "2380"), storetest.Offering("e.2", "Engelska 5", "2380")}})
	before := titles(t, db)
	_, seq, _ := db.Seq(ctx)

	w, err := db.BeginBatch(ctx, "susa-navet", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put(ctx, []catalog.Offering{storetest.Offering("e.1", "Svenska 2", "2380"),
		storetest.Offering("e.9", "Truckkort A", "2380")}, nil); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if _, err := w.Finish(ctx, &catalog.Batch{Source: "susa-navet", Complete: true}); err == nil {
		t.Error("an aborted batch finished")
	}

	w, err = db.BeginBatch(ctx, "susa-navet", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put(ctx, []catalog.Offering{storetest.Offering("e.1", "Svenska 3", "2380")}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Finish(ctx, &catalog.Batch{Source: "susa-navet", Complete: true}); err == nil {
		t.Error("a batch begun incremental finished as complete")
	}
	if got := titles(t, db); !slices.Equal(got, before) {
		t.Errorf("after aborted batches: %v, want %v", got, before)
	}
	if _, now, _ := db.Seq(ctx); now != seq {
		t.Errorf("sequence %d after aborted batches, was %d", now, seq)
	}
	// The write lock is free again.
	storetest.Apply(t, db, &catalog.Batch{Source: "susa-navet", Offerings: []catalog.Offering{storetest.Offering("e.2", "Engelska 6", "2380")}})
}
