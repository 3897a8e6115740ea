package index

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"kurskatalog/data/catalog"
	"kurskatalog/index/facet"
)

// newTestIndex indexes offerings in a fresh index in t's temp dir.
func newTestIndex(t *testing.T, offerings ...catalog.Offering) *Index {
	t.Helper()
	ix, fresh, err := Open(filepath.Join(t.TempDir(), "index.bleve"))
	if err != nil || !fresh {
		t.Fatalf("Open: fresh %v, %v", fresh, err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(context.Background(), offerings); err != nil {
		t.Fatal(err)
	}
	return ix
}

// day is a calendar date in Sweden.
func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, catalog.Stockholm)
}

// offering is a minimal on-site offering in Östersund starting on start.
func offering(id, title, description string, start time.Time) catalog.Offering {
	return catalog.Offering{ID: id, Title: title, Description: description, SchoolType: "VUXGY",
		Municipalities: []string{"2380"}, Mode: catalog.ModeOnsite, Start: start, End: start.AddDate(0, 3, 0),
		Provider: catalog.Provider{Name: "Komvux Östersund"}}
}

func find(t *testing.T, ix *Index, q catalog.SearchQuery) *catalog.SearchResult {
	t.Helper()
	if q.Page == 0 {
		q.Page, q.PerPage = 1, 20
	}
	if q.Today.IsZero() {
		q.Today = snapshotDay
	}
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

// Every analysis step, end to end on the snapshot: the query finds the
// offering people mean (a title starting so) within the first hits.
func TestSearchFindsWhatPeopleMean(t *testing.T) {
	ix := snapshotIndex(t)
	titles := map[string]string{}
	for _, o := range loadSnapshot(t) {
		titles[o.ID] = o.Title
	}
	for _, tc := range []struct {
		step, q, title string
	}{
		{"stem", "utbildningar barnskötare", "Barnskötare"},
		{"compound", "undersköterskeutbildning", "Vård- och omsorgsutbildning – undersköterska"},
		{"compound with an optional head", "spanskakurs", "Spanska för nybörjare"},
		{"compound part", "ekonomi", "Företagsekonomi 1"},
		{"course level", "matte 2", "Matematik 2b"},
		{"no diacritics", "sjukskoterskeprogrammet", "Sjuksköterskeprogrammet"},
		{"typo", "psykolgi", "Psykologi 1"},
		{"typo and no diacritics", "spanska osterund", "Spanska för nybörjare"},
		{"synonym", "lastbilschaufför", "Yrkesförare godstrafik – C/CE med YKB"},
		{"synonym phrase", "swedish for immigrants", "Svenska för invandrare"},
		{"abbreviation", "sfi", "Svenska för invandrare"},
		{"English title", "nursing", "Sjuksköterskeprogrammet"},
		{"provider", "bäckedal", "Allmän kurs"},
		{"municipality name", "yoga östersund", "Yoga för kropp och sinne"},
	} {
		t.Run(tc.step, func(t *testing.T) {
			res := find(t, ix, catalog.SearchQuery{Text: tc.q, IncludePast: true})
			var got []string
			for _, id := range res.IDs[:min(10, len(res.IDs))] {
				got = append(got, titles[id])
			}
			if !slices.ContainsFunc(got, func(title string) bool { return strings.HasPrefix(title, tc.title) }) {
				t.Errorf("%q: %q not in the first ten: %q", tc.q, tc.title, got)
			}
		})
	}
}

// A place in the query restricts to it: every hit of "svenska östersund"
// is held in Östersund.
func TestSearchPlaceRestricts(t *testing.T) {
	ix := snapshotIndex(t)
	byID := map[string]catalog.Offering{}
	for _, o := range loadSnapshot(t) {
		byID[o.ID] = o
	}
	res := find(t, ix, catalog.SearchQuery{Text: "matematik strömsund", PerPage: 100, Page: 1})
	if res.Total == 0 {
		t.Fatal("no hits")
	}
	for _, id := range res.IDs {
		if o := byID[id]; !slices.Contains(o.Municipalities, "2313") && !slices.Contains(o.Towns, "Strömsund") {
			t.Errorf("%s (%s) is not in Strömsund: %v", id, o.Title, o.Municipalities)
		}
	}
}

func TestRanking(t *testing.T) {
	start := snapshotDay.AddDate(0, 1, 0)
	for _, tc := range []struct {
		name, q   string
		offerings []catalog.Offering
		want      []string
	}{
		{"title above description", "keramik", []catalog.Offering{
			offering("desc", "Bildkonst", "Vi provar på keramik och måleri.", start),
			offering("title", "Keramik", "Drejning och glasering.", start),
		}, []string{"title", "desc"}},
		{"exact above stemmed, and no typos when the word is found", "matematik", []catalog.Offering{
			offering("fuzzy", "Matematisk statistik", "", start),
			offering("stem", "Matematikens historia", "", start),
			offering("exact", "Matematik", "", start),
		}, []string{"exact", "stem"}},
		{"a typo finds the word", "matematk", []catalog.Offering{
			offering("fuzzy", "Matematik", "", start),
			offering("other", "Statistik", "", start),
		}, []string{"fuzzy"}},
		{"phrase above scattered words", "svenska som andraspråk", []catalog.Offering{
			offering("scattered", "Svenska och andraspråk som ämne", "", start),
			offering("phrase", "Svenska som andraspråk", "", start),
		}, []string{"phrase", "scattered"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := newTestIndex(t, tc.offerings...)
			if got := find(t, ix, catalog.SearchQuery{Text: tc.q}).IDs; !slices.Equal(got, tc.want) {
				t.Errorf("%q: %v, want %v", tc.q, got, tc.want)
			}
		})
	}
}

// Among equal matches, one open for application and starting soon comes
// before one far ahead; past offerings are hidden unless asked for, and
// then come last.
func TestRankingByDate(t *testing.T) {
	today := snapshotDay
	soon := offering("soon", "Keramik", "", today.AddDate(0, 1, 0))
	soon.ApplicationFirst, soon.ApplicationLast = today.AddDate(0, 0, -10), today.AddDate(0, 0, 10)
	later := offering("later", "Keramik", "", today.AddDate(0, 9, 0))
	past := offering("past", "Keramik", "", today.AddDate(-1, 0, 0))
	rolling := offering("rolling", "Keramik", "", today.AddDate(-1, 0, 0))
	rolling.RollingStart, rolling.End = true, time.Time{} // one can start any day
	ix := newTestIndex(t, later, past, soon, rolling)

	// One course with four intakes: ranked as intakes.
	got := find(t, ix, catalog.SearchQuery{Text: "keramik", Today: today, Group: catalog.GroupIntake}).IDs
	if want := []string{"soon", "rolling", "later"}; !slices.Equal(got, want) {
		t.Errorf("hits %v, want %v", got, want)
	}
	got = find(t, ix, catalog.SearchQuery{Text: "keramik", Today: today, IncludePast: true, Group: catalog.GroupIntake}).IDs
	if len(got) != 4 || got[3] != "past" {
		t.Errorf("with include_past: %v, want past last", got)
	}
	// The same day a year later, everything but the rolling start is over.
	got = find(t, ix, catalog.SearchQuery{Today: today.AddDate(2, 0, 0), Group: catalog.GroupIntake}).IDs
	if !slices.Equal(got, []string{"rolling"}) {
		t.Errorf("two years on: %v, want only the rolling start", got)
	}
}

// When no offering has every word, those with all but one are shown.
func TestSearchRelaxes(t *testing.T) {
	ix := snapshotIndex(t)
	res := find(t, ix, catalog.SearchQuery{Text: "keramik drejning zebra"})
	if !res.Relaxed || res.Total == 0 {
		t.Fatalf("relaxed %v, total %d", res.Relaxed, res.Total)
	}
	if res := find(t, ix, catalog.SearchQuery{Text: "keramik drejning"}); res.Relaxed || res.Total == 0 {
		t.Errorf("all words match: relaxed %v, total %d", res.Relaxed, res.Total)
	}
	// A filter that leaves nothing is not widened.
	res = find(t, ix, catalog.SearchQuery{Text: "keramik drejning",
		Filters: map[string][]string{catalog.FacetSchoolType: {"YH"}}})
	if res.Relaxed || res.Total != 0 {
		t.Errorf("with a filter that excludes all: relaxed %v, total %d", res.Relaxed, res.Total)
	}
}

// The index says where the query matched, for highlighting: whole words of
// the title and the description, also for a compound part.
func TestSearchMatches(t *testing.T) {
	o := offering("o", "Vård- och omsorgsutbildning", "<p>Du blir undersköterska i Östersund.</p>", snapshotDay.AddDate(0, 1, 0))
	ix := newTestIndex(t, o)
	res := find(t, ix, catalog.SearchQuery{Text: "utbildning undersköterska"})
	m := res.Matches["o"]
	var got []string
	for _, s := range m.Title {
		got = append(got, o.Title[s.Start:s.End])
	}
	for _, s := range m.Description {
		got = append(got, o.DescriptionText()[s.Start:s.End])
	}
	// "Vård" matches because undersköterska means Vård- och omsorgsutbildning.
	if want := []string{"Vård", "omsorgsutbildning", "undersköterska"}; !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

// Changing the analysis word lists changes the version, which rebuilds an
// index built with the old ones.
func TestVersionFollowsWordLists(t *testing.T) {
	if v := version(); !strings.HasPrefix(v, MappingVersion+"+") || len(v) < len(MappingVersion)+8 {
		t.Errorf("version %q does not name the word lists", v)
	}
}

// BenchmarkSearch measures typical searches with every facet counted:
//
//	go test ./index -run XXX -bench 'Search$'
func BenchmarkSearch(b *testing.B) {
	ix := snapshotIndex(b)
	queries := []catalog.SearchQuery{
		{},
		{Text: "svenska östersund"},
		{Text: "undersköterskeutbildning", Filters: map[string][]string{catalog.FacetMode: {"online", "blended"}}},
		{Text: "psykolgi"},
		{Filters: map[string][]string{catalog.FacetMunicipality: {"2380"}, catalog.FacetStartPeriod: {catalog.StartWithin3}}},
	}
	for i := range queries {
		queries[i].Page, queries[i].PerPage, queries[i].Today = 1, 20, snapshotDay
	}
	for b.Loop() {
		for _, q := range queries {
			if _, err := ix.Search(context.Background(), q); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(queries)), "µs/search")
}

// A hit is a course with its matching intakes: the same provider's same
// title once, wherever and whenever it starts, with its intakes soonest
// first; pages never repeat a course.
func TestCourses(t *testing.T) {
	today := snapshotDay
	var offs []catalog.Offering
	for i, start := range []time.Time{today.AddDate(0, 5, 0), today.AddDate(0, 1, 0), today.AddDate(0, 3, 0)} {
		o := offering(fmt.Sprintf("svenska-%d", i), "Svenska 1", "", start)
		o.Municipalities = []string{[]string{"2380", "2361", "2309"}[i]}
		offs = append(offs, o)
	}
	other := offering("svenska-bracke", "Svenska 1", "", today.AddDate(0, 2, 0))
	other.Provider.Name = "Bräcke Lärcentrum"
	passed := offering("svenska-passed", "Svenska 1", "", today.AddDate(0, -1, 0))
	for i := range 30 {
		offs = append(offs, offering(fmt.Sprintf("eng-%02d", i), fmt.Sprintf("Engelska %d", i), "", today.AddDate(0, 0, i+1)))
	}
	ix := newTestIndex(t, append(offs, other, passed)...)

	res := find(t, ix, catalog.SearchQuery{Text: "svenska", Today: today})
	if res.Total != 2 || res.Intakes != 4 {
		t.Fatalf("total %d courses, %d intakes; want 2, 4", res.Total, res.Intakes)
	}
	want := map[string][]string{"svenska-1": {"svenska-1", "svenska-2", "svenska-0"}, "svenska-bracke": {"svenska-bracke"}}
	for i, id := range res.IDs {
		if !slices.Equal(res.Courses[i], want[id]) {
			t.Errorf("course of %s: intakes %v, want %v", id, res.Courses[i], want[id])
		}
	}
	// A filter keeps the intakes that match it, and counts courses.
	res = find(t, ix, catalog.SearchQuery{Text: "svenska", Today: today,
		Filters: map[string][]string{catalog.FacetMunicipality: {"2380", "2361"}}})
	if res.Total != 2 || len(res.Courses) != 2 || len(res.Courses[0])+len(res.Courses[1]) != 3 {
		t.Errorf("in 2380, 2361: %d courses %v", res.Total, res.Courses)
	}
	for _, f := range res.Facets[catalog.FacetMunicipality] {
		if f.Value == "2380" && f.Count != 2 { // the Komvux course and Bräcke's (2380 too)
			t.Errorf("municipality 2380 counts %d courses, want 2", f.Count)
		}
	}
	// Paging through every course meets each once.
	seen := map[string]bool{}
	for page := 1; page <= 4; page++ {
		res := find(t, ix, catalog.SearchQuery{Today: today, Page: page, PerPage: 10})
		for _, id := range res.IDs {
			if seen[id] {
				t.Errorf("page %d repeats %s", page, id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 32 {
		t.Errorf("paging met %d courses, want 32", len(seen))
	}
	// The offering page's other intakes are the same course, past ones
	// too (the page decides what is current), never another provider's.
	if got, want := ix.Course("svenska-0"), []string{"svenska-passed", "svenska-1", "svenska-2", "svenska-0"}; !slices.Equal(got, want) {
		t.Errorf("Course(svenska-0) = %v, want %v", got, want)
	}
	if got := ix.Course("no-such-id"); got != nil {
		t.Errorf("Course of an unknown id = %v", got)
	}
	// As intakes, each offering is a hit.
	if res := find(t, ix, catalog.SearchQuery{Text: "svenska", Today: today, Group: catalog.GroupIntake}); res.Total != 4 || res.Courses != nil {
		t.Errorf("by intake: total %d, courses %v", res.Total, res.Courses)
	}
}

// Without words, what one can apply to now comes first, then rolling
// starts, then the rest, each soonest first.
func TestSoonestFirst(t *testing.T) {
	today := snapshotDay
	open := offering("open", "Keramik", "", today.AddDate(0, 4, 0))
	open.ApplicationFirst, open.ApplicationLast = today.AddDate(0, 0, -5), today.AddDate(0, 0, 20)
	rolling := offering("rolling", "Vävning", "", today.AddDate(0, -2, 0))
	rolling.RollingStart, rolling.End = true, time.Time{}
	soon := offering("soon", "Akvarell", "", today.AddDate(0, 0, 14))
	closed := offering("closed", "Drejning", "", today.AddDate(0, 1, 0))
	closed.ApplicationLast = today.AddDate(0, 0, -1)
	ix := newTestIndex(t, soon, closed, rolling, open)
	if got := find(t, ix, catalog.SearchQuery{Today: today}).IDs; !slices.Equal(got, []string{"open", "rolling", "soon"}) {
		t.Errorf("order %v, want open, rolling, soon (closed hidden)", got)
	}
}

// A search whose filters leave few of its words' matches scores only
// those (ScoresWithin) and ranks them exactly as scoring every match does,
// each with the score Bleve's own search gives.
func TestFilteredSearchRanksAsScoringAll(t *testing.T) {
	ix := snapshotIndex(t)
	// The same index without kept word matches, so that the hits are
	// scored every time, not read from a ranking of all matches kept by
	// an earlier search.
	fresh := &Index{bleve: ix.bleve, facets: ix.facets, text: facet.NewText(ix.bleve)}
	ctx := context.Background()
	within := 0
	// One word; several, all in some offerings or relaxed to all but one;
	// a typo, a compound, a synonym, English and an optional word.
	for _, text := range []string{"svenska", "matematik", "undersköterska", "engelska", "programmering", "kurs",
		"svenska som andraspråk", "matematik distans", "svenska truck", "programering", "vårdbiträdesutbildning",
		"städare", "nursing assistant", "engelska och matematik"} {
		for _, m := range []string{"2380", "2361", "2321", "2309"} {
			q := catalog.SearchQuery{Text: text, Today: snapshotDay, IncludePast: true, Group: catalog.GroupIntake,
				Filters: map[string][]string{catalog.FacetMunicipality: {m}}}
			snap := ix.facets.Snapshot()
			r, err := fresh.match(ctx, snap, q)
			if err != nil {
				t.Fatal(err)
			}
			order, err := fresh.order(ctx, snap, q, r)
			if err != nil {
				t.Fatal(err)
			}
			got := slices.Collect(order)
			if r.ranked != nil {
				within++
			}
			all, err := ix.text.Scores(ctx, snap, r.scoring)
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Collect(byRelevance(all, r.hits, func(d uint32) float64 { return dateFactor(snap.Dates(d), q.Today) }))
			if !slices.Equal(got, want) {
				t.Errorf("%q in %s: %d hits ranked %v, scoring all ranks %v", text, m, len(got), got, want)
			}
			// Both read the words' kept scores: each score is Bleve's own,
			// to the last bit kept (float32's, facet's evenScore).
			res, err := ix.bleve.Search(bleve.NewSearchRequestOptions(r.scoring, 100000, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			bleveScore := map[string]float64{}
			for _, h := range res.Hits {
				bleveScore[h.ID] = float64(float32(h.Score))
			}
			for d, s := range all {
				if w, ok := bleveScore[snap.ID(d)]; !ok || s != w {
					t.Errorf("%q: %s scored %v among all, Bleve %v", text, snap.ID(d), s, w)
				}
			}
			for _, s := range r.ranked {
				if w := bleveScore[snap.ID(s.doc)]; s.score != w {
					t.Errorf("%q in %s: %s scored %v within, Bleve %v", text, m, snap.ID(s.doc), s.score, w)
				}
			}
		}
	}
	if within == 0 {
		t.Error("no search scored its hits only")
	}
	t.Logf("%d searches scored their hits only", within)
}

// Compact merges an index written in many batches into one segment, and
// every search finds and ranks what it found before.
func TestCompact(t *testing.T) {
	offerings := loadSnapshot(t)
	ix, _, err := Open(filepath.Join(t.TempDir(), "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	for start := 0; start < len(offerings); start += 100 {
		if err := ix.Put(ctx, offerings[start:min(start+100, len(offerings))]); err != nil {
			t.Fatal(err)
		}
	}
	search := func() []string {
		var out []string
		for _, text := range []string{"svenska", "undersköterska", "matematik distans", "programmering"} {
			r := find(t, ix, catalog.SearchQuery{Text: text, Today: snapshotDay, IncludePast: true, Group: catalog.GroupIntake, Page: 1, PerPage: 1000})
			out = append(out, fmt.Sprint(r.Total, r.IDs))
		}
		return out
	}
	// Bleve merges in the background: write some offerings again, ten at
	// a time, until there are segments to merge.
	n, err := ix.Segments()
	for i := 0; err == nil && n < 3 && i < len(offerings); i += 10 {
		if err = ix.Put(ctx, offerings[i:min(i+10, len(offerings))]); err == nil {
			n, err = ix.Segments()
		}
	}
	if err != nil || n < 3 {
		t.Fatalf("%d segments (%v): the test needs more", n, err)
	}
	before := search()
	// Above 0, so that it merges even when Bleve has just merged some.
	compacted, err := ix.compact(ctx, 0)
	if err != nil || !compacted {
		t.Fatalf("compact: %v, %v", compacted, err)
	}
	if m, _ := ix.Segments(); m > 1 {
		t.Errorf("%d segments after compacting %d", m, n)
	}
	ix.results = results{} // what was kept was found on the old segments
	if after := search(); !slices.Equal(after, before) {
		t.Errorf("searches after compacting:\n%v\nbefore:\n%v", after, before)
	}
	if again, err := ix.compact(ctx, 1); err != nil || again {
		t.Errorf("compacting one segment again: %v, %v", again, err)
	}
}

// A search's word matches put together from the matches of its words,
// each kept on its own, are the matches Bleve finds for the whole query:
// over the judged queries, strict and relaxed, and queries of several
// words, optional words, synonyms, English, compounds and typos; first
// from Bleve, then from the kept parts in new combinations.
func TestWordMatchesFromParts(t *testing.T) {
	ix := snapshotIndex(t)
	kept := facet.NewText(ix.bleve, facet.WithCache(64<<20))
	whole := facet.NewText(ix.bleve) // no cache: every query runs whole
	texts := []string{"svenska matematik", "matematik svenska", "svenska och matematik", "kurs i svenska",
		"undersköterska distans", "distans undersköterska", "nursing distance", "welding course",
		"programmerng", "sjukskoterska", "vård och omsorg", "svenska för invandrare", "sfi svenska",
		"elektriker lärling", "truckkort", "barnskötare elevassistent", "matematik 2c distans", "zzqx svenska"}
	for _, j := range loadJudgements(t) {
		texts = append(texts, j.Q)
	}
	ctx := context.Background()
	snap := ix.facets.Snapshot()
	rd, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	qb := newQueryBuilder(ctx, ix.bleve, rd, &ix.fuzzy, nil)
	split := 0
	for round := range 2 {
		for _, text := range texts {
			p := parse(text)
			for _, relaxed := range []bool{false, true} {
				q := qb.build(p, relaxed)
				want, err := whole.Match(ctx, snap, q)
				if err != nil {
					t.Fatal(err)
				}
				got, err := kept.Match(ctx, snap, q)
				if err != nil {
					t.Fatal(err)
				}
				if !got.Equals(want) {
					t.Errorf("round %d, %q (relaxed %v): %d matches from the parts, %d from the whole query",
						round, text, relaxed, got.GetCardinality(), want.GetCardinality())
				}
				if len(p.variants) > 0 && len(p.variants[0]) > 1 {
					split++
				}
			}
		}
	}
	if split == 0 {
		t.Error("no query of several words")
	}
}

// A word's kept scores belong to the index as it was: after a write, a
// filtered search finds the offering written among its hits, and ranks
// it.
func TestKeptScoresFollowAWrite(t *testing.T) {
	start := snapshotDay.AddDate(0, 1, 0)
	var offs []catalog.Offering
	for i := range 12 {
		o := offering(fmt.Sprintf("far-%d", i), "Svenska 2", "", start)
		o.Municipalities = []string{"0180"}
		offs = append(offs, o)
	}
	offs = append(offs, offering("near", "Svenska 1", "Grundläggande svenska.", start))
	ix := newTestIndex(t, offs...)
	q := catalog.SearchQuery{Text: "svenska", Group: catalog.GroupIntake,
		Filters: map[string][]string{catalog.FacetMunicipality: {"2380"}}}
	if got := find(t, ix, q).IDs; !slices.Equal(got, []string{"near"}) {
		t.Fatalf("before the write: %v, want near", got)
	}
	if err := ix.Put(context.Background(), []catalog.Offering{offering("new", "Svenska", "", start)}); err != nil {
		t.Fatal(err)
	}
	res := find(t, ix, q)
	got := slices.Sorted(slices.Values(res.IDs))
	if res.Total != 2 || !slices.Equal(got, []string{"near", "new"}) {
		t.Errorf("after the write: %d hits, ranked %v; want near and new", res.Total, res.IDs)
	}
}
