package storetest

import (
	"context"
	"encoding/json"
	"testing"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
)

// Every bundled offering, with every field the import sets, reads back
// from the store as it was written: what a store's decoder does to a
// document must not change an offering.
func testOfferingsReadBackAsWritten(t *testing.T, open Open) {
	ctx := context.Background()
	offerings, err := emil3test.ImportBundledMapped(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db := open(t)
	Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: offerings})
	ids := make([]string, len(offerings))
	for i, o := range offerings {
		ids[i] = o.ID
	}
	got, err := db.OfferingsByIDs(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(offerings) {
		t.Fatalf("%d offerings read back of %d", len(got), len(offerings))
	}
	for i := range got {
		// The store's own: where and when it saw the offering. Times come
		// back in a fixed zone of the same offset: compared as written.
		want := offerings[i]
		got[i].Provenance, want.Provenance = catalog.Provenance{}, catalog.Provenance{}
		got[i].Sources, want.Sources = nil, nil
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			t.Fatalf("%s read back differs:\ngot  %s\nwant %s", want.ID, g, w)
		}
	}
}
