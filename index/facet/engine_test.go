package facet

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
)

// national imports 3,000 generated national events through the EMIL3
// importer, once for all tests.
var national = sync.OnceValues(func() ([]catalog.Offering, error) {
	return emil3test.ImportNational(context.Background(), 7, 3000)
})

// today is the generated data's reference date, midnight in Sweden.
var today = time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm)

// testFacets are the catalog's facets plus a dated one with overlapping
// values, so that one key falls in several values.
var testFacets = append(Facets(catalog.Facets), Facet{
	Facet: catalog.Facet{Name: "deadline_within", Dated: true, Values: func(o *catalog.Offering, day time.Time) []string {
		var out []string
		for _, days := range []int{30, 90} {
			if !o.ApplicationLast.IsZero() && !o.ApplicationLast.Before(day) && o.ApplicationLast.Before(day.AddDate(0, 0, days)) {
				out = append(out, fmt.Sprint(days))
			}
		}
		return out
	}},
	Key: func(o *catalog.Offering) string { return Key(false, o.ApplicationLast) },
})

// naive answers queries by looking at every offering, with the catalog's
// own definitions: what the engine must agree with.
type naive struct {
	facets []Facet
	conds  []Condition
	offs   map[string]catalog.Offering
}

// valuesOf returns o's distinct values of facet f on day.
func valuesOf(f *Facet, o *catalog.Offering, day time.Time) []string {
	var out []string
	for _, v := range f.Values(o, day) {
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// failing returns the facet filters of q that o fails, or ok false when
// it fails the text, a condition or is cancelled.
func (n *naive) failing(q *catalog.SearchQuery, matches map[string]bool, o *catalog.Offering) (fails []int, ok bool) {
	if o.Cancelled || (matches != nil && !matches[o.ID]) {
		return nil, false
	}
	for _, c := range n.conds {
		if test, _ := c.Match(q); test != nil && !test(o) {
			return nil, false
		}
	}
	for fi := range n.facets {
		f := &n.facets[fi]
		values, day := q.Filters[f.Name], q.Today
		if f.Selected != nil {
			values, day = f.Selected(q)
		}
		if len(values) > 0 && !slices.ContainsFunc(valuesOf(f, o, day), func(v string) bool { return slices.Contains(values, v) }) {
			fails = append(fails, fi)
		}
	}
	return fails, true
}

// search returns the hits of q, and each facet counted over the offerings
// that fail no filter but its own.
func (n *naive) search(q catalog.SearchQuery, matches map[string]bool) ([]string, map[string][]catalog.FacetValue) {
	var hits []string
	counts := map[string]map[string]int{}
	for _, f := range n.facets {
		counts[f.Name] = map[string]int{}
	}
	counted := map[string]bool{} // facet, value and course (or offering) counted
	for id, o := range n.offs {
		fails, ok := n.failing(&q, matches, &o)
		if !ok || len(fails) > 1 {
			continue
		}
		if len(fails) == 0 {
			hits = append(hits, id)
		}
		unit := catalog.CourseKey(&o)
		if q.Group == catalog.GroupIntake {
			unit = id
		}
		for fi := range n.facets {
			if len(fails) == 0 || fails[0] == fi {
				for _, v := range valuesOf(&n.facets[fi], &o, q.Today) {
					if k := n.facets[fi].Name + "\x00" + v + "\x00" + unit; !counted[k] {
						counted[k] = true
						counts[n.facets[fi].Name][v]++
					}
				}
			}
		}
	}
	out := map[string][]catalog.FacetValue{}
	for _, f := range n.facets {
		list := []catalog.FacetValue{}
		for v, c := range counts[f.Name] {
			list = append(list, catalog.FacetValue{Value: v, Count: c})
		}
		slices.SortFunc(list, func(a, b catalog.FacetValue) int {
			if f.Order != nil { // display order; values it does not list first, by value
				return cmp.Or(cmp.Compare(slices.Index(f.Order, a.Value), slices.Index(f.Order, b.Value)), strings.Compare(a.Value, b.Value))
			}
			return cmp.Or(b.Count-a.Count, strings.Compare(a.Value, b.Value))
		})
		out[f.Name] = list
	}
	slices.Sort(hits)
	return hits, out
}

// order sorts hits the way index.Search does.
func (n *naive) order(hits []string, sort string) []string {
	type key struct {
		start, deadline, seen int64
		title, id             string
	}
	date := func(t time.Time) int64 {
		if t.IsZero() {
			return 1 << 62
		}
		return t.Unix()
	}
	keys := make([]key, len(hits))
	for i, id := range hits {
		o := n.offs[id]
		seen := int64(-1 << 62) // unknown: last, newest first
		if !o.Provenance.FirstSeen.IsZero() {
			seen = o.Provenance.FirstSeen.Unix()
		}
		keys[i] = key{date(o.Start), date(o.ApplicationLast), seen, strings.ToLower(o.Title), id}
	}
	slices.SortFunc(keys, func(x, y key) int {
		st, tt := cmp.Compare(x.start, y.start), strings.Compare(x.title, y.title)
		var c int
		switch sort {
		case catalog.SortDeadline:
			c = cmp.Or(cmp.Compare(x.deadline, y.deadline), st)
		case catalog.SortTitle:
			c = cmp.Or(tt, st)
		case catalog.SortNewest:
			c = cmp.Or(cmp.Compare(y.seen, x.seen), st)
		default:
			c = cmp.Or(st, tt)
		}
		return cmp.Or(c, strings.Compare(x.id, y.id))
	})
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.id
	}
	return out
}

// world is an engine and its naive twin, changed together.
type world struct {
	e    *Engine
	n    *naive
	r    *rand.Rand
	ids  []string           // every ID ever put, deleted ones included
	live []catalog.Offering // the live offerings by ID; nil after a change
}

func newWorld(t *testing.T, seed uint64) *world {
	t.Helper()
	offs, err := national()
	if err != nil {
		t.Fatal(err)
	}
	w := &world{r: rand.New(rand.NewPCG(seed, 1)), e: New(WithFacets(testFacets...)),
		n: &naive{facets: testFacets, conds: Conditions, offs: map[string]catalog.Offering{}}}
	offs = slices.Clone(offs)
	for i := range offs {
		offs[i].Provenance.FirstSeen = w.firstSeen()
	}
	w.put(offs...)
	return w
}

// firstSeen draws when the catalogue first saw an offering, often on
// the same second as others, sometimes never recorded.
func (w *world) firstSeen() time.Time {
	if w.r.IntN(8) == 0 {
		return time.Time{}
	}
	return today.Add(-time.Duration(w.r.IntN(2000)) * time.Hour)
}

func (w *world) put(offs ...catalog.Offering) {
	w.e.Put(offs...)
	w.live = nil
	for _, o := range offs {
		if _, ok := w.n.offs[o.ID]; !ok && !slices.Contains(w.ids, o.ID) {
			w.ids = append(w.ids, o.ID)
		}
		w.n.offs[o.ID] = o
	}
}

func (w *world) delete(ids ...string) {
	w.e.Delete(ids...)
	w.live = nil
	for _, id := range ids {
		delete(w.n.offs, id)
	}
}

// sorted returns the live offerings by ID, for repeatable draws.
func (w *world) sorted() []catalog.Offering {
	if w.live == nil {
		for _, o := range w.n.offs {
			w.live = append(w.live, o)
		}
		slices.SortFunc(w.live, func(a, b catalog.Offering) int { return strings.Compare(a.ID, b.ID) })
	}
	return w.live
}

// mutate applies a random batch of puts and then deletes: changed values
// (several municipalities and languages included), cancellations, new
// offerings, deletions and offerings that come back. A batch may name an
// ID twice; the last write wins in both.
func (w *world) mutate(size int) {
	live := w.sorted()
	var puts []catalog.Offering
	var dels []string
	for range size {
		id := w.ids[w.r.IntN(len(w.ids))]
		o, alive := w.n.offs[id]
		switch op := w.r.IntN(10); {
		case !alive:
			o = live[w.r.IntN(len(live))] // comes back with another's values
			o.ID = id
			puts = append(puts, w.change(o))
		case op < 3:
			dels = append(dels, id)
		case op < 5:
			o.ID = fmt.Sprintf("%s.copy%d", id, w.r.IntN(1000))
			puts = append(puts, w.change(o))
		default:
			puts = append(puts, w.change(o))
		}
	}
	w.put(puts...)
	w.delete(dels...)
}

func (w *world) change(o catalog.Offering) catalog.Offering {
	pick := func(vs ...string) string { return vs[w.r.IntN(len(vs))] }
	day := func() time.Time { return today.AddDate(0, 0, w.r.IntN(400)-150) }
	switch w.r.IntN(10) {
	case 0:
		o.Municipalities = append(slices.Clone(o.Municipalities), pick("2380", "0180", "1480", "9999"))
	case 1:
		o.Municipalities = nil
	case 2:
		o.Mode = catalog.Mode(pick("onsite", "online", "blended"))
		o.MandatorySessions = w.r.IntN(4)
		o.Pace = []int{0, 25, 50, 100}[w.r.IntN(4)]
	case 3:
		o.Cancelled = !o.Cancelled
	case 4:
		o.Start, o.End = day(), time.Time{}
		if w.r.IntN(2) == 0 {
			o.End = o.Start.AddDate(0, 4, 0)
		}
		if w.r.IntN(5) == 0 {
			o.Start = time.Time{}
		}
		o.RollingStart = w.r.IntN(4) == 0
	case 5:
		o.ApplicationFirst, o.ApplicationLast = day(), day()
	case 6:
		o.Languages = []string{pick("swe", "eng"), pick("nor", "ENG", "ara", "")}
	case 7:
		o.Title = pick("Svenska 1", "svenska 1", "Matematik", "Ö-kurs", o.Title+" X")
	case 8:
		o.Provenance.FirstSeen = w.firstSeen()
	default:
		o.SchoolType = pick("HS", "YH", "", "NEW")
		o.StudentAid = pick("", "ja", "nej", "A 1")
	}
	return o
}

// query draws a random query: a few facet filters with values that exist
// (and sometimes one that does not), sometimes conditions, sometimes a
// text match set.
func (w *world) query() (catalog.SearchQuery, map[string]bool) {
	offs := w.sorted()
	q := catalog.SearchQuery{Filters: map[string][]string{}, Today: today.AddDate(0, 0, 30*(w.r.IntN(5)-2)),
		IncludePast: w.r.IntN(3) == 0, Group: []string{catalog.GroupCourse, catalog.GroupIntake}[w.r.IntN(2)]}
	for fi := range w.n.facets {
		f := &w.n.facets[fi]
		if w.r.IntN(6) != 0 || f.Selected != nil {
			continue
		}
		var vs []string
		for range 1 + w.r.IntN(3) {
			o := offs[w.r.IntN(len(offs))]
			if all := valuesOf(f, &o, q.Today); len(all) > 0 {
				vs = append(vs, all[w.r.IntN(len(all))])
			}
		}
		if w.r.IntN(10) == 0 {
			vs = append(vs, "nonexistent")
		}
		q.Filters[f.Name] = vs
	}
	switch w.r.IntN(6) {
	case 0:
		q.ApplicationOpen = q.Today.AddDate(0, 0, w.r.IntN(60))
	case 1:
		q.Filters[catalog.FacetApplicationOpen] = []string{catalog.ApplicationIsOpen}
	}
	if w.r.IntN(4) == 0 {
		q.StartFrom = today.AddDate(0, 0, w.r.IntN(200)-50)
		if w.r.IntN(2) == 0 {
			q.StartTo = q.StartFrom.AddDate(0, 0, w.r.IntN(120))
		}
	}
	if w.r.IntN(6) == 0 {
		b := w.r.IntN(2) == 0
		q.RollingStart = &b
	}
	if w.r.IntN(6) == 0 {
		n := w.r.IntN(3)
		q.MaxMandatorySessions = &n
	}
	var matches map[string]bool
	if w.r.IntN(2) == 0 {
		matches = map[string]bool{}
		p := []float64{0.001, 0.02, 0.3, 0.9}[w.r.IntN(4)]
		for _, o := range offs {
			if w.r.Float64() < p {
				matches[o.ID] = true
			}
		}
	}
	return q, matches
}

// check compares the engine with the naive model on n random queries, with
// each counting strategy.
func (w *world) check(t *testing.T, n int) {
	t.Helper()
	defer func() { strategy = 0 }()
	for i := range n {
		q, matches := w.query()
		snap := w.e.Snapshot()
		var mb *roaring.Bitmap
		if matches != nil {
			ids := make([]string, 0, len(matches))
			for id := range matches {
				ids = append(ids, id)
			}
			mb = snap.Docs(ids)
		}
		wantHits, wantCounts := w.n.search(q, matches)
		for _, s := range []int{chooseScan, chooseIntersect, 0} {
			strategy = s
			hits, counts := snap.Search(q, mb)
			got := snap.IDs(hits)
			slices.Sort(got)
			if !slices.Equal(got, wantHits) {
				t.Fatalf("query %d %+v (strategy %d): %d hits, want %d", i, q, s, len(got), len(wantHits))
			}
			for name, want := range wantCounts {
				if !slices.Equal(counts[name], want) {
					t.Fatalf("query %d %+v (strategy %d): facet %s\n got %v\nwant %v", i, q, s, name, counts[name], want)
				}
			}
			if len(counts) != len(wantCounts) {
				t.Fatalf("query %d: %d facets, want %d", i, len(counts), len(wantCounts))
			}
		}
		strategy = 0
		if c := snap.Counts(q, mb); !equalCounts(c, wantCounts) {
			t.Fatalf("query %d: Counts differs from Search", i)
		}
		filtered := snap.Filter(q, mb)
		if got := snap.IDs(filtered); len(got) != len(wantHits) {
			t.Fatalf("query %d: Filter has %d hits, want %d", i, len(got), len(wantHits))
		}
		hits, _ := snap.Search(q, mb)
		for _, sort := range []string{catalog.SortStart, catalog.SortDeadline, catalog.SortTitle, catalog.SortNewest, catalog.SortRelevance} {
			ordered := w.n.order(wantHits, sort)
			for _, from := range []int{0, 20, w.r.IntN(len(wantHits) + 1)} {
				size := 1 + w.r.IntN(30)
				got, want := snap.Page(hits, sort, from, size), ordered[min(from, len(ordered)):min(from+size, len(ordered))]
				if len(want) == 0 {
					want = nil
				}
				if !slices.Equal(got, want) {
					t.Fatalf("query %d %+v: page %s from %d size %d\n got %v\nwant %v", i, q, sort, from, size, got, want)
				}
			}
		}
	}
}

func equalCounts(a, b map[string][]catalog.FacetValue) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func TestSearchAgreesWithNaive(t *testing.T) {
	w := newWorld(t, 1)
	w.check(t, 100)
}

func TestSearchAfterPutsAndDeletes(t *testing.T) {
	w := newWorld(t, 2)
	gen := w.e.Snapshot().gen
	for range 12 {
		w.mutate(1 + w.r.IntN(400))
		w.check(t, 10)
	}
	// Enough deletions to compact into a new generation of doc numbers.
	live := w.sorted()
	var dels []string
	for _, o := range live[:len(live)/2] {
		dels = append(dels, o.ID)
	}
	w.delete(dels...)
	if w.e.Snapshot().gen == gen {
		t.Fatal("deleting half the offerings did not compact")
	}
	w.check(t, 20)
	w.mutate(300)
	w.check(t, 20)
	checkColumnOnly(t, w.e.Snapshot())
}

// checkColumnOnly checks that the course dim keeps its column and no
// bitmaps: nothing asks for a course's docs by bitmap (byCourse lists
// them), and tens of thousands of small bitmaps cost every collection.
func checkColumnOnly(t *testing.T, s *Snapshot) {
	t.Helper()
	if d := s.own(courseDim); len(d.values) == 0 || len(d.bitmaps) != 0 {
		t.Errorf("the course dim has %d values and %d bitmaps, want values and no bitmaps", len(d.values), len(d.bitmaps))
	}
}

// TestConcurrentReadersAndWriter searches while offerings change; run it
// with -race. Every reader sees whole writes: a snapshot's total never
// exceeds what some write published.
func TestConcurrentReadersAndWriter(t *testing.T) {
	offs, err := national()
	if err != nil {
		t.Fatal(err)
	}
	e := New()
	e.Put(offs[:1000]...)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for r := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := catalog.SearchQuery{Today: today, Filters: map[string][]string{}}
			if r == 1 {
				q.Filters[catalog.FacetMode] = []string{"online"}
			}
			for {
				select {
				case <-stop:
					return
				default:
				}
				s := e.Snapshot()
				hits, counts := s.Search(q, nil)
				s.Page(hits, catalog.SortTitle, 0, 20)
				if n := int(hits.GetCardinality()); n > len(offs) {
					t.Errorf("%d hits of %d offerings", n, len(offs))
				}
				_ = counts
			}
		}()
	}
	for i := 0; i < 30; i++ {
		lo := (i * 97) % 2000
		e.Put(offs[lo : lo+500]...)
		e.Delete(offs[(i*31)%2900].ID, offs[(i*57)%2900].ID)
	}
	close(stop)
	wg.Wait()
}

