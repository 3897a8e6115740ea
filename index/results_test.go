package index

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/index/facet"
)

// Every field of a query but its order and page decides its hits, so each
// one must be in the key the kept results are found by: a field added to
// SearchQuery and left out of resultKey would serve one query's hits for
// another.
func TestResultKeyNamesEveryFilter(t *testing.T) {
	pageOnly := map[string]bool{"Sort": true, "Page": true, "PerPage": true}
	yes, two := true, 2
	set := map[string]any{
		"Text":                 "svenska",
		"Filters":              map[string][]string{catalog.FacetMode: {"online"}},
		"StartFrom":            day(2026, 1, 1),
		"StartTo":              day(2026, 6, 1),
		"ApplicationOpen":      day(2026, 3, 1),
		"RollingStart":         &yes,
		"MaxMandatorySessions": &two,
		"IncludeDistance":      true,
		"IncludePast":          true,
		"Group":                catalog.GroupIntake,
		"Today":                day(2026, 2, 1),
		"Sort":                 catalog.SortStart,
		"Page":                 3,
		"PerPage":              50,
	}
	base := catalog.SearchQuery{}
	typ := reflect.TypeOf(base)
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		v, ok := set[name]
		if !ok {
			t.Fatalf("SearchQuery.%s is new: give it a value here, and a place in resultKey unless it only orders or pages", name)
		}
		q := base
		reflect.ValueOf(&q).Elem().Field(i).Set(reflect.ValueOf(v))
		if same := resultKey(&q) == resultKey(&base); same != pageOnly[name] {
			t.Errorf("%s: key unchanged %v, want %v", name, same, pageOnly[name])
		}
	}
	// A pointer's value counts, not its address.
	a, b := true, true
	if resultKey(&catalog.SearchQuery{RollingStart: &a}) != resultKey(&catalog.SearchQuery{RollingStart: &b}) {
		t.Error("two pointers to true give two keys")
	}
}

// Queries whose fields read alike when run together still get their own
// keys: the key holds each string's length, and each filter's values.
func TestResultKeyKeepsQueriesApart(t *testing.T) {
	yes := true
	pairs := [][2]catalog.SearchQuery{
		{{Filters: map[string][]string{"municipality": {"2380 2361"}}}, {Filters: map[string][]string{"municipality": {"2380", "2361"}}}},
		{{Filters: map[string][]string{"mode": {}}}, {}},
		{{Text: "svenska", Filters: map[string][]string{"level": {"grund"}}}, {Text: "svenskalevel", Filters: map[string][]string{"": {"grund"}}}},
		{{Filters: map[string][]string{"municipality": {"2380"}, "mode": {"distans"}}}, {Filters: map[string][]string{"municipality": {"2380", "distans"}}}},
		{{RollingStart: &yes}, {IncludePast: true}},
		{{Group: catalog.GroupIntake}, {Text: catalog.GroupIntake}},
	}
	for _, p := range pairs {
		if resultKey(&p[0]) == resultKey(&p[1]) {
			t.Errorf("one key for %+v and %+v", p[0], p[1])
		}
	}
	// Filters in another order of the map are the same query.
	a := catalog.SearchQuery{Text: "undersköterska", Filters: map[string][]string{"municipality": {"2361"}, "mode": {"distans"}, "level": {"gymnasial"}}}
	for range 20 {
		b := catalog.SearchQuery{Text: "undersköterska", Filters: map[string][]string{"level": {"gymnasial"}, "mode": {"distans"}, "municipality": {"2361"}}}
		if resultKey(&a) != resultKey(&b) {
			t.Fatal("the same filters give two keys")
		}
	}
}

