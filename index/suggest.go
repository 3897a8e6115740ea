package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// Suggest completes what a user is typing: offering titles, providers and
// municipality names that start with prefix, or have a word that does
// ("inv" completes "Svenska för invandrare"). Case and diacritics do not
// matter. Only what leads to offerings that are not over on day today is
// suggested (zero: the real today). Completions of the whole text come
// first, then by the number of offerings they lead to.
func (ix *Index) Suggest(ctx context.Context, prefix string, limit int, today time.Time) ([]catalog.Suggestion, error) {
	c, err := ix.suggest.get(ctx, ix)
	if err != nil {
		return nil, err
	}
	if today.IsZero() {
		y, m, d := time.Now().In(catalog.Stockholm).Date()
		today = time.Date(y, m, d, 0, 0, 0, 0, catalog.Stockholm)
	}
	return c.lookup(prefix, limit, today), nil
}

// suggestion is a completion and the offerings it leads to, so that it is
// counted on the day asked for as a search counts: the courses with an
// intake that is current then. One without offerings is not dated: its
// Count stands.
type suggestion struct {
	catalog.Suggestion
	intakes []*intakeRef
}

// intakeRef is an offering as suggestions count it: its course and dates.
// The suggestions of one offering share it.
type intakeRef struct {
	course string
	timing timing
}

// count is the number of courses s leads to with an intake that is
// current on today (catalog.IsCurrent).
func (s *suggestion) count(today time.Time) int {
	if len(s.intakes) == 0 {
		return s.Count
	}
	courses := map[string]bool{}
	for _, in := range s.intakes {
		t := in.timing
		o := catalog.Offering{Start: t.start, End: t.end, ApplicationFirst: t.first, ApplicationLast: t.last, RollingStart: t.rolling}
		if catalog.IsCurrent(&o, today) {
			courses[in.course] = true
		}
	}
	return len(courses)
}

// suggestionSources feed the completions. Another kind is one more
// function here.
var suggestionSources = []func(context.Context, *Index) ([]suggestion, error){
	offeringSuggestions,
}

// suggestions holds the completions, built from the index when first asked
// for after a change.
type suggestions struct {
	mu    sync.Mutex
	built *completions // nil when stale
}

func (s *suggestions) invalidate() {
	s.mu.Lock()
	s.built = nil
	s.mu.Unlock()
}

func (s *suggestions) get(ctx context.Context, ix *Index) (*completions, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.built != nil {
		return s.built, nil
	}
	var all []suggestion
	for _, src := range suggestionSources {
		items, err := src(ctx, ix)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
	}
	s.built = newCompletions(all)
	return s.built, nil
}

// offeringSuggestions lists the titles, providers and municipalities of the
// offerings that are not cancelled.
func offeringSuggestions(ctx context.Context, ix *Index) ([]suggestion, error) {
	type key struct{ kind, text string }
	found := map[key]*suggestion{}
	add := func(kind, text, value string, in *intakeRef) {
		k := key{kind, text}
		s, ok := found[k]
		if !ok {
			s = &suggestion{Suggestion: catalog.Suggestion{Text: text, Kind: kind, Value: value}}
			found[k] = s
		}
		s.intakes = append(s.intakes, in)
	}
	notCancelled := bleve.NewBooleanQuery()
	notCancelled.AddMust(bleve.NewMatchAllQuery())
	cancelled := bleve.NewBoolFieldQuery(true)
	cancelled.SetField(fieldCancelled)
	notCancelled.AddMustNot(cancelled)
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(notCancelled, 1000, 0, false)
		req.SortBy([]string{"_id"})
		req.Fields = []string{fieldTitle, fieldProvider, catalog.FacetMunicipality, catalog.FacetOccupation, fieldTiming}
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := ix.bleve.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: suggestions: %w", err)
		}
		for _, h := range res.Hits {
			stored, _ := h.Fields[fieldTiming].(string)
			o := parseTiming(stored)
			o.ID, o.Title = h.ID, strings.Join(fieldStrings(h.Fields[fieldTitle]), " ")
			o.Provider.Name = strings.Join(fieldStrings(h.Fields[fieldProvider]), " ")
			in := &intakeRef{course: catalog.CourseKey(&o), timing: timingOf(&o)}
			for _, t := range fieldStrings(h.Fields[fieldTitle]) {
				add(catalog.SuggestTitle, t, "", in)
			}
			for _, p := range fieldStrings(h.Fields[fieldProvider]) {
				add(catalog.SuggestProvider, p, "", in)
			}
			for _, code := range fieldStrings(h.Fields[catalog.FacetMunicipality]) {
				if name, ok := data.MunicipalityName(code); ok {
					add(catalog.SuggestMunicipality, name, code, in)
				}
			}
			if ix.occupationName != nil {
				for _, code := range fieldStrings(h.Fields[catalog.FacetOccupation]) {
					if name := ix.occupationName(code); name != "" {
						add(catalog.SuggestOccupation, name, code, in)
					}
				}
			}
		}
		if len(res.Hits) < 1000 {
			break
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
	out := make([]suggestion, 0, len(found))
	for _, s := range found {
		out = append(out, *s)
	}
	return out, nil
}

