package facet

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
)

// large is the test data copied to 100,000 offerings, for benchmarks.
var large = sync.OnceValues(func() ([]catalog.Offering, error) {
	offs, err := national()
	if err != nil {
		return nil, err
	}
	var out []catalog.Offering
	for i := 0; len(out) < 100_000; i++ {
		o := offs[i%len(offs)]
		o.ID = fmt.Sprintf("%s.%d", o.ID, i/len(offs))
		out = append(out, o)
	}
	return out, nil
})

// largeSnapshot is an engine's snapshot of large.
func largeSnapshot(b *testing.B) *Snapshot {
	offs, err := large()
	if err != nil {
		b.Fatal(err)
	}
	e := New()
	e.Put(offs...)
	return e.Snapshot()
}

// BenchmarkStrategies times counting each facet by scanning and by
// intersecting, over sets of 1 % to 100 % of 100,000 offerings: the
// measurements behind the constants in count.go.
//
//	go test ./index/facet -run - -bench Strategies
func BenchmarkStrategies(b *testing.B) {
	s := largeSnapshot(b)
	r := rand.New(rand.NewPCG(1, 2))
	defer func() { strategy = 0 }()
	for _, share := range []float64{0.01, 0.1, 0.5, 1} {
		set := roaring.New()
		for d := range uint32(len(s.ids)) {
			if r.Float64() < share {
				set.Add(d)
			}
		}
		for fi, f := range s.facets {
			if f.Dated {
				continue
			}
			for _, st := range []int{chooseScan, chooseIntersect} {
				name := map[int]string{chooseScan: "scan", chooseIntersect: "intersect"}[st]
				b.Run(fmt.Sprintf("%s/%.0f%%/%s/%+v", f.Name, share*100, name, s.dims[fi].shape), func(b *testing.B) {
					strategy = st
					out := map[string][]catalog.FacetValue{}
					for b.Loop() {
						s.countGroup(set, []int{fi}, today, false, out)
					}
				})
			}
		}
	}
}

// BenchmarkSearch times the engine alone on typical queries over 100,000
// offerings, without text.
func BenchmarkSearch(b *testing.B) {
	s := largeSnapshot(b)
	for name, q := range map[string]catalog.SearchQuery{
		"match-all":        {Today: today},
		"match-all-past":   {Today: today, IncludePast: true},
		"one-municipality": {Today: today, Filters: map[string][]string{catalog.FacetMunicipality: {"0180"}}},
		"three-filters": {Today: today, Filters: map[string][]string{catalog.FacetMunicipality: {"0180", "1480"},
			catalog.FacetMode: {"online"}, catalog.FacetStartPeriod: {catalog.StartWithin3}}},
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				hits, _ := s.Search(q, nil)
				s.Page(hits, catalog.SortStart, 0, 20)
			}
		})
	}
}

// BenchmarkReimport times putting 1 % of 100,000 offerings again, changed
// (every other time back to how they were, so that every put changes).
func BenchmarkReimport(b *testing.B) {
	offs, err := large()
	if err != nil {
		b.Fatal(err)
	}
	e := New()
	e.Put(offs...)
	var orig, changed []catalog.Offering
	for i := 0; i < len(offs); i += 100 {
		o := offs[i]
		orig = append(orig, o)
		o.Title += " (ändrad)"
		o.Start = o.Start.AddDate(0, 0, 7)
		o.Pace = 100 - o.Pace/2
		o.Municipalities = offs[(i+50)%len(offs)].Municipalities
		changed = append(changed, o)
	}
	n := 0
	for b.Loop() {
		if n++; n%2 == 1 {
			e.Put(changed...)
		} else {
			e.Put(orig...)
		}
	}
}

// BenchmarkEntries times a first page of 20 courses with their matching
// intakes, over 100,000 offerings: what every grouped search answers.
func BenchmarkEntries(b *testing.B) {
	s := largeSnapshot(b)
	for name, q := range map[string]catalog.SearchQuery{
		"match-all":        {Today: today},
		"one-municipality": {Today: today, Filters: map[string][]string{catalog.FacetMunicipality: {"0180"}}},
	} {
		hits, _ := s.Search(q, nil)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				s.Intakes(s.Leads(s.InOrder(hits, catalog.SortStart), hits, true, 20), hits)
			}
		})
	}
}
