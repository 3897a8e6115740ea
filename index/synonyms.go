package index

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"kurskatalog/data/search"
)

// Query-time word knowledge: synonyms (data/search/synonyms.txt) and
// optional words (data/search/optional.txt). Neither is part of the index,
// so editing them needs no reindex.

// synonymRule says that a query containing from (a phrase, as keys) also
// searches with to (a phrase, as typed) in its place.
type synonymRule struct {
	from []string
	to   string
}

// thesaurus holds the synonym rules, longest first.
type thesaurus struct{ rules []synonymRule }

var synonyms = sync.OnceValue(func() *thesaurus {
	t, err := parseSynonyms(search.Synonyms)
	if err != nil {
		panic(err) // embedded and tested: cannot be malformed in a build
	}
	return t
})

var optionalWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range wordLines(search.Optional) {
		m[wordKey(w)] = true
	}
	return m
})

// isOptional reports whether word only ranks: a word of optional.txt or an
// English stop word (for, in, the), which Swedish fields do not drop.
func isOptional(word string) bool {
	return optionalWords()[wordKey(word)] || englishStop[word]
}

// parseSynonyms reads the synonym file: "a, b => c, d" (one way) and
// "a, b, c" (all ways).
func parseSynonyms(text string) (*thesaurus, error) {
	t := &thesaurus{}
	for n, line := range contentLines(text) {
		left, right, oneWay := strings.Cut(line, "=>")
		from, to := phrases(left), phrases(right)
		if !oneWay {
			to = from
		}
		if len(from) == 0 || len(to) == 0 || (!oneWay && len(from) < 2) {
			return nil, fmt.Errorf("synonyms line %d: %q is not \"a, b => c\" or \"a, b, c\"", n, line)
		}
		for _, f := range from {
			for _, r := range to {
				if keys := phraseKeys(f); len(keys) > 0 && f != r {
					t.rules = append(t.rules, synonymRule{from: keys, to: r})
				}
			}
		}
	}
	slices.SortStableFunc(t.rules, func(a, b synonymRule) int { return len(b.from) - len(a.from) })
	return t, nil
}

// phrases splits a comma-separated list.
func phrases(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// queryWords splits typed text into lower-case words.
func queryWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// withoutStopWords drops Swedish stop words, which a query does not search
// for.
func withoutStopWords(words []string) []string {
	return slices.DeleteFunc(words, func(w string) bool { return swedishStop[w] })
}

// wordKey is how words are compared: stemmed and folded, so that inflections
// and missing diacritics do not matter.
func wordKey(w string) string { return fold(stem(strings.ToLower(w))) }

// phraseKeys are the keys of a phrase's words, without stop words.
func phraseKeys(phrase string) []string {
	var keys []string
	for _, w := range queryWords(phrase) {
		if !swedishStop[w] {
			keys = append(keys, wordKey(w))
		}
	}
	return keys
}

// maxVariants bounds how many rewritten queries one query expands into.
const maxVariants = 6

// expand returns the query's words followed by the rewritings the synonyms
// allow: each matched phrase replaced by each of its synonyms.
func (t *thesaurus) expand(words []string) [][]string {
	type keyed struct {
		key  string
		word int // index in words
	}
	var keys []keyed
	for i, w := range words {
		if !swedishStop[w] {
			keys = append(keys, keyed{wordKey(w), i})
		}
	}
	out := [][]string{words}
	seen := map[string]bool{strings.Join(words, " "): true}
	for start := 0; start < len(keys); start++ {
		for _, r := range t.rules {
			end := start + len(r.from)
			if end > len(keys) {
				continue
			}
			match := true
			for k, f := range r.from {
				match = match && keys[start+k].key == f
			}
			if !match {
				continue
			}
			first, last := keys[start].word, keys[end-1].word
			v := slices.Concat(words[:first], withoutStopWords(queryWords(r.to)), words[last+1:])
			if s := strings.Join(v, " "); !seen[s] && len(out) < maxVariants {
				seen[s] = true
				out = append(out, v)
			}
		}
	}
	return out
}
