package index

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/index/internal/pack"
)

// Suggest completes what a user is typing: offering titles, providers and
// municipality names that start with prefix, or have a word that does
// ("inv" completes "Svenska för invandrare"). Case and diacritics do not
// matter. Only what leads to offerings that are not over on day today is
// suggested (zero: the real today). Completions of the whole text come
// first, then by the number of offerings they lead to.
func (ix *Index) Suggest(ctx context.Context, prefix string, limit int, today time.Time) ([]catalog.Suggestion, error) {
	c := ix.suggest.get(ix)
	if today.IsZero() {
		today = catalog.Day(time.Now())
	}
	return c.lookup(prefix, limit, today), nil
}

// Prime makes what the first requests after a start would otherwise make
// while their users wait, and every request behind them: the completions
// and their counts on today, the hits and counts of the front page (every
// offering, with the snapshot's course order), and the map of Bleve's
// segments to the engine's docs (warm).
func (ix *Index) Prime(ctx context.Context, today time.Time) error {
	day := catalog.Day(today)
	// The completions are made from the suggestions' entries alone: on
	// the other core while the segments are warmed and the search runs.
	var wg sync.WaitGroup
	wg.Go(func() { ix.suggest.get(ix).countsOn(day) })
	ix.warming.Wait()
	_, err := ix.Search(ctx, catalog.SearchQuery{Today: day, Page: 1, PerPage: 20})
	wg.Wait()
	return err
}

// suggestion is a completion and the offerings it leads to, so that it is
// counted on the day asked for as a search counts: the courses with an
// intake that is current then. One without offerings is not dated: its
// Count stands.
type suggestion struct {
	catalog.Suggestion
	intakes []int32 // the entries' places in the list the suggestions are made of
}

// intakeRef is an offering as suggestions count it: its course (of the
// interner's strings), and the last second it is current
// (catalog.IsCurrent), noEnd when it stays current. The suggestions of one
// offering share it. Numbers, not a string and a time.Time: a national
// catalogue keeps 270,000 in its entries and as many in the
// completions, and each pointer among them is one more for the collector
// to follow at every cycle.
type intakeRef struct {
	course int32
	until  int64 // Unix seconds
}

// noEnd is the until of an intake that stays current.
const noEnd = math.MaxInt64

// currentUntil is the last second on which o is current: catalog.IsCurrent
// holds on a day exactly when the day does not begin after it.
func currentUntil(o *catalog.Offering) int64 {
	until := o.Start
	if o.RollingStart || o.Start.IsZero() {
		until = o.End
	}
	if last := o.ApplicationLast; !last.IsZero() && (until.IsZero() || last.Before(until)) {
		until = last
	}
	return unixOrNoEnd(until)
}

// unixOrNoEnd is t in Unix seconds, and noEnd for the zero time.
func unixOrNoEnd(t time.Time) int64 {
	if t.IsZero() {
		return noEnd
	}
	return t.Unix()
}

// current reports whether the intake is current on day today, a day's
// start: in whole seconds, as until is.
func (in *intakeRef) current(today time.Time) bool {
	return in.until >= today.Unix()
}

// suggestions holds the completions. What each offering suggests is kept
// as offerings are written (entries, a few hundred bytes each), and the
// completions are built from it on the first suggestion after a change:
// a build reads memory only, not the index. At national size a build takes
// a second or more; while one request builds, the others are answered from
// the completions before the change rather than waiting for it.
type suggestions struct {
	mu      sync.Mutex
	entries *entryTable   // by offering ID; cancelled ones left out; nil: none
	shared  *interner     // the entries' repeated strings and lists
	built   *completions  // the latest built, nil before the first
	changed uint64        // raised by every change of entries
	builtAt uint64        // changed when built was made
	done    chan struct{} // closed when the build under way ends; nil: none
}

// suggestEntry is what one offering suggests: its title and provider (of
// the interner's strings) and its lists of municipalities and occupations
// (of its lists), numbered, and its intake. Numbers rather than strings and
// lists: a national catalogue keeps 270,000 entries, once 104 bytes of
// pointers each, now 32 bytes without a pointer (see entryTable).
type suggestEntry struct {
	title, provider             int32
	municipalities, occupations int32
	in                          intakeRef
}

func (s *suggestions) invalidate() {
	s.mu.Lock()
	s.changed++
	s.mu.Unlock()
}

// put records what offerings suggest, replacing what they did.
func (s *suggestions) put(offerings []catalog.Offering) {
	municipality, _ := catalog.FacetNamed(catalog.FacetMunicipality)
	occupation, _ := catalog.FacetNamed(catalog.FacetOccupation)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changed++
	if s.entries == nil {
		s.entries = newEntryTable(len(offerings))
	}
	if s.shared == nil {
		s.shared = newInterner()
	}
	in := s.shared
	for i := range offerings {
		o := &offerings[i]
		if o.Cancelled {
			s.entries.remove(o.ID)
			continue
		}
		s.entries.set(o.ID, suggestEntry{title: in.of(strings.TrimSpace(o.Title)), provider: in.of(strings.TrimSpace(o.Provider.Name)),
			municipalities: in.listOf(municipality.Values(o, time.Time{})), occupations: in.listOf(occupation.Values(o, time.Time{})),
			in: intakeRef{course: in.of(catalog.CourseKey(o)), until: currentUntil(o)}})
	}
}