// fieldStrings reads a stored field, which Bleve returns as a string or,
// for several values, a slice.
func fieldStrings(v any) []string {
	switch v := v.(type) {
	case string:
		if s := strings.TrimSpace(v); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, fieldStrings(x)...)
		}
		return out
	}
	return nil
}

// completions is a sorted list of keys: every suggestion's normalised text
// from the start and from each later word, so that a prefix is found by
// binary search.
type completions struct {
	items []suggestion
	keys  []completionKey
}

type completionKey struct {
	key   string
	item  int
	whole bool // the key is the whole text, not a later word of it
}

func newCompletions(items []suggestion) *completions {
	// One suggestion per kind and normalised text: "Allmän kurs" and
	// "Allmän  kurs " are one, with their offerings added.
	merged := map[[2]string]int{}
	c := &completions{}
	for _, it := range items {
		k := [2]string{it.Kind, normalise(it.Text)}
		if k[1] == "" {
			continue
		}
		if i, ok := merged[k]; ok {
			c.items[i].Count += it.Count
			c.items[i].intakes = append(c.items[i].intakes, it.intakes...)
			continue
		}
		merged[k] = len(c.items)
		c.items = append(c.items, it)
	}
	for i, it := range c.items {
		text := normalise(it.Text)
		c.keys = append(c.keys, completionKey{text, i, true})
		for j := 1; j < len(text); j++ {
			if text[j-1] == ' ' {
				c.keys = append(c.keys, completionKey{text[j:], i, false})
			}
		}
	}
	slices.SortFunc(c.keys, func(a, b completionKey) int { return strings.Compare(a.key, b.key) })
	return c
}

// maxCandidates bounds the work of a one-letter prefix.
const maxCandidates = 2000

func (c *completions) lookup(prefix string, limit int, today time.Time) []catalog.Suggestion {
	p := normalise(prefix)
	if p == "" || limit <= 0 {
		return []catalog.Suggestion{}
	}
	start, _ := slices.BinarySearchFunc(c.keys, p, func(k completionKey, p string) int { return strings.Compare(k.key, p) })
	whole := map[int]bool{}
	count := map[int]int{}
	var found []int
	for i := start; i < len(c.keys) && strings.HasPrefix(c.keys[i].key, p) && len(found) < maxCandidates; i++ {
		k := c.keys[i]
		if _, seen := count[k.item]; !seen {
			count[k.item] = c.items[k.item].count(today)
			if count[k.item] > 0 {
				found = append(found, k.item)
			}
		}
		whole[k.item] = whole[k.item] || k.whole
	}
	slices.SortFunc(found, func(a, b int) int {
		x, y := c.items[a], c.items[b]
		if whole[a] != whole[b] {
			if whole[a] {
				return -1
			}
			return 1
		}
		return cmp.Or(count[b]-count[a], len(x.Text)-len(y.Text), strings.Compare(x.Text, y.Text), strings.Compare(x.Kind, y.Kind))
	})
	out := make([]catalog.Suggestion, 0, min(limit, len(found)))
	for _, i := range found[:min(limit, len(found))] {
		s := c.items[i].Suggestion
		s.Count = count[i]
		out = append(out, s)
	}
	return out
}

// normalise is how suggestions are compared: lower case, without
// diacritics, words separated by single spaces.
func normalise(s string) string {
	s = fold(strings.ToLower(s))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}
