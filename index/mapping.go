// Package index is the catalogue's search index: a Bleve projection of the
// offerings in SQLite. It can be thrown away and rebuilt at any time; a
// change of MappingVersion rebuilds it on the next start.
package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion names the document mapping and analysis. Bump it whenever
// either changes: an index built with another version is rebuilt.
const MappingVersion = "1"

// Field names in the index.
const (
	fieldTitle        = "title"
	fieldTitleEN      = "title_en"
	fieldDescription  = "description"
	fieldKeywords     = "keywords"
	fieldProvider     = "provider"
	fieldTowns        = "towns"
	fieldMunicipality = "municipality"
	fieldMode         = "mode"
	fieldSchoolType   = "school_type"
	fieldPace         = "pace"
	fieldStart        = "start"
	fieldDeadline     = "application_last"
	fieldCancelled    = "cancelled"
	fieldTitleSort    = "title_sort"
)

func newMapping() mapping.IndexMapping {
	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = true // for highlighting and phrase queries
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeTermVectors = false
		f.DocValues = true // facets and sorting read doc values
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
	for _, f := range []string{fieldMunicipality, fieldMode, fieldSchoolType, fieldPace, fieldTitleSort} {
		doc.AddFieldMappingsAt(f, kw())
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
