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
const MappingVersion = "3"

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

	fieldStart      = "start"
	fieldDeadline   = "application_last"
	fieldAppFirst   = "application_first"
	fieldFixedStart = "fixed_start" // the start of an offering without a rolling start
	fieldLastDay    = "last_day"    // catalog.LastDay
	fieldRolling    = "rolling"
	fieldSessions   = "mandatory_sessions"
	fieldCancelled  = "cancelled"
	fieldTitleSort  = "title_sort"
	// fieldTiming is stored, not indexed: what ranking by date needs of a hit.
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
	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = true // facets and sorting read doc values
		return f
	}
	date := func() *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = true
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

	// One keyword field per undated facet, named like the facet.
	for _, f := range catalog.Facets {
		if !f.Dated {
			// Municipalities and occupations are stored too: suggestions
			// are built from them.
			doc.AddFieldMappingsAt(f.Name, kw(f.Name == catalog.FacetMunicipality || f.Name == catalog.FacetOccupation))
		}
	}
	doc.AddFieldMappingsAt(fieldTitleSort, kw(false))
	for _, f := range []string{fieldStart, fieldDeadline, fieldAppFirst, fieldFixedStart, fieldLastDay} {
		doc.AddFieldMappingsAt(f, date())
	}
	sessions := bleve.NewNumericFieldMapping()
	sessions.Store = false
	sessions.IncludeInAll = false
	doc.AddFieldMappingsAt(fieldSessions, sessions)
	for _, f := range []string{fieldCancelled, fieldRolling} {
		b := bleve.NewBooleanFieldMapping()
		b.Store = false
		b.IncludeInAll = false
		b.DocValues = true
		doc.AddFieldMappingsAt(f, b)
	}
	timing := bleve.NewTextFieldMapping()
	timing.Analyzer = keyword.Name
	timing.Index = false
	timing.Store = true
	timing.IncludeInAll = false
	timing.IncludeTermVectors = false
	timing.DocValues = false
	doc.AddFieldMappingsAt(fieldTiming, timing)

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
