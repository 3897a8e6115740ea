package index

import (
	"slices"
	"strings"
	"testing"

	"kurskatalog/data/search"
)

func TestEnglishTranslate(t *testing.T) {
	g, err := parseEnglish(`
# comment
nurse, nursing => sjuksköterska
assistant nurse => undersköterska
swedish for immigrants => sfi
swedish => svenska
distance, online => distans
accountant => redovisning, ekonom`)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"nurse", []string{"sjuksköterska"}},
		{"nurses", []string{"sjuksköterska"}},                                    // plural
		{"assistant nurse", []string{"undersköterska"}},                          // the longest phrase
		{"nurse assistant", []string{"sjuksköterska assistant"}},                 // other words kept
		{"swedish for immigrants", []string{"sfi"}},                              // stop word in the phrase
		{"swedish immigrants", []string{"sfi"}},                                  // and without it
		{"swedish online", []string{"svenska distans"}},                          // every phrase at once
		{"nurse östersund", []string{"sjuksköterska östersund"}},                 // mixed languages
		{"accountant online", []string{"redovisning distans", "ekonom distans"}}, // each alternative
		{"course in swedish", []string{"course in svenska"}},
		{"sjuksköterska", nil},
		{"svenska distans", nil},
	} {
		var got []string
		for _, v := range g.translate(withoutStopWords(queryWords(tc.query))) {
			got = append(got, strings.Join(v, " "))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("translate(%q) = %q, want %q", tc.query, got, tc.want)
		}
	}
}

func TestEnglishRejectsMalformedLines(t *testing.T) {
	for _, text := range []string{"nurse", "nurse, sjuksköterska", "=> sjuksköterska", "nurse =>", "the => det"} {
		if _, err := parseEnglish(text); err == nil {
			t.Errorf("%q: no error", text)
		}
	}
}

// Swedish words are not translated: the embedded list has no English word
// that is also one of the catalogue's Swedish words (truck, data, film).
// The vocabulary also holds the few English words of English titles.
func TestEnglishLeavesSwedishAlone(t *testing.T) {
	inTitles := map[string]bool{"english": true, "sustainable": true, "tourism": true}
	for _, w := range append(wordLines(search.Words), wordLines(search.Vocabulary)...) {
		if got := english().translate([]string{w}); got != nil && !inTitles[w] {
			t.Errorf("the Swedish word %q is translated to %q", w, got)
		}
	}
	for _, w := range []string{"art", "truck", "data", "film", "it", "program", "guide", "lager", "kurs"} {
		if got := english().translate([]string{w}); got != nil {
			t.Errorf("%q is translated to %q", w, got)
		}
	}
}

// A query's variants: as typed, translated, then the synonyms of each. A
// Swedish query has no translation.
func TestParseTranslatesEnglish(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"welding", []string{"welding", "svets", "svetsare"}},
		{"bus driver", []string{"bus driver", "bussförare"}},
		{"truck driver", []string{"truck driver", "lastbilsförare", "yrkesförare godstrafik"}},
		{"math distance", []string{"math distance", "matematik distans", "matte distans", "matematik online",
			"matematik nätbaserad", "matematik webbaserad"}},
		{"lastbilschaufför", []string{"lastbilschaufför", "yrkesförare godstrafik"}},
		{"truck", []string{"truck"}},
		{"svenska distans", []string{"svenska distans", "svenska online", "svenska nätbaserad", "svenska webbaserad", "svenska nätet"}},
	} {
		var got []string
		for _, v := range parse(tc.query).variants {
			got = append(got, strings.Join(v, " "))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("parse(%q) = %q, want %q", tc.query, got, tc.want)
		}
	}
}
