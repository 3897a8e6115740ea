package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"kurskatalog/data/catalog"
)

// EachOffering decodes in parallel and still yields every offering once,
// merged over its sources, in id order; an error from the caller stops it
// and comes back; a damaged document is an error naming its record.
func TestEachOfferingInOrder(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	n := 5*decodeBatch + 17 // several batches per decoder, and a last short one
	var a, b []catalog.Offering
	for i := range n {
		a = append(a, offering(fmt.Sprintf("o%05d", i), fmt.Sprintf("Kurs %d", i), "2380"))
		if i%3 == 0 { // the same offering from a second source
			b = append(b, offering(fmt.Sprintf("o%05d", i), fmt.Sprintf("Kurs %d", i), "2380"))
		}
	}
	apply(t, db, &catalog.Batch{Source: "a", Complete: true, Offerings: a})
	apply(t, db, &catalog.Batch{Source: "b", Complete: true, Offerings: b})

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

	if _, err := db.db.ExecContext(ctx, `UPDATE records SET doc = '{"title": ' WHERE source = 'a' AND id = 'o00700'`); err != nil {
		t.Fatal(err)
	}
	err = db.EachOffering(ctx, func(catalog.Offering) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "a/o00700") {
		t.Errorf("a damaged document: %v, want an error naming a/o00700", err)
	}
}
