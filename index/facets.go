package index

import (
	"cmp"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"kurskatalog/data/catalog"
)

// The facets are defined once, in catalog.Facets. Here they meet Bleve: an
// undated facet is a keyword field named like the facet, holding the
// values the definition gives each offering when it is indexed. The dated
// facets depend on today and are computed at query time from date fields:
// start_period from fixed_start (date ranges) and rolling, application_open
// from a count of the offerings open today.

// maxFacetValues is more than any facet has (290 municipalities).
const maxFacetValues = 400

// facetFilter matches any of values of facet f, on day today.
func facetFilter(f *catalog.Facet, values []string, today time.Time) query.Query {
	var qs []query.Query
	for _, v := range values {
		if f.Name == catalog.FacetStartPeriod {
			qs = append(qs, startPeriodQuery(v, today))
			continue
		}
		t := bleve.NewTermQuery(v)
		t.SetField(f.Name)
		qs = append(qs, t)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// startRanges are the start periods that are ranges of fixed start dates.
func startRanges(today time.Time) map[string][2]time.Time {
	in3, in6 := today.AddDate(0, 3, 0), today.AddDate(0, 6, 0)
	return map[string][2]time.Time{
		catalog.StartStarted: {{}, today},
		catalog.StartWithin3: {today, in3},
		catalog.Start3To6:    {in3, in6},
		catalog.StartLater:   {in6, {}},
	}
}

func startPeriodQuery(period string, today time.Time) query.Query {
	if period == catalog.StartRolling {
		b := bleve.NewBoolFieldQuery(true)
		b.SetField(fieldRolling)
		return b
	}
	r, ok := startRanges(today)[period]
	if !ok {
		return bleve.NewMatchNoneQuery()
	}
	return dateRange(fieldFixedStart, r[0], r[1])
}

// dateRange matches days from from (inclusive) to to (exclusive); a zero
// bound is open.
func dateRange(field string, from, to time.Time) query.Query {
	inclusive, exclusive := true, false
	q := bleve.NewDateRangeInclusiveQuery(from, to, &inclusive, &exclusive)
	q.SetField(field)
	return q
}

// openQuery matches the offerings open for application on day.
func openQuery(day time.Time) query.Query {
	b := bleve.NewBooleanQuery()
	b.AddMust(dateRange(fieldDeadline, day, time.Time{}))
	b.AddMustNot(dateRange(fieldAppFirst, day.AddDate(0, 0, 1), time.Time{}))
	return b
}

// addFacet asks req to count facet f. application_open is counted by a
// query of its own (see Search).
func addFacet(req *bleve.SearchRequest, f *catalog.Facet, today time.Time) {
	switch f.Name {
	case catalog.FacetApplicationOpen:
	case catalog.FacetStartPeriod:
		fr := bleve.NewFacetRequest(fieldFixedStart, len(f.Order))
		for name, r := range startRanges(today) {
			fr.AddDateTimeRange(name, r[0], r[1])
		}
		req.AddFacet(f.Name, fr)
		req.AddFacet(f.Name+"."+catalog.StartRolling, bleve.NewFacetRequest(fieldRolling, 2))
	default:
		req.AddFacet(f.Name, bleve.NewFacetRequest(f.Name, maxFacetValues))
	}
}

// readFacet reads facet f's counts from res, in f's order, without zeros.
func readFacet(res *bleve.SearchResult, f *catalog.Facet) []catalog.FacetValue {
	out := []catalog.FacetValue{}
	add := func(value string, n int) {
		if n > 0 {
			out = append(out, catalog.FacetValue{Value: value, Count: n})
		}
	}
	if fr := res.Facets[f.Name]; fr != nil {
		if fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				add(t.Term, t.Count)
			}
		}
		for _, r := range fr.DateRanges {
			add(r.Name, r.Count)
		}
	}
	if fr := res.Facets[f.Name+"."+catalog.StartRolling]; fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			if t.Term == "T" { // Bleve's term for true
				add(catalog.StartRolling, t.Count)
			}
		}
	}
	sortFacet(out, f)
	return out
}

// sortFacet orders values as f says, or by count and then value.
func sortFacet(values []catalog.FacetValue, f *catalog.Facet) {
	slices.SortFunc(values, func(a, b catalog.FacetValue) int {
		if f.Order != nil {
			return cmp.Compare(slices.Index(f.Order, a.Value), slices.Index(f.Order, b.Value))
		}
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return cmp.Compare(a.Value, b.Value)
	})
}
