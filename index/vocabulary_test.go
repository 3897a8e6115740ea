package index

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"kurskatalog/data/catalog"
)

var update = flag.Bool("update", false, "rewrite generated files (data/search/vocabulary.txt)")

const vocabularyPath = "../data/search/vocabulary.txt"

// vocabulary lists the words of the offerings' Swedish titles, keywords,
// descriptions, providers and towns: the catalogue's own vocabulary, which
// the compound dictionary is seeded with.
func vocabulary(offerings []catalog.Offering) string {
	seen := map[string]bool{}
	add := func(text string) {
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if utf8.RuneCountInString(w) >= minHead && !swedishStop[w] {
				seen[w] = true
			}
		}
	}
	for i := range offerings {
		o := &offerings[i]
		if !slices.Equal(o.Languages, []string{"eng"}) { // an English-only course has English texts
			add(o.Title)
			add(o.DescriptionText())
		}
		for _, k := range o.Keywords {
			add(k)
		}
		add(o.Provider.Name)
		for _, t := range o.Towns {
			add(t)
		}
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	slices.Sort(words)
	return "# The catalogue's own vocabulary: the words of the bundled snapshot's titles,\n" +
		"# keywords, descriptions, providers and towns. Generated; do not edit (add words to words.txt):\n" +
		"#\n#     go test ./index -run TestVocabulary -update\n" + strings.Join(words, "\n") + "\n"
}

func TestVocabulary(t *testing.T) {
	got := vocabulary(loadSnapshot(t))
	if *update {
		if err := os.WriteFile(vocabularyPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(vocabularyPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("%s is not the snapshot's vocabulary; run go test ./index -run TestVocabulary -update", vocabularyPath)
	}
}
