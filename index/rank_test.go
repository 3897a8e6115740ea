package index

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestByRelevanceIsTheStableSort checks the lazy order against what it
// replaces: every hit weighed, then a stable sort by the product. Scores
// repeat and factors take dateFactor's values, so ties are common.
func TestByRelevanceIsTheStableSort(t *testing.T) {
	factors := []float64{0.5, 1, 1.08, 1.06, 1.02, 0.95, 1.08 * 1.06, 1.08 * 1.02, 1.08 * 0.95}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		n := rng.IntN(300)
		type scored struct {
			doc   uint32
			score float64
		}
		var scores []scored
		factor := map[uint32]float64{}
		hits := roaring.New()
		for d := range uint32(n) {
			scores = append(scores, scored{d, float64(rng.IntN(20)) / 4})
			factor[d] = factors[rng.IntN(len(factors))]
			if rng.IntN(4) > 0 {
				hits.Add(d)
			}
		}
		slices.SortStableFunc(scores, func(a, b scored) int { return cmp.Compare(b.score, a.score) })

		type weighed struct {
			doc     uint32
			product float64
		}
		var want []uint32
		var all []weighed
		for _, s := range scores {
			if hits.Contains(s.doc) {
				all = append(all, weighed{s.doc, s.score * factor[s.doc]})
			}
		}
		slices.SortStableFunc(all, func(a, b weighed) int { return cmp.Compare(b.product, a.product) })
		for _, w := range all {
			want = append(want, w.doc)
		}

		seq := func(yield func(uint32, float64) bool) {
			for _, s := range scores {
				if !yield(s.doc, s.score) {
					return
				}
			}
		}
		var got []uint32
		for d := range byRelevance(seq, hits, func(d uint32) float64 { return factor[d] }) {
			got = append(got, d)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: order\n got %v\nwant %v", round, got, want)
		}
		// A page stops early and is the head of the whole order.
		k := min(len(want), 7)
		var head []uint32
		for d := range byRelevance(seq, hits, func(d uint32) float64 { return factor[d] }) {
			if head = append(head, d); len(head) == k {
				break
			}
		}
		if !slices.Equal(head, want[:k]) {
			t.Fatalf("round %d: first %d\n got %v\nwant %v", round, k, head, want[:k])
		}
	}
}
