package index

import (
	"slices"
	"strings"
	"testing"

	"kurskatalog/data/catalog"
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

// English queries find the Swedish courses they mean first, on the
// snapshot: each of the first hits has one of the titles.
func TestEnglishQueriesFindSwedishCourses(t *testing.T) {
	ix := snapshotIndex(t)
	titles := map[string]string{}
	for _, o := range loadSnapshot(t) {
		titles[o.ID] = o.Title
	}
	for _, tc := range []struct {
		q     string
		first int // how many of the first hits
		want  []string
	}{
		{"welding", 6, []string{"Svets grund", "Svetsare – MIG/MAG"}},
		{"welder", 6, []string{"Svets grund", "Svetsare – MIG/MAG"}},
		{"bus driver", 2, []string{"Bussförare med YKB"}},
		{"nurse", 3, []string{"Sjuksköterskeprogrammet"}},
		{"nurses", 3, []string{"Sjuksköterskeprogrammet"}},
		{"assistant nurse", 3, []string{"Vård- och omsorgsutbildning – undersköterska"}},
		{"truck driver", 3, []string{"Yrkesförare godstrafik – C/CE med YKB", "Yrkesförare godstrafik (lastbilschaufför)"}},
		{"electrician", 3, []string{"Elektriker"}},
		{"carpenter", 3, []string{"Träarbetare/snickare"}},
		{"swedish for immigrants", 3, []string{"Svenska för invandrare, kurs A", "Svenska för invandrare, kurs B",
			"Svenska för invandrare, kurs C", "Svenska för invandrare, kurs D"}},
	} {
		t.Run(tc.q, func(t *testing.T) {
			// As courses, the first is one of them; as intakes, the first few.
			res := find(t, ix, catalog.SearchQuery{Text: tc.q, IncludePast: true})
			if len(res.IDs) == 0 || !slices.Contains(tc.want, titles[res.IDs[0]]) {
				t.Errorf("%q: first course %v, want one of %q", tc.q, res.IDs, tc.want)
			}
			res = find(t, ix, catalog.SearchQuery{Text: tc.q, IncludePast: true, Group: catalog.GroupIntake})
			if len(res.IDs) < tc.first {
				t.Fatalf("%q: %d hits", tc.q, len(res.IDs))
			}
			for i, id := range res.IDs[:tc.first] {
				if !slices.Contains(tc.want, titles[id]) {
					t.Errorf("%q: hit %d is %q, want one of %q", tc.q, i+1, titles[id], tc.want)
				}
			}
		})
	}
}

// Swedish queries search as they did: none of the relevance set's queries
// that are not English gets a translation, so its query is the same.
func TestEnglishLeavesSwedishQueriesAlone(t *testing.T) {
	for _, q := range loadJudgements(t) {
		if q.Category == "english" {
			continue
		}
		got := parse(q.Q).variants
		want := synonyms().expand(withoutStopWords(queryWords(q.Q)))
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%q: variants %q, want %q", q.Q, got, want)
		}
	}
}
