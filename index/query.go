package index

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// How a typed query becomes a Bleve query. Every word must match (AND),
// except optional ones, which only rank. A word matches, from best to
// worst:
//
//	exactly as typed in the title                      title_exact
//	by its stem in title, English title, keywords,
//	provider, place or description                     swedish fields, title_en
//	without diacritics                                 _folded fields
//	as its compound parts, all of them                 undersköterske|utbildning
//	with a typo (1 edit from 5 letters, 2 from 9)      _plain fields
//
// A typo is only looked for when the word is not found otherwise: a word
// that is in the catalogue is what the user meant (and fuzzy matching is
// the costly part of a query).
//
// The query is also run translated from English and with each synonym
// rewriting (data/search), and the
// whole text as a phrase in the title ranks higher.

// Boosts: the title above the rest, the exact word above its stem above a
// fuzzy match.
const (
	boostExact    = 5
	boostPhrase   = 3
	boostParts    = 0.8
	boostSynonym  = 0.8
	boostFolded   = 0.5 // of the field's own boost
	boostFuzzy    = 0.15
	minFuzzyWord  = 5 // letters
	minFuzzy2Word = 9
)

// textField is a Swedish text field, its folded and plain twins (if any)
// and its weight.
type textField struct {
	name, folded, plain string
	boost               float64
}

var textFields = []textField{
	{fieldTitle, fieldTitleFolded, fieldTitlePlain, 4},
	{fieldKeywords, fieldKeywordsFold, fieldKeywordsPlain, 2.5},
	{fieldProvider, fieldProviderFold, fieldProviderPlain, 2.5},
	{fieldPlace, fieldPlaceFold, fieldPlacePlain, 2.5},
	{fieldFacts, fieldFactsFold, "", 1.5},
	{fieldDescription, "", "", 1},
}

const boostTitleEN = 3

// queryBuilder turns typed text into a query with the index's analysers.
type queryBuilder struct {
	swedish, folded, plain, english analysis.Analyzer
	// has reports whether a field has a term, from the term dictionaries:
	// cheaper than a search by far, and most words are settled by it.
	has func(field, term string) bool
	// found reports whether a query matches anything.
	found func(query.Query) bool
	// fuzzy returns a fuzzy query with its terms found (fuzzyTerms).
	fuzzy func(*query.FuzzyQuery) query.Query
	// kept returns the query of a word, built by build unless kept
	// (builtWords.word).
	kept func(w string, depth int, build func() query.Query) query.Query
}

// newQueryBuilder returns a builder reading the index through r (for
// whether words are in it, and the terms a misspelt word may be, kept in
// fuzzy), keeping each word's query in built (nil: none kept); r must stay
// open while the builder is used.
func newQueryBuilder(ctx context.Context, b bleve.Index, r bleveindex.IndexReader, fuzzy *fuzzyTerms, built *builtWords) queryBuilder {
	m := b.Mapping()
	kept := func(_ string, _ int, build func() query.Query) query.Query { return build() }
	if built != nil {
		kept = func(w string, depth int, build func() query.Query) query.Query {
			return built.word(ctx, r, w, depth, build)
		}
	}
	return queryBuilder{
		kept:    kept,
		fuzzy:   func(q *query.FuzzyQuery) query.Query { return fuzzy.expand(r, q) },
		swedish: m.AnalyzerNamed(analyzerSwedish),
		folded:  m.AnalyzerNamed(analyzerFolded),
		plain:   m.AnalyzerNamed(analyzerPlain),
		english: m.AnalyzerNamed(en.AnalyzerName),
		has: func(field, term string) bool {
			tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
			if err != nil {
				return true // on error, do not add work
			}
			defer tfr.Close()
			return tfr.Count() > 0
		},
		found: func(q query.Query) bool {
			res, err := b.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
			return err != nil || res.Total > 0
		},
	}
}

// parsed is typed text ready to build queries from.
type parsed struct {
	variants [][]string // the words, their translations, then each synonym rewriting
}

