package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// The Swedish analysis. Three analysers read the same Swedish text:
//
//	swedish         lower case, compounds split, stop words out, stemmed
//	                (Snowball, but lärare is not lär):
//	                "Omsorgsutbildningen" -> omsorgsutbildning, omsorg, utbildning
//	swedish_words   lower case only, for exact-word matches
//	swedish_folded  like swedish, with å, ä, ö folded to a, a, o, for people
//	                who type "sjukskoterska"
//	swedish_plain   lower case and folded, nothing else: what typos are
//	                measured against ("osterund" is one edit from "ostersund")
const (
	analyzerSwedish = "swedish"
	analyzerWords   = "swedish_words"
	analyzerFolded  = "swedish_folded"
	analyzerPlain   = "swedish_plain"
)

// Token filter names in Bleve's registry.
const (
	filterDecompound       = "sv_decompound"
	filterDecompoundFolded = "sv_decompound_folded"
	filterFold             = "sv_fold"
	filterStopFolded       = "stop_sv_folded"
	filterStem             = "sv_stem"
)

// partToken marks a token that is a part of a compound, so that a query can
// tell a word's own term from its parts'.
const partToken analysis.TokenType = 100

func init() {
	register := func(name string, f analysis.TokenFilter) {
		err := registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return f, nil
		})
		if err != nil {
			panic(err)
		}
	}
	plain, folded := dictionaries()
	register(filterDecompound, decompoundFilter{plain})
	register(filterDecompoundFolded, decompoundFilter{folded})
	register(filterFold, foldFilter{})
	register(filterStem, stemFilter{})
	foldedStop := analysis.NewTokenMap()
	for w := range swedishStop {
		foldedStop.AddToken(fold(w))
	}
	register(filterStopFolded, stopFilter{foldedStop})
}

// tokenFilters are the Swedish analysers' filters, after the unicode
// tokenizer.
var tokenFilters = map[string][]string{
	analyzerSwedish: {lowercase.Name, filterDecompound, sv.StopName, filterStem},
	analyzerWords:   {lowercase.Name},
	analyzerFolded:  {lowercase.Name, filterFold, filterDecompoundFolded, filterStopFolded, filterStem},
	analyzerPlain:   {lowercase.Name, filterFold},
}

// addAnalyzers registers the Swedish analysers in the mapping.
func addAnalyzers(m *mapping.IndexMappingImpl) error {
	for name, filters := range tokenFilters {
		err := m.AddCustomAnalyzer(name, map[string]any{
			"type":          analyzerCached,
			"tokenizer":     unicode.Name,
			"token_filters": filters,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// decompoundFilter adds the parts of each compound after it, at its
// position and with its offsets, so that phrases still match and a hit on a
// part highlights the whole word.
type decompoundFilter struct{ dict *dictionary }

func (f decompoundFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in))
	for _, t := range in {
		out = append(out, t)
		for _, p := range f.dict.allParts(string(t.Term)) {
			out = append(out, &analysis.Token{Term: []byte(p), Start: t.Start, End: t.End, Position: t.Position, Type: partToken})
		}
	}
	return out
}

// foldFilter folds each token's diacritics. It works on tokens, not on the
// text, so that offsets still point into the original text.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = asciiFolder.Filter(t.Term)
	}
	return in
}

// stemFilter stems Swedish words (see stem).
type stemFilter struct{}

func (stemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(stem(string(t.Term)))
	}
	return in
}

// stopFilter drops the words in its map.
type stopFilter struct{ stop analysis.TokenMap }

func (f stopFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	for _, t := range in {
		if !f.stop[string(t.Term)] {
			out = append(out, t)
		}
	}
	return out
}
