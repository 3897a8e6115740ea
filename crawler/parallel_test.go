package crawler

import (
	"testing"

	"kurskatalog/data/catalog"
)

// eachParallel visits every offering once, whatever the count, and a
// panic in one of its workers reaches the caller, where a run recovers it.
func TestEachParallel(t *testing.T) {
	for _, n := range []int{0, 1, 255, 256, 257, 5000} {
		offerings := make([]catalog.Offering, n)
		eachParallel(offerings, func(o *catalog.Offering) { o.Places++ })
		for i, o := range offerings {
			if o.Places != 1 {
				t.Fatalf("%d offerings: offering %d visited %d times", n, i, o.Places)
			}
		}
	}
	defer func() {
		if p := recover(); p != "no rules" {
			t.Errorf("recovered %v, want the worker's panic", p)
		}
	}()
	eachParallel(make([]catalog.Offering, 3000), func(o *catalog.Offering) {
		if o.Places == 0 {
			panic("no rules")
		}
	})
	t.Error("a panic in a worker did not reach the caller")
}
