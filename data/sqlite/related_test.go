package sqlite

import (
	"context"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

func TestOfferingsByEducationID(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	start := func(id, edu string, month time.Month) catalog.Offering {
		o := offering(id, "Svenska 1", "2380")
		o.EducationID = edu
		if month != 0 {
			o.Start = time.Date(2027, month, 1, 0, 0, 0, 0, catalog.Stockholm)
		}
		return o
	}
	apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
		start("e.c", "i.sva1", 8), start("e.a", "i.sva1", 1), start("e.b", "i.sva1", 0),
		start("e.gone", "i.sva1", 3), start("e.other", "i.eng5", 1), start("e.none", "", 1),
	}})
	apply(t, db, &catalog.Batch{Source: "susa-navet", Removed: []string{"e.gone"}})
	// A second source's record of e.a without the education id must not hide it.
	other := start("e.a", "", 1)
	other.Provenance.Source = "planned-educations"
	apply(t, db, &catalog.Batch{Source: "planned-educations", Offerings: []catalog.Offering{other}})

	for _, tc := range []struct {
		name, edu string
		want      []string
	}{
		{"ordered by start, unknown last, removed left out", "i.sva1", []string{"e.a", "e.c", "e.b"}},
		{"another education", "i.eng5", []string{"e.other"}},
		{"unknown education", "i.nope", nil},
		{"empty id matches nothing", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.OfferingsByEducationID(ctx, tc.edu)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, o := range got {
				ids = append(ids, o.ID)
			}
			if len(ids) != len(tc.want) {
				t.Fatalf("got %v, want %v", ids, tc.want)
			}
			for i := range ids {
				if ids[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", ids, tc.want)
				}
			}
		})
	}
}

func TestFirstSeen(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	day := time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return day })
	apply(t, db, &catalog.Batch{Source: "susa-navet", Offerings: []catalog.Offering{offering("e.old", "A"), offering("e.both", "B")}})
	db.SetClock(func() time.Time { return day.Add(36*time.Hour + 123*time.Millisecond) })
	apply(t, db, &catalog.Batch{Source: "myh", Offerings: []catalog.Offering{offering("e.new", "C"), offering("e.both", "B")}})

	got, err := db.FirstSeen(ctx, []string{"e.old", "e.new", "e.both", "e.missing"})
	if err != nil {
		t.Fatal(err)
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
