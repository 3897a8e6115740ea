package index

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"

	"kurskatalog/data/search"
)

// English queries (data/search/english.txt): the catalogue is Swedish, so a
// query in English is also run translated, phrase by phrase, into the
// catalogue's words. Like the synonyms this is query time only: editing the
// file needs no reindex.

// translation says that the English phrase from (as keys) is any of to
// (Swedish phrases, as typed), each in a rewriting of its own.
type translation struct {
	from []string
	to   []string
}

// glossary holds the translations, longest phrase first.
type glossary struct{ rules []translation }

var english = sync.OnceValue(func() *glossary {
	g, err := parseEnglish(search.English)
	if err != nil {
		panic(err) // embedded and tested: cannot be malformed in a build
	}
	return g
})

// maxTranslations bounds the rewritings of one query: the first takes each
// phrase's first Swedish word, the second each phrase's second (or only)
// one, and so on.
const maxTranslations = 3

var pluralStemmer = en.NewEnglishPluralStemmerFilter()

// englishKey is how English words are compared: lower case, without
// diacritics and without a plural -s (nurses -> nurse). A light stemmer on
// purpose: Snowball's would make programme and programmer one word.
func englishKey(w string) string {
	t := &analysis.Token{Term: []byte(strings.ToLower(w))}
	pluralStemmer.Filter(analysis.TokenStream{t})
	return fold(string(t.Term))
}

// englishFiller is an English stop word, which a phrase matches without
// (swedish immigrants is swedish for immigrants). "it" is the subject IT.
func englishFiller(w string) bool { return englishStop[w] && w != "it" }

// englishKeys are the keys of a phrase's words, without stop words.
func englishKeys(phrase string) []string {
	var keys []string
	for _, w := range queryWords(phrase) {
		if !englishFiller(w) {
			keys = append(keys, englishKey(w))
		}
	}
	return keys
}

// parseEnglish reads the English file: "a, b => c, d", one way only.
func parseEnglish(text string) (*glossary, error) {
	g := &glossary{}
	for n, line := range contentLines(text) {
		left, right, ok := strings.Cut(line, "=>")
		from, to := phrases(left), phrases(right)
		if !ok || len(from) == 0 || len(to) == 0 {
			return nil, fmt.Errorf("english line %d: %q is not \"english, english => svenska, svenska\"", n, line)
		}
		for _, f := range from {
			keys := englishKeys(f)
			if len(keys) == 0 {
				return nil, fmt.Errorf("english line %d: %q has only stop words", n, f)
			}
			i := slices.IndexFunc(g.rules, func(r translation) bool { return slices.Equal(r.from, keys) })
			if i < 0 {
				g.rules = append(g.rules, translation{from: keys})
				i = len(g.rules) - 1
			}
			for _, t := range to {
				if !slices.Contains(g.rules[i].to, t) {
					g.rules[i].to = append(g.rules[i].to, t)
				}
			}
		}
	}
	slices.SortStableFunc(g.rules, func(a, b translation) int { return len(b.from) - len(a.from) })
	return g, nil
}

// translate returns the Swedish rewritings of words: every English phrase
// replaced at once (the longest at each place), the other words kept as
// typed. Nil when no phrase is English.
func (g *glossary) translate(words []string) [][]string {
	var keys []string // of the words that are not stop words
	var at []int      // each key's index in words
	for i, w := range words {
		if !englishFiller(w) {
			keys, at = append(keys, englishKey(w)), append(at, i)
		}
	}
	// The query as pieces: kept words (one choice) and translated
	// phrases (their Swedish alternatives, each as words).
	var pieces [][][]string
	next := 0 // the first word not yet in a piece
	for k := 0; k < len(keys); {
		r := g.match(keys[k:])
		if r == nil {
			k++
			continue
		}
		first, last := at[k], at[k+len(r.from)-1]
		if first > next {
			pieces = append(pieces, [][]string{words[next:first]})
		}
		var alts [][]string
		for _, t := range r.to {
			alts = append(alts, withoutStopWords(queryWords(t)))
		}
		pieces = append(pieces, alts)
		next, k = last+1, k+len(r.from)
	}
	if len(pieces) == 0 {
		return nil
	}
	if next < len(words) {
		pieces = append(pieces, [][]string{words[next:]})
	}
	n := 0
	for _, p := range pieces {
		n = max(n, len(p))
	}
	var out [][]string
	for i := range min(n, maxTranslations) {
		var v []string
		for _, p := range pieces {
			v = append(v, p[min(i, len(p)-1)]...)
		}
		out = append(out, v)
	}
	return out
}

// match returns the longest rule whose phrase starts keys, or nil.
func (g *glossary) match(keys []string) *translation {
	for i, r := range g.rules {
		if len(r.from) <= len(keys) && slices.Equal(r.from, keys[:len(r.from)]) {
			return &g.rules[i]
		}
	}
	return nil
}