// A kept result lasts until the next write: a search after a put or a
// delete finds what was written, by words and by filters.
func TestResultsFollowWrites(t *testing.T) {
	ctx := context.Background()
	start := snapshotDay.AddDate(0, 1, 0)
	ix := newTestIndex(t, offering("a", "Svenska 1", "Grundläggande svenska", start))
	q := catalog.SearchQuery{Text: "svenska", Filters: map[string][]string{catalog.FacetMunicipality: {"2380"}}}
	if got := find(t, ix, q).Total; got != 1 {
		t.Fatalf("%d hits, want 1", got)
	}
	if err := ix.Put(ctx, []catalog.Offering{offering("b", "Svenska 2", "Fortsättning", start.AddDate(0, 0, 7))}); err != nil {
		t.Fatal(err)
	}
	res := find(t, ix, q)
	if res.Total != 2 || !slices.Contains(res.IDs, "b") {
		t.Errorf("after a put: %d hits %v, want a and b", res.Total, res.IDs)
	}
	// Asked again, the kept result highlights the same words.
	if again := find(t, ix, q); !reflect.DeepEqual(again.Matches, res.Matches) || len(res.Matches["b"].Title) == 0 {
		t.Errorf("highlights %v, then kept %v; want the title of b marked both times", res.Matches, again.Matches)
	}
	if err := ix.Delete([]string{"a"}); err != nil {
		t.Fatal(err)
	}
	if res := find(t, ix, q); res.Total != 1 || res.IDs[0] != "b" {
		t.Errorf("after a delete: %d hits %v, want b", res.Total, res.IDs)
	}
	// Another page of the same search is the same result, paged.
	q.PerPage, q.Page = 1, 2
	if res := find(t, ix, q); res.Total != 1 || len(res.IDs) != 0 {
		t.Errorf("page 2 of 1: %d hits %v", res.Total, res.IDs)
	}
}

// Results are shared by the requests that ask for them: what a caller
// appends to its facet values (the search page adds a chosen value that
// has no hits) must go to a copy, not into the shared array, where two
// requests would write the same element.
func TestSharedResultsStayUnchanged(t *testing.T) {
	var offs []catalog.Offering
	for i, m := range []string{"2380", "2361", "2309"} { // three values: room for a fourth
		o := offering(m, "Svenska 1", "", snapshotDay.AddDate(0, 1+i, 0))
		o.Municipalities = []string{m}
		offs = append(offs, o)
	}
	ix := newTestIndex(t, offs...)
	q := catalog.SearchQuery{Today: snapshotDay}
	for range 2 { // computed, then kept
		res := find(t, ix, q)
		if len(res.Facets) == 0 {
			t.Fatal("no facet counts")
		}
		for name, values := range res.Facets {
			if cap(values) != len(values) {
				t.Errorf("%s: %d values with room for %d: an append would write into the shared array", name, len(values), cap(values))
			}
		}
	}
}

