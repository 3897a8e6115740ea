package storetest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
)

// The offerings an apply returns as stored (catalog.ApplyResult.Stored)
// are what reading them back gives, field for field, provenance included:
// an import indexes them instead of reading them back. An offering merged
// over records of two sources is not among them.
func testStoredAsReadBack(t *testing.T, open Open) {
	ctx := context.Background()
	offerings, err := emil3test.ImportBundledMapped(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db := open(t)
	clock := time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { clock = clock.Add(time.Hour); return clock })

	check := func(step string, res catalog.ApplyResult, notStored string) {
		t.Helper()
		if res.Stored == nil {
			t.Skip("this store returns no stored offerings: imports read them back")
		}
		written := map[string]bool{}
		for _, id := range append(res.Added, res.Changed...) {
			written[id] = true
		}
		ids := make([]string, len(res.Stored))
		for i, o := range res.Stored {
			if !written[o.ID] || o.ID == notStored {
				t.Fatalf("%s: %s returned as stored", step, o.ID)
			}
			ids[i] = o.ID
		}
		back, err := db.OfferingsByIDs(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(back) != len(ids) {
			t.Fatalf("%s: %d of %d stored offerings read back", step, len(back), len(ids))
		}
		for i := range back {
			// Times come back in a fixed zone of the same offset: compared
			// as written.
			g, _ := json.Marshal(res.Stored[i])
			w, _ := json.Marshal(back[i])
			if string(g) != string(w) {
				t.Fatalf("%s: %s stored differs from read back:\nstored %s\nread   %s", step, ids[i], g, w)
			}
		}
	}

	first := Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: offerings})
	check("first import", first, "")
	if len(first.Stored) != len(first.Added) {
		t.Errorf("first import of one source: %d of %d added returned as stored", len(first.Stored), len(first.Added))
	}

	// Another source has one of them too: that offering is merged.
	shared := offerings[0]
	other := Offering(shared.ID, shared.Title, shared.Municipalities...)
	other.ApplicationURL = "https://stromsund.alvis.se"
	Apply(t, db, &catalog.Batch{Source: "planned-educations", Complete: true, Offerings: []catalog.Offering{other}})

	changed := make([]catalog.Offering, len(offerings))
	copy(changed, offerings)
	for i := range changed {
		if i%3 == 0 {
			changed[i].Title += " (distans)"
		}
	}
	again := Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: changed})
	check("changed", again, shared.ID)
	if len(again.Changed) == 0 || len(again.Stored) != len(again.Changed)-1 {
		t.Errorf("changed: %d returned as stored, want all %d changed but the merged one", len(again.Stored), len(again.Changed))
	}
}
