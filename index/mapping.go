// Package index is the catalogue's search index: a Bleve projection of the
// offerings in SQLite. It can be thrown away and rebuilt at any time; a
// change of MappingVersion (or of the word lists the analysis reads) rebuilds
// it on the next start.
package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion names the document mapping and analysis. Bump it whenever
// either changes: an index built with another version is rebuilt.
const MappingVersion = "5"

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
)

func newMapping() (mapping.IndexMapping, error) {
	// Nothing is stored: the store holds the offerings, the facet engine
	// filters and orders, and Bleve only answers which offerings match.
	text := func(name, analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name = name
		f.Analyzer = analyzer
		f.Store = false
		// Term positions only where a query or a page reads them: the
		// title's phrase queries and the highlighting of the title and
		// the description (highlightField).
		f.IncludeTermVectors = highlightField(name) || name == fieldTitleEN
		f.IncludeInAll = false // every query names its fields
		f.DocValues = false
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	// Title, keywords, provider and place: Swedish, folded and plain; the
	// title also exact.
	doc.AddFieldMappingsAt(fieldTitle, text(fieldTitle, analyzerSwedish),
		text(fieldTitleExact, analyzerWords), text(fieldTitleFolded, analyzerFolded),
		text(fieldTitlePlain, analyzerPlain))
	doc.AddFieldMappingsAt(fieldKeywords, text(fieldKeywords, analyzerSwedish),
		text(fieldKeywordsFold, analyzerFolded), text(fieldKeywordsPlain, analyzerPlain))
	doc.AddFieldMappingsAt(fieldProvider, text(fieldProvider, analyzerSwedish),
		text(fieldProviderFold, analyzerFolded), text(fieldProviderPlain, analyzerPlain))
	doc.AddFieldMappingsAt(fieldPlace, text(fieldPlace, analyzerSwedish),
		text(fieldPlaceFold, analyzerFolded), text(fieldPlacePlain, analyzerPlain))
	doc.AddFieldMappingsAt(fieldFacts, text(fieldFacts, analyzerSwedish), text(fieldFactsFold, analyzerFolded))
	doc.AddFieldMappingsAt(fieldTitleEN, text(fieldTitleEN, en.AnalyzerName))
	doc.AddFieldMappingsAt(fieldDescription, text(fieldDescription, analyzerSwedish))

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
