package index

import (
	"crypto/sha256"
	"encoding/hex"
	"iter"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"

	"kurskatalog/data/search"
)

// The lexicon is the Swedish word knowledge of the search, read from the
// word lists in data/search: the dictionary that compounds are split with
// (part of the analysis, so a change rebuilds the index) and the synonyms
// and optional words that queries are expanded with (query time only).

var (
	swedishStemmer = sv.NewSwedishStemmerFilter()
	asciiFolder    = asciifolding.New()
	swedishStop    = tokenMap(sv.SwedishStopWords)
	englishStop    = tokenMap(en.EnglishStopWords)
)

func tokenMap(words []byte) analysis.TokenMap {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(words); err != nil {
		panic(err) // Bleve's own embedded lists
	}
	return m
}

// stem is the Swedish stem of a lower-case word: Snowball's, except that a
// noun in -are keeps its -ar (lärare, lärarna -> lärar), where Snowball
// would make the teacher the verb (lär, as in "du lär dig").
func stem(word string) string {
	if s, ok := agentStem(word); ok {
		return s
	}
	t := &analysis.Token{Term: []byte(word)}
	swedishStemmer.Filter(analysis.TokenStream{t})
	return string(t.Term)
}

// agentNouns are the word lists' nouns in -are, folded and not.
var agentNouns = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range append(wordLines(search.Words), wordLines(search.Vocabulary)...) {
		if strings.HasSuffix(w, "are") && utf8.RuneCountInString(w) >= 5 {
			m[w], m[fold(w)] = true, true
		}
	}
	return m
})

// agentStem stems an inflection of a noun in -are: lärare, läraren,
// lärarens, lärares, lärarna, lärarnas -> lärar.
func agentStem(word string) (string, bool) {
	for _, end := range []string{"arnas", "arens", "arna", "aren", "ares", "are"} {
		if rest, ok := strings.CutSuffix(word, end); ok {
			if agentNouns()[rest+"are"] {
				return rest + "ar", true
			}
			return "", false
		}
	}
	return "", false
}

// fold spells a word without diacritics: Östersund -> Ostersund, for people
// who type without å, ä and ö.
func fold(word string) string { return string(asciiFolder.Filter([]byte(word))) }

// wordLines returns the words of a list file: one a line, lower-cased,
// without comments and blank lines.
func wordLines(text string) []string {
	var out []string
	for _, line := range contentLines(text) {
		out = append(out, strings.ToLower(line))
	}
	return out
}

// contentLines visits the lines of a word list that say something, trimmed,
// with their line numbers: not blank, not a # comment.
func contentLines(text string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for n, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			if line != "" && !strings.HasPrefix(line, "#") && !yield(n+1, line) {
				return
			}
		}
	}
}

// lexiconVersion identifies the word lists the analysis depends on, so that
// editing them rebuilds the index like a change of MappingVersion does.
// synonyms.txt, optional.txt and english.txt are left out: they are read
// at query time only, and a new binary applies them without a rebuild.
var lexiconVersion = sync.OnceValue(func() string {
	h := sha256.Sum256([]byte(search.Words + "\x00" + search.Vocabulary))
	return hex.EncodeToString(h[:6])
})

// dictionaries returns the compound dictionary and its folded twin.
var dictionaries = sync.OnceValues(func() (*dictionary, *dictionary) {
	curated := wordLines(search.Words)
	words := append(curated, wordLines(search.Vocabulary)...)
	return newDictionary(words, curated, false), newDictionary(words, curated, true)
})

// Sizes of compounds and their parts, in letters.
const (
	minCompound = 6 // shorter words are not split
	minHead     = 3 // the last part
	minPart     = 2 // any other part (two-letter ones only from the curated list)
	maxDepth    = 3 // parts of parts of parts
)

// dictionary knows the words that compounds are made of.
type dictionary struct {
	folded bool
	// forms maps the shapes a word takes at the front of a compound to the
	// word: arbets -> arbete, undersköterske -> undersköterska.
	forms map[string]string
	// heads holds the words, and their stems, that may end a compound.
	heads map[string]bool
	// units holds the curated words, and their stems: they are never split,
	// because a person chose them as words (körkort is not kör + kort).
	units map[string]bool
	// cache remembers allParts: a catalogue repeats its words.
	cache  sync.Map // string -> []string
	cached atomic.Int64
}

// maxCached bounds the cache; beyond it words are split every time.
const maxCached = 200_000

func newDictionary(words, units []string, folded bool) *dictionary {
	d := &dictionary{folded: folded, forms: map[string]string{}, heads: map[string]bool{}, units: map[string]bool{}}
	norm := func(s string) string {
		if folded {
			return fold(s)
		}
		return s
	}
	for _, w := range units {
		d.units[norm(w)] = true
		d.units[norm(stem(w))] = true
	}
	// The words themselves first: a word is never read as another's form.
	for _, w := range words {
		if swedishStop[w] || utf8.RuneCountInString(w) < minPart {
			continue
		}
		d.forms[norm(w)] = norm(w)
		if utf8.RuneCountInString(w) >= minHead {
			d.heads[norm(w)] = true
			d.heads[norm(stem(w))] = true
		}
	}
	for _, w := range words {
		if swedishStop[w] || utf8.RuneCountInString(w) < minPart {
			continue
		}
		for _, f := range compoundForms(w) {
			if _, taken := d.forms[norm(f)]; !taken && utf8.RuneCountInString(f) >= minPart {
				d.forms[norm(f)] = norm(w)
			}
		}
	}
	return d
}