// packKeys moves the entries' ids, made one allocation each as the
// offerings were decoded, into one (see pack): a start that reads the
// store keeps them for as long as it runs.
func (s *suggestions) packKeys() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries != nil {
		s.entries.ids = pack.Strings(s.entries.ids)
	}
}

// interner numbers the entries' strings and lists of strings, each once:
// of a national catalogue's 270,000 offerings most share their
// title with others, and nearly all their course, their provider and
// their list of municipalities. What removed offerings held stays until
// the entries are made anew (reset, or a start).
type interner struct {
	numbered
	strs  map[string]int32
	lists map[string]int32 // by the strings joined with a zero byte
}

// numbered is the interner's strings and lists by number. They are
// numbered in the order they came and only grow, so a copy taken under
// the suggestions' lock reads the numbers given until then while later
// ones are added.
type numbered struct {
	str  []string   // 0 is ""
	list [][]string // 0 is the empty list
}

func newInterner() *interner {
	return &interner{numbered: numbered{str: []string{""}, list: [][]string{nil}},
		strs: map[string]int32{"": 0}, lists: map[string]int32{}}
}

// shared returns the string equal to s that the interner keeps.
func (in *interner) shared(s string) string { return in.str[in.of(s)] }

// of returns the number of s.
func (in *interner) of(s string) int32 {
	if n, ok := in.strs[s]; ok {
		return n
	}
	n := int32(len(in.str))
	in.strs[s] = n
	in.str = append(in.str, s)
	return n
}

// listOf returns the number of the list vs.
func (in *interner) listOf(vs []string) int32 {
	if len(vs) == 0 {
		return 0
	}
	key := strings.Join(vs, "\x00")
	if n, ok := in.lists[key]; ok {
		return n
	}
	out := make([]string, len(vs)) // vs may be an offering's own
	for i, v := range vs {
		out[i] = in.shared(v)
	}
	n := int32(len(in.list))
	in.lists[key] = n
	in.list = append(in.list, out)
	return n
}

// saved returns the entries as SaveFacets writes them, entriesPerValue
// to a part.
func (s *suggestions) saved() ([]*savedEntries, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*savedEntries
	for id, e := range s.entries.all() {
		if len(out) == 0 || len(out[len(out)-1].ID) == entriesPerValue {
			out = append(out, &savedEntries{})
		}
		if err := out[len(out)-1].add(id, &e, s.shared); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// load replaces the entries with saved ones, whose strings in shares.
func (s *suggestions) load(entries *entryTable, in *interner) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changed++
	s.entries, s.shared = entries, in
}

// remove forgets offerings; reset forgets all.
func (s *suggestions) remove(ids []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changed++
	for _, id := range ids {
		s.entries.remove(id)
	}
}

func (s *suggestions) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changed++
	s.entries, s.shared = nil, nil
}

