package index

import (
	"slices"
	"strings"
	"testing"
)

func TestSynonymsExpand(t *testing.T) {
	th, err := parseSynonyms(`
# comment
lastbilschaufför, lastbilsförare => yrkesförare godstrafik
sfi, svenska för invandrare
distans, online`)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"lastbilschaufför östersund", []string{"lastbilschaufför östersund", "yrkesförare godstrafik östersund"}},
		{"lastbilschaufförer", []string{"lastbilschaufförer", "yrkesförare godstrafik"}}, // by the stem
		{"lastbilsforare", []string{"lastbilsforare", "yrkesförare godstrafik"}},         // without diacritics
		{"svenska invandrare", []string{"svenska invandrare", "sfi"}},                    // stop words aside
		{"sfi distans", []string{"sfi distans", "svenska invandrare distans", "sfi online"}},
		{"yrkesförare", []string{"yrkesförare"}}, // one way only
	} {
		var got []string
		for _, v := range th.expand(withoutStopWords(queryWords(tc.query))) {
			got = append(got, strings.Join(v, " "))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("expand(%q) = %q, want %q", tc.query, got, tc.want)
		}
	}
}

func TestSynonymsRejectMalformedLines(t *testing.T) {
	for _, text := range []string{"ensam", "=> yrkesförare", "lastbil =>", " , "} {
		if _, err := parseSynonyms(text); err == nil {
			t.Errorf("%q: no error", text)
		}
	}
}

// The embedded lists parse, and optional words only rank.
func TestEmbeddedWordLists(t *testing.T) {
	if len(synonyms().rules) < 50 {
		t.Errorf("%d synonym rules", len(synonyms().rules))
	}
	for _, w := range []string{"kurs", "kurser", "utbildningen", "for", "the"} {
		if !isOptional(w) {
			t.Errorf("%q is not optional", w)
		}
	}
	for _, w := range []string{"spanska", "undersköterska"} {
		if isOptional(w) {
			t.Errorf("%q is optional", w)
		}
	}
	if got := required([]string{"kurs", "spanska"}); !slices.Equal(got, []string{"spanska"}) {
		t.Errorf("required = %q", got)
	}
	if got := required([]string{"kurser"}); !slices.Equal(got, []string{"kurser"}) {
		t.Errorf("optional words alone: required = %q", got)
	}
}
