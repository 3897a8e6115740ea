package bench

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"kurskatalog/data/catalog"
)

// The Bleve side of the benchmark follows package index at mapping version
// 1 (text fields and analyzers, text query, sort keys, and index.Search's
// disjunctive facets: one request with the unfiltered facets plus one per
// filtered facet), with a keyword field for every static facet of
// catalog.Facets instead of the four of version 1. It is a copy rather than
// a call because the engine needs the bleve.Index itself for its text part,
// and because package index is being rewritten: the figures stay comparable
// while it changes.

const (
	fieldTitle       = "title"
	fieldTitleEN     = "title_en"
	fieldDescription = "description"
	fieldKeywords    = "keywords"
	fieldProvider    = "provider"
	fieldTowns       = "towns"
	fieldStart       = "start"
	fieldDeadline    = "application_last"
	fieldCancelled   = "cancelled"
	fieldTitleSort   = "title_sort"
)

// staticFacets are the catalog facets whose values do not depend on the
// day: the ones every contender counts.
func staticFacets() []catalog.Facet {
	var out []catalog.Facet
	for _, f := range catalog.Facets {
		if !f.Dated {
			out = append(out, f)
		}
	}
	return out
}

// facetField is the keyword field of a facet.
func facetField(name string) string { return "f_" + name }

const maxFacetValues = 400

func newMapping() mapping.IndexMapping {
	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = true
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeTermVectors = false
		f.DocValues = true
		return f
	}
	date := func() *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.Store = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldTitle, text(sv.AnalyzerName))
	doc.AddFieldMappingsAt(fieldTitleEN, text(en.AnalyzerName))
	doc.AddFieldMappingsAt(fieldDescription, text(sv.AnalyzerName))
	doc.AddFieldMappingsAt(fieldKeywords, text(sv.AnalyzerName))
	doc.AddFieldMappingsAt(fieldProvider, text(standard.Name))
	doc.AddFieldMappingsAt(fieldTowns, text(standard.Name))
	doc.AddFieldMappingsAt(fieldTitleSort, kw())
	for _, f := range staticFacets() {
		doc.AddFieldMappingsAt(facetField(f.Name), kw())
	}
	doc.AddFieldMappingsAt(fieldStart, date())
	doc.AddFieldMappingsAt(fieldDeadline, date())
	b := bleve.NewBooleanFieldMapping()
	b.Store = false
	doc.AddFieldMappingsAt(fieldCancelled, b)
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = sv.AnalyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

func toDocument(o *catalog.Offering) map[string]any {
	d := map[string]any{
		fieldTitle:     o.Title,
		fieldProvider:  o.Provider.Name,
		fieldCancelled: o.Cancelled,
		fieldTitleSort: strings.ToLower(o.Title),
	}
	for _, f := range staticFacets() {
		if v := f.Values(o, time.Time{}); len(v) > 0 {
			d[facetField(f.Name)] = v
		}
	}
	set := func(field, value string) {
		if value != "" {
			d[field] = value
		}
	}
	set(fieldTitleEN, o.TitleEN)
	set(fieldDescription, o.DescriptionText())
	if len(o.Keywords) > 0 {
		d[fieldKeywords] = o.Keywords
	}
	if len(o.Towns) > 0 {
		d[fieldTowns] = o.Towns
	}
	if !o.Start.IsZero() {
		d[fieldStart] = o.Start.Format(time.RFC3339)
	}
	if !o.ApplicationLast.IsZero() {
		d[fieldDeadline] = o.ApplicationLast.Format(time.RFC3339)
	}
	return d
}

// openBleve creates a Bleve index at path and indexes offerings in batches
// of 1000, like index.Put.
func openBleve(path string) (bleve.Index, error) {
	return bleve.New(path, newMapping())
}

func putBleve(ctx context.Context, b bleve.Index, offerings []catalog.Offering) error {
	batch := b.NewBatch()
	for i := range offerings {
		if err := batch.Index(offerings[i].ID, toDocument(&offerings[i])); err != nil {
			return fmt.Errorf("bench: bleve %s: %w", offerings[i].ID, err)
		}
		if batch.Size() >= 1000 {
			if err := b.Batch(batch); err != nil {
				return err
			}
			batch.Reset()
		}
	}
	if batch.Size() > 0 {
		return b.Batch(batch)
	}
	return nil
}

// bleveSearch is index.Search: one request with the facets whose filter is
// not active, plus one facet-only request per active filter.
func bleveSearch(ctx context.Context, b bleve.Index, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	filters := filterQueries(q)
	main := bleve.NewSearchRequestOptions(conjunction(textQuery(q.Text), filters, ""), q.PerPage, (q.Page-1)*q.PerPage, false)
	main.SortBy(sortOrder(q.Sort, q.Text != ""))
	for _, f := range staticFacets() {
		if _, own := filters[f.Name]; !own {
			main.AddFacet(f.Name, bleve.NewFacetRequest(facetField(f.Name), maxFacetValues))
		}
	}
	res, err := b.SearchInContext(ctx, main)
	if err != nil {
		return nil, fmt.Errorf("bench: bleve search: %w", err)
	}
	out := &catalog.SearchResult{Total: int(res.Total), Facets: map[string][]catalog.FacetValue{}}
	for _, h := range res.Hits {
		out.IDs = append(out.IDs, h.ID)
	}
	for name, fr := range res.Facets {
		out.Facets[name] = facetCounts(fr, name)
	}
	for name := range filters {
		if name == "start" {
			continue
		}
		req := bleve.NewSearchRequestOptions(conjunction(textQuery(q.Text), filters, name), 0, 0, false)
		req.AddFacet(name, bleve.NewFacetRequest(facetField(name), maxFacetValues))
		r, err := b.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("bench: bleve facet %s: %w", name, err)
		}
		out.Facets[name] = facetCounts(r.Facets[name], name)
	}
	return out, nil
}

func facetCounts(fr *search.FacetResult, name string) []catalog.FacetValue {
	var out []catalog.FacetValue
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		out = append(out, catalog.FacetValue{Value: t.Term, Count: t.Count})
	}
	return sortValues(out, name)
}

// textQuery is index.textQuery: the words in the title, English title,
// keywords, provider, places and description; empty matches everything.
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
	for _, fc := range staticFacets() {
		if values := q.Filters[fc.Name]; len(values) > 0 {
			f[fc.Name] = terms(facetField(fc.Name), values)
		}
	}
	if !q.StartFrom.IsZero() || !q.StartTo.IsZero() {
		var from, to time.Time
		if !q.StartFrom.IsZero() {
			from = q.StartFrom
		}
		if !q.StartTo.IsZero() {
			to = q.StartTo.AddDate(0, 0, 1)
		}
		inclusive, exclusive := true, false
		r := bleve.NewDateRangeInclusiveQuery(from, to, &inclusive, &exclusive)
		r.SetField(fieldStart)
		f["start"] = r
	}
	return f
}

func conjunction(text query.Query, filters map[string]query.Query, skip string) query.Query {
	must := []query.Query{text}
	names := make([]string, 0, len(filters))
	for name := range filters {
		names = append(names, name)
	}
	slices.Sort(names)
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
