package index

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"kurskatalog/data/catalog"
)

// The facet engine answers as Bleve alone would: the same totals, the same
// count for every value of every facet, and the same pages.
func TestEngineAnswersAsBleve(t *testing.T) {
	ix := snapshotIndex(t)
	two, yes := 2, true
	queries := []catalog.SearchQuery{
		{},
		{Sort: catalog.SortTitle, Page: 3},
		{Sort: catalog.SortDeadline},
		{Filters: map[string][]string{catalog.FacetMunicipality: {"2313", "2361"}, catalog.FacetMode: {"onsite", "blended"}}},
		{Filters: map[string][]string{catalog.FacetMunicipality: {"2309"}}, IncludeDistance: true},
		{Filters: map[string][]string{catalog.FacetStartPeriod: {catalog.StartWithin3}, catalog.FacetApplicationOpen: {catalog.ApplicationIsOpen}}},
		{MaxMandatorySessions: &two, RollingStart: &yes, IncludePast: true},
		{StartFrom: day(2027, 1, 1), StartTo: day(2027, 8, 31), Filters: map[string][]string{catalog.FacetOccupation: {"5321"}}},
		{Text: "svenska"},
		{Text: "undersköterska", Filters: map[string][]string{catalog.FacetMunicipality: {"2380"}}, IncludeDistance: true},
		{Text: "distans", Sort: catalog.SortStart, Page: 2},
		{Text: "lastbilschaufför"},
	}
	for i, q := range queries {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			q.PerPage = 20
			if q.Page == 0 {
				q.Page = 1
			}
			q.Today = snapshotDay
			ix.facetsReady.Store(false)
			want := find(t, ix, q)
			ix.facetsReady.Store(true)
			got := find(t, ix, q)
			if got.Total != want.Total {
				t.Errorf("%+v: total %d, Bleve %d", q, got.Total, want.Total)
			}
			for _, f := range catalog.Facets {
				g, w := counts(got.Facets[f.Name]), counts(want.Facets[f.Name])
				if !maps.Equal(g, w) {
					t.Errorf("%+v: facet %s: %v, Bleve %v", q, f.Name, g, w)
				}
			}
			if !slices.Equal(got.IDs, want.IDs) {
				t.Errorf("%+v: page %v, Bleve %v", q, got.IDs, want.IDs)
			}
		})
	}
	ix.facetsReady.Store(true)
}

func counts(values []catalog.FacetValue) map[string]int {
	m := map[string]int{}
	for _, v := range values {
		m[v.Value] = v.Count
	}
	return m
}
