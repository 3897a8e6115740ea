package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"kurskatalog/data/catalog"
)

// decodeBatch is the rows a decoder takes at a time (256 in
// data/sqlstore), so that the offerings span several batches.
const decodeBatch = 256

// EachOffering decodes in parallel and still yields every offering once,
// merged over its sources, in id order; an error from the caller stops it
// and comes back.
func testEachOfferingInOrder(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	n := 5*decodeBatch + 17 // several batches per decoder, and a last short one
	var a, b []catalog.Offering
	for i := range n {
		a = append(a, Offering(fmt.Sprintf("o%05d", i), fmt.Sprintf("Kurs %d", i), "2380"))
		if i%3 == 0 { // the same offering from a second source
			b = append(b, Offering(fmt.Sprintf("o%05d", i), fmt.Sprintf("Kurs %d", i), "2380"))
		}
	}
	Apply(t, db, &catalog.Batch{Source: "a", Complete: true, Offerings: a})
	Apply(t, db, &catalog.Batch{Source: "b", Complete: true, Offerings: b})

	var ids []string
	if err := db.EachOffering(ctx, func(o catalog.Offering) error {
		ids = append(ids, o.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(ids) != n || !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != n {
		t.Fatalf("%d offerings (in order: %v), want %d, each once, in id order", len(ids), slices.IsSorted(ids), n)
	}

	stop := errors.New("enough")
	calls := 0
	err := db.EachOffering(ctx, func(catalog.Offering) error {
		if calls++; calls == decodeBatch+3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != decodeBatch+3 {
		t.Errorf("after the caller's error: %v, %d calls; want it back after %d", err, calls, decodeBatch+3)
	}
}