// parse splits text into words and expands it: the words as typed, their
// translations from English, then the synonym rewritings of each. Empty
// text (or only stop words) has no variants.
func parse(text string) parsed {
	words := withoutStopWords(queryWords(text))
	if len(words) == 0 {
		return parsed{}
	}
	bases := append([][]string{words}, english().translate(words)...)
	var p parsed
	seen := map[string]bool{}
	add := func(v []string) {
		if s := strings.Join(v, " "); !seen[s] && len(p.variants) < maxVariants {
			seen[s] = true
			p.variants = append(p.variants, v)
		}
	}
	for _, b := range bases {
		add(b)
	}
	for _, b := range bases {
		for _, v := range synonyms().expand(b)[1:] {
			add(v)
		}
	}
	return p
}

// relaxable reports whether the query has two or more required words, so
// that all but one of them may be asked for when none match all.
func (p parsed) relaxable() bool {
	return len(p.variants) > 0 && len(required(p.variants[0])) >= 2
}

// required returns the words that must match: all but the optional ones,
// or all when every word is optional.
func required(words []string) []string {
	var out []string
	for _, w := range words {
		if !isOptional(w) {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return words
	}
	return out
}

// build returns the query for p; relaxed lets one required word miss.
func (b queryBuilder) build(p parsed, relaxed bool) query.Query {
	if len(p.variants) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	var alts []query.Query
	for i, words := range p.variants {
		q := b.variant(words, relaxed)
		if i > 0 {
			q.SetBoost(boostSynonym) // see scoring
		}
		alts = append(alts, q)
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// variant is one list of words: required ones ANDed, optional ones and the
// phrase ranking.
func (b queryBuilder) variant(words []string, relaxed bool) *query.BooleanQuery {
	must := required(words)
	q := bleve.NewBooleanQuery()
	var musts []query.Query
	for _, w := range must {
		if wq := b.word(w, 0); wq != nil {
			musts = append(musts, wq)
		}
	}
	switch {
	case len(musts) == 0:
		q.AddMust(bleve.NewMatchNoneQuery())
	case relaxed && len(musts) >= 2:
		d := bleve.NewDisjunctionQuery(musts...)
		d.SetMin(float64(len(musts) - 1))
		q.AddMust(d)
	default:
		q.AddMust(musts...)
	}
	for _, w := range words {
		if isOptional(w) && len(must) < len(words) {
			if wq := b.word(w, 0); wq != nil {
				q.AddShould(wq)
			}
		}
	}
	if len(words) >= 2 {
		phrase := strings.Join(words, " ")
		for field, boost := range map[string]float64{fieldTitle: boostPhrase, fieldTitleEN: boostPhrase * 0.7} {
			p := bleve.NewMatchPhraseQuery(phrase)
			p.SetField(field)
			p.SetBoost(boost)
			q.AddShould(p)
		}
	}
	return q
}

// word returns the query for one word at depth: 0 as typed, more as a
// part of a compound.
func (b queryBuilder) word(w string, depth int) query.Query {
	return b.kept(w, depth, func() query.Query { return b.buildWord(w, depth) })
}

func (b queryBuilder) buildWord(w string, depth int) query.Query {
	var alts []query.Query
	var compound query.Query
	var termsOf [][2]string // the field and term of every term query, for found
	term := func(field, t string, boost float64) {
		q := bleve.NewTermQuery(t)
		q.SetField(field)
		q.SetBoost(boost)
		alts = append(alts, q)
		termsOf = append(termsOf, [2]string{field, t})
	}
	term(fieldTitleExact, w, boostExact)
	swedish, folded := terms(b.swedish, w), terms(b.folded, w)
	for _, f := range textFields {
		for _, t := range swedish {
			term(f.name, t, f.boost)
		}
		if f.folded != "" {
			for _, t := range folded {
				term(f.folded, t, f.boost*boostFolded)
			}
		}
	}
	for _, t := range terms(b.english, w) {
		term(fieldTitleEN, t, boostTitleEN)
	}
	if depth < 2 {
		if parts := b.parts(w); len(parts) >= 2 {
			var each []query.Query
			for _, p := range required(parts) {
				if pq := b.word(p, depth+1); pq != nil {
					each = append(each, pq)
				}
			}
			if len(each) > 0 {
				c := bleve.NewConjunctionQuery(each...)
				c.SetBoost(boostParts) // see scoring
				alts, compound = append(alts, c), c
			}
		}
	}
	found := func() bool {
		for _, ft := range termsOf {
			if b.has(ft[0], ft[1]) {
				return true
			}
		}
		return compound != nil && b.found(compound)
	}
	if n := utf8.RuneCountInString(w); depth == 0 && n >= minFuzzyWord && !found() {
		fuzziness := 1
		if n >= minFuzzy2Word {
			fuzziness = 2
		}
		for _, f := range textFields {
			for _, t := range terms(b.plain, w) {
				if f.plain != "" {
					q := bleve.NewFuzzyQuery(t)
					q.SetField(f.plain)
					q.SetFuzziness(fuzziness)
					q.SetPrefix(1)
					q.SetBoost(f.boost * boostFuzzy)
					alts = append(alts, b.fuzzy(q))
				}
			}
		}
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// scoring returns q as it is meant to score. Bleve applies the boost of
// a term, phrase or fuzzy query but drops one set on a boolean,
// conjunction or disjunction query (a synonym rewriting's, a compound's
// parts'), so such a boost is multiplied into the queries under it. The
// queries are copied, not changed: the query as built is the one matched,
// whose words' matches facet.Text keeps and shares between searches
// whatever their weight, and a fuzzy query's expansion is shared by the
// searches of its word.
func scoring(q query.Query) query.Query { return scaled(q, 1) }

// scaled is scoring with every boost also multiplied by f.
func scaled(q query.Query, f float64) query.Query {
	switch q := q.(type) {
	case *query.TermQuery:
		c := *q
		c.SetBoost(q.Boost() * f)
		return &c
	case *query.MatchPhraseQuery:
		c := *q
		c.SetBoost(q.Boost() * f)
		return &c
	case *query.FuzzyQuery:
		c := *q
		c.SetBoost(q.Boost() * f)
		return &c
	case *fuzzyQuery:
		c := *q.FuzzyQuery
		c.SetBoost(c.Boost() * f)
		return &fuzzyQuery{FuzzyQuery: &c, terms: q.terms, distances: q.distances}
	case *query.BooleanQuery:
		c := *q
		c.BoostVal, f = nil, f*q.Boost()
		if q.Must != nil {
			c.Must = scaled(q.Must, f)
		}
		if q.Should != nil {
			c.Should = scaled(q.Should, f)
		}
		return &c
	case *query.ConjunctionQuery:
		c := *q
		c.BoostVal = nil
		c.Conjuncts = scaledAll(q.Conjuncts, f*q.Boost())
		return &c
	case *query.DisjunctionQuery:
		c := *q
		c.BoostVal = nil
		c.Disjuncts = scaledAll(q.Disjuncts, f*q.Boost())
		return &c
	}
	return q // scores nothing (match none)
}

func scaledAll(qs []query.Query, f float64) []query.Query {
	out := make([]query.Query, len(qs))
	for i, q := range qs {
		out[i] = scaled(q, f)
	}
	return out
}

// parts splits a compound typed by the user, with diacritics or without.
func (b queryBuilder) parts(w string) []string {
	plain, folded := dictionaries()
	if p := plain.split(w); p != nil {
		return p
	}
	return folded.split(fold(w))
}

// terms returns the terms analyser a makes of one word, without the parts
// of a compound (which the query asks for on its own terms).
func terms(a analysis.Analyzer, w string) []string {
	if a == nil {
		return nil
	}
	var out []string
	for _, t := range a.Analyze([]byte(w)) {
		if t.Type != partToken {
			out = append(out, string(t.Term))
		}
	}
	return out
}
