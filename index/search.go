package index

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"kurskatalog/data/catalog"
)

// facetFields maps the API's facet names to index fields.
var facetFields = map[string]string{
	catalog.FacetMunicipality: fieldMunicipality,
	catalog.FacetMode:         fieldMode,
	catalog.FacetSchoolType:   fieldSchoolType,
	catalog.FacetPace:         fieldPace,
}

// maxFacetValues is more than any facet has (290 municipalities).
const maxFacetValues = 400

// Search runs q. Facet counts are disjunctive, as in good faceted search UIs:
// each facet is counted with every filter except its own, so choosing one
// municipality does not hide the others' counts.
func (ix *Index) Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	filters := filterQueries(q)
	main := bleve.NewSearchRequestOptions(conjunction(textQuery(q.Text), filters, ""), q.PerPage, (q.Page-1)*q.PerPage, false)
	main.SortBy(sortOrder(q.Sort, q.Text != ""))
	for name, field := range facetFields {
		if _, own := filters[name]; !own {
			main.AddFacet(name, bleve.NewFacetRequest(field, maxFacetValues))
		}
	}
	res, err := ix.bleve.SearchInContext(ctx, main)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	out := &catalog.SearchResult{Total: int(res.Total), Facets: map[string][]catalog.FacetValue{}}
	for _, h := range res.Hits {
		out.IDs = append(out.IDs, h.ID)
	}
	for name, fr := range res.Facets {
		out.Facets[name] = facetCounts(fr)
	}
	// A facet with its own filter active needs a count without that filter.
	for name := range filters {
		if _, ok := facetFields[name]; !ok {
			continue
		}
		req := bleve.NewSearchRequestOptions(conjunction(textQuery(q.Text), filters, name), 0, 0, false)
		req.AddFacet(name, bleve.NewFacetRequest(facetFields[name], maxFacetValues))
		r, err := ix.bleve.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: facet %s: %w", name, err)
		}
		out.Facets[name] = facetCounts(r.Facets[name])
	}
	return out, nil
}

// facetCounts lists a facet's values by count, then value.
func facetCounts(fr *search.FacetResult) []catalog.FacetValue {
	var out []catalog.FacetValue
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		out = append(out, catalog.FacetValue{Value: t.Term, Count: t.Count})
	}
	slices.SortFunc(out, func(a, b catalog.FacetValue) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out
}

// textQuery matches the words in the title, English title, keywords,
// provider, place and description, weighted in that order. An empty text
// matches everything.
func textQuery(text string) query.Query {
	text = strings.TrimSpace(text)
	if text == "" {
		return bleve.NewMatchAllQuery()
	}
	field := func(name string, boost float64) query.Query {
		m := bleve.NewMatchQuery(text)
		m.SetField(name)
		m.SetBoost(boost)
		m.SetOperator(query.MatchQueryOperatorAnd)
		return m
	}
	phrase := bleve.NewMatchPhraseQuery(text)
	phrase.SetField(fieldTitle)
	phrase.SetBoost(4)
	return bleve.NewDisjunctionQuery(
		phrase,
		field(fieldTitle, 3),
		field(fieldTitleEN, 2),
		field(fieldKeywords, 2),
		field(fieldProvider, 1.5),
		field(fieldTowns, 1.5),
		field(fieldDescription, 1),
	)
}

// filterQueries builds one query per active filter, keyed by facet name.
// Values within one filter are ORed.
func filterQueries(q catalog.SearchQuery) map[string]query.Query {
	f := map[string]query.Query{}
	terms := func(field string, values []string) query.Query {
		var qs []query.Query
		for _, v := range values {
			t := bleve.NewTermQuery(v)
			t.SetField(field)
			qs = append(qs, t)
		}
		return bleve.NewDisjunctionQuery(qs...)
	}
	if len(q.Municipalities) > 0 {
		f[catalog.FacetMunicipality] = terms(fieldMunicipality, q.Municipalities)
	}
	if len(q.Modes) > 0 {
		var modes []string
		for _, m := range q.Modes {
			modes = append(modes, string(m))
		}
		f[catalog.FacetMode] = terms(fieldMode, modes)
	}
	if len(q.SchoolTypes) > 0 {
		f[catalog.FacetSchoolType] = terms(fieldSchoolType, q.SchoolTypes)
	}
	if len(q.Paces) > 0 {
		var paces []string
		for _, p := range q.Paces {
			paces = append(paces, strconv.Itoa(p))
		}
		f[catalog.FacetPace] = terms(fieldPace, paces)
	}
	if !q.StartFrom.IsZero() || !q.StartTo.IsZero() {
		var from, to time.Time
		if !q.StartFrom.IsZero() {
			from = q.StartFrom
		}
		if !q.StartTo.IsZero() {
			to = q.StartTo.AddDate(0, 0, 1) // inclusive of the whole last day
		}
		inclusive, exclusive := true, false
		r := bleve.NewDateRangeInclusiveQuery(from, to, &inclusive, &exclusive)
		r.SetField(fieldStart)
		f["start"] = r
	}
	return f
}

// conjunction ANDs the text query with every filter except skip, and keeps
// cancelled offerings out.
func conjunction(text query.Query, filters map[string]query.Query, skip string) query.Query {
	must := []query.Query{text}
	names := make([]string, 0, len(filters))
	for name := range filters {
		names = append(names, name)
	}
	slices.Sort(names) // a stable query shape
	for _, name := range names {
		if name != skip {
			must = append(must, filters[name])
		}
	}
	cancelled := bleve.NewBoolFieldQuery(true)
	cancelled.SetField(fieldCancelled)
	b := bleve.NewBooleanQuery()
	b.AddMust(must...)
	b.AddMustNot(cancelled)
	return b
}

// sortOrder returns Bleve sort keys. Relevance without text has no scores
// to order by, so it falls back to the start date.
func sortOrder(sort string, hasText bool) []string {
	switch sort {
	case catalog.SortStart:
		return []string{fieldStart, fieldTitleSort, "_id"}
	case catalog.SortDeadline:
		return []string{fieldDeadline, fieldStart, "_id"}
	case catalog.SortTitle:
		return []string{fieldTitleSort, fieldStart, "_id"}
	}
	if !hasText {
		return []string{fieldStart, fieldTitleSort, "_id"}
	}
	return []string{"-_score", fieldStart, "_id"}
}