// compoundForms are the shapes word takes at the front of a compound, with
// Swedish linking letters: arbete -> arbets-, skola -> skol-,
// undersköterska -> undersköterske-, kvinna -> kvinno-, gata -> gatu-,
// lastbil -> lastbils-, lön -> löne-.
func compoundForms(word string) []string {
	forms := []string{word + "s"}
	r := []rune(word)
	base := string(r[:len(r)-1])
	switch r[len(r)-1] {
	case 'a':
		forms = append(forms, base, base+"e", base+"o", base+"u")
	case 'e':
		forms = append(forms, base, base+"s")
	case 'i', 'o', 'u', 'y', 'å', 'ä', 'ö':
	default:
		forms = append(forms, word+"e")
	}
	return forms
}

// inflections are the endings a word may carry at the end of a compound
// that its stem still has: programmet, utbildningarna.
var inflections = []string{"arna", "erna", "orna", "ens", "ets", "en", "et", "na", "ar", "er", "or", "n", "t", "s"}

// isHead reports whether s may end a compound: a known word, its stem, or
// either of those with an inflection.
func (d *dictionary) isHead(s string) bool {
	if utf8.RuneCountInString(s) < minHead {
		return false
	}
	if d.heads[s] || d.heads[stem(s)] {
		return true
	}
	known := func(w string) bool {
		return utf8.RuneCountInString(w) >= minHead && (d.heads[w] || d.heads[stem(w)])
	}
	for _, e := range inflections {
		w, ok := strings.CutSuffix(s, e)
		if !ok {
			continue
		}
		// A doubled last consonant is single in the word: programmet.
		if r := []rune(w); len(r) > 2 && r[len(r)-1] == r[len(r)-2] && known(string(r[:len(r)-1])) {
			return true
		}
		if known(w) {
			return true
		}
	}
	return false
}

// split returns the parts of the compound word: every part but the last as
// its dictionary word, the last as written. It returns nil when word is
// not made of known words. A word of the catalogue's vocabulary is still
// split when it is a compound (omsorgsutbildning -> omsorg, utbildning); a
// curated word is not.
func (d *dictionary) split(word string) []string {
	r := []rune(word)
	n := len(r)
	if n < minCompound || d.units[word] || d.units[stem(word)] {
		return nil
	}
	// parts[i] is the fewest parts that r[i:] splits into, 0 if none;
	// linked[i] how many of them are linking forms (arbets-, not arbete);
	// next[i] is where the first of them ends. Fewer parts win, then fewer
	// linking forms (kör|sång, not körs|ång), then a longer first part.
	parts := make([]int, n+1)
	linked := make([]int, n+1)
	next := make([]int, n+1)
	for i := n - minHead; i >= 0; i-- {
		if i > 0 && d.isHead(string(r[i:])) {
			parts[i], next[i] = 1, n
		}
		for j := n - minHead; j >= i+minPart; j-- {
			if parts[j] == 0 {
				continue
			}
			form := string(r[i:j])
			word, ok := d.forms[form]
			if !ok {
				continue
			}
			l := linked[j]
			if word != form {
				l++
			}
			if parts[i] == 0 || parts[j]+1 < parts[i] || (parts[j]+1 == parts[i] && l < linked[i]) {
				parts[i], linked[i], next[i] = parts[j]+1, l, j
			}
		}
	}
	if parts[0] < 2 {
		return nil
	}
	var out []string
	for i := 0; i < n; i = next[i] {
		if next[i] == n {
			out = append(out, string(r[i:]))
			break
		}
		out = append(out, d.forms[string(r[i:next[i]])])
	}
	return out
}

// allParts returns every part of word at every depth, without repeats:
// specialistundersköterska -> specialist, undersköterska. A course code's
// level (2a, 1b, 1a1) yields its number (2, 1), so that "matte 2" finds
// Matematik 2a.
func (d *dictionary) allParts(word string) []string {
	if p, ok := d.cache.Load(word); ok {
		return p.([]string)
	}
	p := d.findParts(word)
	if d.cached.Add(1) <= maxCached {
		d.cache.Store(word, p)
	}
	return p
}

func (d *dictionary) findParts(word string) []string {
	if n := courseLevel(word); n != "" {
		return []string{n}
	}
	var out []string
	var walk func(w string, depth int)
	walk = func(w string, depth int) {
		if depth > maxDepth {
			return
		}
		for _, p := range d.split(w) {
			if p != word && !slices.Contains(out, p) {
				out = append(out, p)
				walk(p, depth+1)
			}
		}
	}
	walk(word, 1)
	return out
}

// courseLevel returns the number of a course level like 2a, 1b or 1a1, or
// "" for anything else.
func courseLevel(word string) string {
	i := 0
	for i < len(word) && word[i] >= '0' && word[i] <= '9' {
		i++
	}
	if i == 0 || i == len(word) || word[i] < 'a' || word[i] > 'e' {
		return ""
	}
	for _, c := range word[i+1:] {
		if c < '0' || c > '9' {
			return ""
		}
	}
	return word[:i]
}
