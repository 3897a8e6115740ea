// Package index is the catalogue's search index: a Bleve projection of the
// offerings in SQLite. It can be thrown away and rebuilt at any time; a
// change of MappingVersion (or of the word lists the analysis reads) rebuilds
// it on the next start.
package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"kurskatalog/data/catalog"
)

// MappingVersion names the document mapping and analysis. Bump it whenever
// either changes: an index built with another version is rebuilt.
const MappingVersion = "4"

// Field names in the index. The text fields come in up to four analyses
// (see analysis.go): the field itself (Swedish), _exact, _folded and _plain.
const (
	fieldTitle         = "title"
	fieldTitleExact    = "title_exact"
	fieldTitleFolded   = "title_folded"
	fieldTitlePlain    = "title_plain"
	fieldTitleEN       = "title_en"
	fieldDescription   = "description"
	fieldKeywords      = "keywords"
	fieldKeywordsFold  = "keywords_folded"
	fieldKeywordsPlain = "keywords_plain"
	fieldProvider      = "provider"
	fieldProviderFold  = "provider_folded"
	fieldProviderPlain = "provider_plain"
	// fieldPlace holds the towns and the municipalities' names, so that
	// "svenska östersund" finds Swedish in Östersund.
	fieldPlace      = "place"
	fieldPlaceFold  = "place_folded"
	fieldPlacePlain = "place_plain"
	// fieldFacts names the offering's school type, mode and time of study
	// in words, so that "komvux", "distans" and "helgkurs" find offerings
	// whose texts do not say so.
	fieldFacts     = "facts"
	fieldFactsFold = "facts_folded"

	// The facet engine (index/facet) filters, counts, orders and pages;
	// Bleve keeps cancelled and, stored, the municipalities, occupations
	// and timing, which nothing reads since suggestions are kept in memory:
	// drop them with the next change of MappingVersion.
	fieldCancelled = "cancelled"
	// fieldTiming is stored, not indexed: an offering's dates.
	fieldTiming = "timing"
)

func newMapping() (mapping.IndexMapping, error) {
	text := func(name, analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name = name
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = true // for highlighting and phrase queries
		f.IncludeInAll = false      // every query names its fields
		f.DocValues = false
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	// Title, keywords, provider and place: Swedish, folded and plain; the
	// title also exact.
	doc.AddFieldMappingsAt(fieldTitle, text(fieldTitle, analyzerSwedish, true),
		text(fieldTitleExact, analyzerWords, false), text(fieldTitleFolded, analyzerFolded, false),
		text(fieldTitlePlain, analyzerPlain, false))
	doc.AddFieldMappingsAt(fieldKeywords, text(fieldKeywords, analyzerSwedish, false),
		text(fieldKeywordsFold, analyzerFolded, false), text(fieldKeywordsPlain, analyzerPlain, false))
	doc.AddFieldMappingsAt(fieldProvider, text(fieldProvider, analyzerSwedish, true),
		text(fieldProviderFold, analyzerFolded, false), text(fieldProviderPlain, analyzerPlain, false))
	doc.AddFieldMappingsAt(fieldPlace, text(fieldPlace, analyzerSwedish, false),
		text(fieldPlaceFold, analyzerFolded, false), text(fieldPlacePlain, analyzerPlain, false))
	doc.AddFieldMappingsAt(fieldFacts, text(fieldFacts, analyzerSwedish, false), text(fieldFactsFold, analyzerFolded, false))
	doc.AddFieldMappingsAt(fieldTitleEN, text(fieldTitleEN, en.AnalyzerName, false))
	doc.AddFieldMappingsAt(fieldDescription, text(fieldDescription, analyzerSwedish, false))

	for _, f := range []string{catalog.FacetMunicipality, catalog.FacetOccupation, fieldTiming} {
		doc.AddFieldMappingsAt(f, stored())
	}
	cancelled := bleve.NewBooleanFieldMapping()
	cancelled.Store = false
	cancelled.IncludeInAll = false
	doc.AddFieldMappingsAt(fieldCancelled, cancelled)

	m := bleve.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerSwedish
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}
