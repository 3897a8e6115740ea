package sqlstore

import (
	"context"
	"fmt"
	"math"
	"testing"

	"kurskatalog/data/catalog"
)

func batchOf(n int) []*catalog.Offering {
	out := make([]*catalog.Offering, n)
	for i := range out {
		out[i] = &catalog.Offering{ID: fmt.Sprintf("e.%04d", i), Title: fmt.Sprintf("Svenska %d", i), Credits: 7.5}
	}
	return out
}

// The documents come in the batch's order, each its own offering's, over
// many chunks encoded side by side.
func TestEncodeAheadKeepsOrder(t *testing.T) {
	offerings := batchOf(5*encodeChunk + 17)
	i := 0
	for e, err := range EncodeAhead(context.Background(), offerings) {
		if err != nil {
			t.Fatal(err)
		}
		doc, hash, _ := Encode(offerings[i])
		if e.Offering != offerings[i] || e.Doc != doc || e.Hash != hash || e.Key != catalog.MatchKey(offerings[i]) {
			t.Fatalf("%d: got %s, want %s", i, e.Offering.ID, offerings[i].ID)
		}
		i++
	}
	if i != len(offerings) {
		t.Errorf("%d of %d offerings yielded", i, len(offerings))
	}
}

// An offering that cannot be stored ends the sequence with its error,
// after every offering before it, and a writer that stops early stops
// the encoders.
func TestEncodeAheadStops(t *testing.T) {
	offerings := batchOf(3 * encodeChunk)
	bad := 2*encodeChunk + 5
	offerings[bad].Credits = math.NaN() // JSON has no NaN
	n := 0
	var failed *catalog.Offering
	for e, err := range EncodeAhead(context.Background(), offerings) {
		if err != nil {
			failed = e.Offering
			break
		}
		n++
	}
	if n != bad || failed != offerings[bad] {
		t.Errorf("yielded %d before the failure at %v, want %d before %s", n, failed, bad, offerings[bad].ID)
	}
	for range EncodeAhead(context.Background(), offerings) {
		break
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, err := range EncodeAhead(ctx, batchOf(10*encodeChunk)) {
		if err != nil {
			return
		}
	}
	t.Error("a cancelled context ended the sequence without an error")
}