// get returns the completions: up to date, or the ones before the latest
// changes while another request brings them up to date.
func (s *suggestions) get(ix *Index) *completions {
	s.mu.Lock()
	b, fresh, wait := s.built, s.builtAt == s.changed, s.done
	s.mu.Unlock()
	switch {
	case b != nil && (fresh || wait != nil):
		return b
	case wait != nil: // the first build, under way
		<-wait
	default:
		s.build(ix)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.built
}

// build makes the completions of the entries as they are now, unless a
// build is under way. The counts of the last day asked for are made with
// them, so that the next lookup does not make them.
func (s *suggestions) build(ix *Index) {
	s.mu.Lock()
	if s.done != nil {
		s.mu.Unlock()
		return
	}
	done := make(chan struct{})
	s.done = done
	// A copy, so that writes and lookups need not wait for the build.
	at, entries := s.changed, s.entries.values()
	var names numbered
	if s.shared != nil {
		names = s.shared.numbered
	}
	var day time.Time
	if s.built != nil {
		day = s.built.lastDay()
	}
	s.mu.Unlock()

	c := newCompletions(items(entries, names, ix.occupationName), entries)
	if !day.IsZero() {
		c.countsOn(day)
	}
	s.mu.Lock()
	s.built, s.builtAt, s.done = c, at, nil
	s.mu.Unlock()
	close(done)
}

// items lists the titles, providers, municipalities and occupations of the
// offerings, each with the intakes it leads to; names has their numbers,
// and occupationName names an SSYK group (nil: occupations are left out).
func items(entries []suggestEntry, names numbered, occupationName func(string) string) []suggestion {
	type key struct{ kind, text string }
	found := map[key]*suggestion{}
	add := func(kind, text, value string, in int32) {
		if text == "" {
			return
		}
		k := key{kind, text}
		sg, ok := found[k]
		if !ok {
			sg = &suggestion{Suggestion: catalog.Suggestion{Text: text, Kind: kind, Value: value}}
			found[k] = sg
		}
		sg.intakes = append(sg.intakes, in)
	}
	for n, e := range entries {
		in := int32(n)
		add(catalog.SuggestTitle, names.str[e.title], "", in)
		add(catalog.SuggestProvider, names.str[e.provider], "", in)
		for _, code := range names.list[e.municipalities] {
			if name, ok := data.MunicipalityName(code); ok {
				add(catalog.SuggestMunicipality, name, code, in)
			}
		}
		if occupationName != nil {
			for _, code := range names.list[e.occupations] {
				if name := occupationName(code); name != "" {
					add(catalog.SuggestOccupation, name, code, in)
				}
			}
		}
	}
	out := make([]suggestion, 0, len(found))
	for _, sg := range found {
		out = append(out, *sg)
	}
	// In a fixed order, so that of two texts that normalise alike the
	// same one is shown every time.
	slices.SortFunc(out, func(a, b suggestion) int {
		return cmp.Or(strings.Compare(a.Kind, b.Kind), strings.Compare(a.Text, b.Text))
	})
	return out
}

// completions is a sorted list of keys: every suggestion's normalised text
// from the start and from each later word, so that a prefix is found by
// binary search.
type completions struct {
	items []suggestion
	keys  []completionKey
	// refs are every item's intakes, once each; itemRefs the items'
	// intakes as places in refs, and course the refs' courses, numbered.
	refs     []intakeRef
	itemRefs [][]int32
	course   []int32
	// counts are the items' counts on day, computed for all items at
	// once on the first lookup of a day: a prefix of one letter has
	// thousands of candidates, some with thousands of intakes.
	mu     sync.Mutex
	day    time.Time
	counts []int
}

type completionKey struct {
	key   string
	item  int
	whole bool // the key is the whole text, not a later word of it
}

// newCompletions makes the completions of items, whose intakes are places
// in entries.
func newCompletions(items []suggestion, entries []suggestEntry) *completions {
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
	ref, courses := make([]int32, len(entries)), map[int32]int32{} // ref: entry -> place in refs + 1
	c.itemRefs = make([][]int32, len(c.items))
	for i, it := range c.items {
		for _, e := range it.intakes {
			n := ref[e] - 1
			if n < 0 {
				in := entries[e].in
				n = int32(len(c.refs))
				ref[e] = n + 1
				c.refs = append(c.refs, in)
				cn, ok := courses[in.course]
				if !ok {
					cn = int32(len(courses))
					courses[in.course] = cn
				}
				c.course = append(c.course, cn)
			}
			c.itemRefs[i] = append(c.itemRefs[i], n)
		}
		// Numbered now: a national catalogue's items held a million
		// pointers to them, which the collector marked at every cycle.
		c.items[i].intakes = nil
	}
	return c
}

// lastDay is the day the counts were last made for; zero: none yet.
func (c *completions) lastDay() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.day
}

// countsOn returns every item's count on today: the number of courses it
// leads to with an intake that is current then (catalog.IsCurrent). An
// item without intakes keeps its Count.
func (c *completions) countsOn(today time.Time) []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.counts != nil && c.day.Equal(today) {
		return c.counts
	}
	current := make([]bool, len(c.refs))
	courses := int32(0)
	for n, in := range c.refs {
		current[n] = in.current(today)
		courses = max(courses, c.course[n]+1)
	}
	counts := make([]int, len(c.items))
	seen := make([]int, courses) // item+1 that last counted the course
	for i, refs := range c.itemRefs {
		if len(refs) == 0 {
			counts[i] = c.items[i].Count
			continue
		}
		for _, n := range refs {
			if cn := c.course[n]; current[n] && seen[cn] != i+1 {
				seen[cn] = i + 1
				counts[i]++
			}
		}
	}
	c.day, c.counts = today, counts
	return counts
}

// maxCandidates bounds the work of a one-letter prefix.
const maxCandidates = 2000

func (c *completions) lookup(prefix string, limit int, today time.Time) []catalog.Suggestion {
	p := normalise(prefix)
	if p == "" || limit <= 0 {
		return []catalog.Suggestion{}
	}
	start, _ := slices.BinarySearchFunc(c.keys, p, func(k completionKey, p string) int { return strings.Compare(k.key, p) })
	count := c.countsOn(today)
	whole := map[int]bool{}
	var found []int
	for i := start; i < len(c.keys) && strings.HasPrefix(c.keys[i].key, p) && len(found) < maxCandidates; i++ {
		k := c.keys[i]
		if _, seen := whole[k.item]; !seen && count[k.item] > 0 {
			found = append(found, k.item)
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