// TestSnapshotIsolation checks that writes never change a snapshot that
// was taken before them: its answers stay the same through changes,
// deletions and a compaction.
func TestSnapshotIsolation(t *testing.T) {
	w := newWorld(t, 3)
	type answer struct {
		hits   []string
		counts map[string][]catalog.FacetValue
		page   []string
	}
	ask := func(s *Snapshot, q catalog.SearchQuery) answer {
		hits, counts := s.Search(q, nil)
		return answer{s.IDs(hits), counts, s.Page(hits, catalog.SortTitle, 0, 50)}
	}
	old := w.e.Snapshot()
	var qs []catalog.SearchQuery
	var before []answer
	for range 20 {
		q, _ := w.query()
		qs = append(qs, q)
		before = append(before, ask(old, q))
	}
	for range 5 {
		w.mutate(500)
	}
	var dels []string
	for _, o := range w.sorted()[:len(w.n.offs)/2] {
		dels = append(dels, o.ID)
	}
	w.delete(dels...)
	for i, q := range qs {
		after := ask(old, q)
		if !slices.Equal(after.hits, before[i].hits) || !equalCounts(after.counts, before[i].counts) || !slices.Equal(after.page, before[i].page) {
			t.Fatalf("query %d %+v: the old snapshot's answer changed", i, q)
		}
	}
}

// Each walk of the leads starts with no course seen: the sets of courses
// seen are kept between calls (bitsets), and one still holding an
// earlier walk's courses would pass over their leads.
func TestLeadsStartAfresh(t *testing.T) {
	s := newWorld(t, 3).e.Snapshot()
	walk := func() []uint32 {
		return s.Leads(s.InOrder(s.visible, catalog.SortStart), s.visible, true, 20)
	}
	first := walk()
	if len(first) == 0 {
		t.Fatal("no leads")
	}
	for range 3 {
		if again := walk(); !slices.Equal(again, first) {
			t.Fatalf("walked again: %v, first %v", again, first)
		}
	}
	if n := s.Courses(s.visible); n != s.Courses(s.visible) || n == 0 {
		t.Errorf("the courses counted twice differ, or are none: %d", n)
	}
}
