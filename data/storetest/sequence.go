package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// Every apply that changes something raises the sequence by one, and
// ChangedSince names exactly the offerings changed after a number: what an
// index that stopped there has missed.
func testChangeSequence(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	clock := time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { clock = clock.Add(time.Minute); return clock })
	store, seq, err := db.Seq(ctx)
	if err != nil || store == "" || seq != 0 {
		t.Fatalf("new store: %q %d %v", store, seq, err)
	}

	batch := &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
		Offering("e.vux.1", "Svenska 1", "2380"), Offering("e.vux.2", "Engelska 5", "2380"), Offering("e.vux.3", "Matematik 1a", "2313")}}
	steps := []struct {
		name    string
		batch   *catalog.Batch
		wantSeq uint64
		since   uint64
		want    []string
	}{
		{"first import", batch, 1, 0, []string{"e.vux.1", "e.vux.2", "e.vux.3"}},
		{"the same again changes nothing", batch, 1, 1, nil},
		{"one changed, one gone", &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
			Offering("e.vux.1", "Svenska 1", "2380"), Offering("e.vux.2", "Engelska 6", "2380")}}, 2, 1, []string{"e.vux.2", "e.vux.3"}},
		{"another source", &catalog.Batch{Source: "html.komvux", Offerings: []catalog.Offering{
			Offering("html.komvux.sfi", "SFI kurs D", "2380")}}, 3, 2, []string{"html.komvux.sfi"}},
	}
	for _, s := range steps {
		res := Apply(t, db, s.batch)
		if res.Seq != s.wantSeq {
			t.Errorf("%s: seq %d, want %d", s.name, res.Seq, s.wantSeq)
		}
		got, err := db.ChangedSince(ctx, s.since)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, s.want) {
			t.Errorf("%s: changed since %d: %v, want %v", s.name, s.since, got, s.want)
		}
	}
	if got, _ := db.ChangedSince(ctx, 0); len(got) != 4 {
		t.Errorf("changed since 0: %v, want all four", got)
	}
	if again, seq, _ := db.Seq(ctx); again != store || seq != 3 {
		t.Errorf("store %q at %d, want %q at 3", again, seq, store)
	}
}