// After Prime, the first suggestion and the front page find their work
// done: a start makes it before the service says it is ready.
func TestPrimeMakesTheFirstRequestsWork(t *testing.T) {
	ix := newTestIndex(t, offering("a", "Svenska 1", "", snapshotDay.AddDate(0, 1, 0)))
	if err := ix.Prime(context.Background(), snapshotDay.Add(15*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c := ix.suggest.built; c == nil || ix.suggest.builtAt != ix.suggest.changed || !c.lastDay().Equal(snapshotDay) {
		t.Error("suggestions not built with today's counts")
	}
	front := catalog.SearchQuery{Today: snapshotDay}
	if _, ok := ix.results.get(ix.Version(), resultKey(&front)); !ok {
		t.Error("the front page's result is not kept")
	}
}

// keptAndFresh searches ix, which keeps results, and the same index
// without anything kept.
func keptAndFresh(t *testing.T, ix *Index, q catalog.SearchQuery) (kept, fresh *catalog.SearchResult) {
	t.Helper()
	kept, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	none := &Index{bleve: ix.bleve, facets: ix.facets, text: facet.NewText(ix.bleve)}
	if fresh, err = none.Search(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	return kept, fresh
}

// Pages read from the leads a result keeps, asked in any order, are the
// pages a search that keeps nothing computes: for every sort, with words
// and without, grouped by course and by intake.
func TestKeptLeadsPageAsFresh(t *testing.T) {
	ix := snapshotIndex(t)
	pages := []int{3, 1, 2, 7, 4, 1, 12, 5}
	checked := 0
	for _, text := range []string{"", "svenska", "kurs", "matematik distans"} {
		for _, sort := range []string{"", catalog.SortRelevance, catalog.SortStart, catalog.SortTitle, catalog.SortDeadline} {
			for _, group := range []string{catalog.GroupCourse, catalog.GroupIntake} {
				for _, page := range pages {
					q := catalog.SearchQuery{Text: text, Sort: sort, Group: group, Today: snapshotDay, Page: page, PerPage: 5}
					got, want := keptAndFresh(t, ix, q)
					if !slices.Equal(got.IDs, want.IDs) || !slices.EqualFunc(got.Courses, want.Courses, slices.Equal) {
						t.Errorf("%q sorted %q by %s, page %d: %v %v, fresh %v %v", text, sort, group, page, got.IDs, got.Courses, want.IDs, want.Courses)
					}
					checked += len(got.IDs)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no page had hits")
	}
}

// Searches asking for pages of the same results at once, each extending
// the leads kept, get the pages a search that keeps nothing computes.
func TestKeptLeadsConcurrently(t *testing.T) {
	ix := snapshotIndex(t)
	ctx := context.Background()
	type page struct {
		text string
		n    int
	}
	want := map[page][]string{}
	var asks []page
	for _, text := range []string{"kurs", "svenska", ""} {
		for n := 1; n <= 12; n++ {
			p := page{text, n}
			q := catalog.SearchQuery{Text: text, Today: snapshotDay, Page: n, PerPage: 4, Sort: catalog.SortRelevance}
			_, fresh := keptAndFresh(t, ix, q)
			want[p] = fresh.IDs
			asks = append(asks, p, p)
		}
	}
	// A version of its own, so that no result is kept from other tests.
	kept := &Index{bleve: ix.bleve, facets: ix.facets, text: facet.NewText(ix.bleve, facet.WithCache(1<<20))}
	var wg sync.WaitGroup
	errs := make(chan string, len(asks))
	for g := range 8 {
		wg.Go(func() {
			for i := range asks {
				p := asks[(i*7+g*5)%len(asks)]
				q := catalog.SearchQuery{Text: p.text, Today: snapshotDay, Page: p.n, PerPage: 4, Sort: catalog.SortRelevance}
				res, err := kept.Search(ctx, q)
				if err != nil {
					errs <- err.Error()
					return
				}
				if !slices.Equal(res.IDs, want[p]) {
					errs <- fmt.Sprintf("%q page %d: %v, want %v", p.text, p.n, res.IDs, want[p])
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// A page deeper than the leads a result keeps is walked each time, and is
// the page a search that keeps nothing computes.
func TestPagesBeyondKeptLeads(t *testing.T) {
	was := keptLeads
	keptLeads = 150
	t.Cleanup(func() { keptLeads = was })
	ix := snapshotIndex(t)
	const perPage = 20
	deepest := 0
	for _, page := range []int{1, 9, 8, 9, 2, 12} {
		q := catalog.SearchQuery{Today: snapshotDay, IncludePast: true, Group: catalog.GroupIntake, Sort: catalog.SortTitle,
			Page: page, PerPage: perPage}
		got, want := keptAndFresh(t, ix, q)
		if !slices.Equal(got.IDs, want.IDs) {
			t.Errorf("page %d of %d: %d hits, fresh %d, or in another order", page, perPage, len(got.IDs), len(want.IDs))
		}
		if len(got.IDs) > 0 {
			deepest = max(deepest, (page-1)*perPage+len(got.IDs))
		}
	}
	if deepest <= keptLeads {
		t.Fatalf("the deepest page ends at hit %d, within the %d leads kept: the snapshot has too few offerings for this test", deepest, keptLeads)
	}
}

// After a write, Rewarm works the searches last asked out again on the
// catalogue as it is now, for the day it is given: they are kept for the
// new version, and they hold what the write added. A second call after
// the same write runs none.
func TestRewarmAfterAWrite(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, offering("sv1", "Svenska 1", "", snapshotDay.AddDate(0, 1, 0)),
		offering("ma1", "Matematik 1a", "", snapshotDay.AddDate(0, 2, 0)))
	asked := []catalog.SearchQuery{{Text: "svenska"}, {Text: "matematik", Sort: catalog.SortStart},
		{Filters: map[string][]string{catalog.FacetMunicipality: {"2380"}}}}
	for _, q := range asked {
		find(t, ix, q)
	}
	if err := ix.Put(ctx, []catalog.Offering{offering("sv2", "Svenska 2", "", snapshotDay.AddDate(0, 3, 0))}); err != nil {
		t.Fatal(err)
	}
	later := snapshotDay.AddDate(0, 0, 1)
	n, err := ix.Rewarm(ctx, later.Add(9*time.Hour))
	if err != nil || n != len(asked) {
		t.Fatalf("Rewarm ran %d searches, %v; want %d", n, err, len(asked))
	}
	for _, q := range asked {
		q.Today, q.Page, q.PerPage = later, 1, 20
		r, ok := ix.results.get(ix.Version(), resultKey(&q))
		if !ok {
			t.Errorf("%+v: not kept for the new version on %s", q, later.Format(time.DateOnly))
			continue
		}
		if q.Text == "svenska" && r.hits.GetCardinality() != 2 {
			t.Errorf("svenska: %d hits kept, want both courses (Svenska 2 written since)", r.hits.GetCardinality())
		}
	}
	if n, err := ix.Rewarm(ctx, later); n != 0 || err != nil {
		t.Errorf("a second Rewarm ran %d searches, %v", n, err)
	}
}
