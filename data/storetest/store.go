package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// Offering is a minimal komvux course of source susa-navet.
func Offering(id, title string, municipalities ...string) catalog.Offering {
	return catalog.Offering{ID: id, Title: title, SchoolType: "VUXGY", Mode: catalog.ModeOnsite,
		Municipalities: municipalities, Provider: catalog.Provider{ID: "p.vux.2380", Name: "Komvux Östersund"},
		Provenance: catalog.Provenance{Source: "susa-navet"}}
}

// Apply applies b to db and fails the test on an error.
func Apply(t *testing.T, db Store, b *catalog.Batch) catalog.ApplyResult {
	t.Helper()
	res, err := db.ApplyBatch(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func testApplyBatchLifecycle(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	clock := time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)
	db.SetClock(func() time.Time { return clock })

	first := &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
		Offering("e.vux.1", "Svenska 1", "2380"),
		Offering("e.vux.2", "Engelska 5", "2380"),
		Offering("e.vux.3", "Matematik 1a", "2313"),
	}}
	res := Apply(t, db, first)
	if len(res.Added) != 3 || len(res.Changed) != 0 || len(res.Removed) != 0 {
		t.Fatalf("first import: %+v", res)
	}

	// Second run a day later: one changed, one unchanged, one malformed this
	// time (skipped, must survive), one new.
	clock = clock.Add(24 * time.Hour)
	second := &catalog.Batch{Source: "susa-navet", Complete: true,
		Offerings: []catalog.Offering{Offering("e.vux.1", "Svenska 1", "2380"), Offering("e.vux.2", "Engelska 6", "2380"), Offering("e.vux.4", "Samhällskunskap 1b", "2321")},
		Skipped:   []catalog.Skip{{ID: "e.vux.3", Reason: "missing execution"}}}
	res = Apply(t, db, second)
	if !slices.Equal(res.Added, []string{"e.vux.4"}) || !slices.Equal(res.Changed, []string{"e.vux.2"}) || res.Unchanged != 1 || len(res.Removed) != 0 {
		t.Fatalf("second import: %+v", res)
	}
	o, err := db.FindOfferingByID(ctx, "e.vux.1")
	if err != nil {
		t.Fatal(err)
	}
	if !o.Provenance.FirstSeen.Equal(time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)) || !o.Provenance.LastSeen.Equal(clock) ||
		!o.Provenance.LastChanged.Equal(time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)) {
		t.Errorf("unchanged offering provenance: %+v", o.Provenance)
	}
	if o, _ := db.FindOfferingByID(ctx, "e.vux.2"); o.Title != "Engelska 6" || !o.Provenance.LastChanged.Equal(clock) {
		t.Errorf("changed offering: %q changed %v", o.Title, o.Provenance.LastChanged)
	}
	if _, err := db.FindOfferingByID(ctx, "e.vux.3"); err != nil {
		t.Errorf("a skipped record was removed: %v", err)
	}

	// An incremental batch removes only what it names.
	res = Apply(t, db, &catalog.Batch{Source: "susa-navet", Removed: []string{"e.vux.2", "e.unknown"}})
	if !slices.Equal(res.Removed, []string{"e.vux.2"}) {
		t.Errorf("incremental removal: %+v", res)
	}
	// An incremental batch looks up only the records it names.
	res = Apply(t, db, &catalog.Batch{Source: "susa-navet", Offerings: []catalog.Offering{
		Offering("e.vux.1", "Svenska 1", "2380"), Offering("e.vux.3", "Matematik 1b", "2313")}})
	if !slices.Equal(res.Changed, []string{"e.vux.3"}) || res.Unchanged != 1 || len(res.Added) != 0 || len(res.Removed) != 0 {
		t.Errorf("incremental changes: %+v", res)
	}
	// A complete batch removes what it does not mention.
	res = Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{Offering("e.vux.1", "Svenska 1", "2380")}})
	slices.Sort(res.Removed)
	if !slices.Equal(res.Removed, []string{"e.vux.3", "e.vux.4"}) {
		t.Errorf("complete removal: %+v", res)
	}
	if _, err := db.FindOfferingByID(ctx, "e.vux.4"); catalog.ErrorCodeOf(err) != catalog.ENotFound {
		t.Errorf("removed offering: err %v, want not found", err)
	}
	if n, _ := db.CountOfferings(ctx); n != 1 {
		t.Errorf("count %d, want 1", n)
	}
	// A removed offering that comes back keeps its first-seen date.
	clock = clock.Add(time.Hour)
	Apply(t, db, &catalog.Batch{Source: "susa-navet", Offerings: []catalog.Offering{Offering("e.vux.4", "Samhällskunskap 1b", "2321")}})
	if o, err := db.FindOfferingByID(ctx, "e.vux.4"); err != nil || !o.Provenance.FirstSeen.Equal(time.Date(2026, 11, 2, 4, 0, 0, 0, time.UTC)) {
		t.Errorf("returning offering: %v %+v", err, o)
	}
}

func testMergeAcrossSources(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	rich := Offering("e.vux.2313.sva1", "Svenska som andraspråk 1", "2313")
	rich.Pace = 50
	rich.Description = "<p>Kursen ges på Lärcentrum Strömsund.</p>"
	Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{rich}})
	flat := Offering("e.vux.2313.sva1", "Svenska som andraspråk 1", "2313")
	flat.Provenance.Source = "planned-educations"
	flat.ApplicationURL = "https://stromsund.alvis.se"
	Apply(t, db, &catalog.Batch{Source: "planned-educations", Complete: true, Offerings: []catalog.Offering{flat}})

	o, err := db.FindOfferingByID(ctx, "e.vux.2313.sva1")
	if err != nil {
		t.Fatal(err)
	}
	if o.Provenance.Source != "susa-navet" || o.Pace != 50 || o.ApplicationURL != "https://stromsund.alvis.se" || len(o.Sources) != 2 {
		t.Errorf("merged: source %s pace %d apply %q sources %d", o.Provenance.Source, o.Pace, o.ApplicationURL, len(o.Sources))
	}
	if n, _ := db.CountOfferings(ctx); n != 1 {
		t.Errorf("one offering from two sources counted %d times", n)
	}
	var all []string
	db.EachOffering(ctx, func(o catalog.Offering) error { all = append(all, o.ID); return nil })
	if len(all) != 1 {
		t.Errorf("EachOffering yielded %v", all)
	}
}

func testRuns(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	if last, full, err := db.LastSuccess(ctx, "susa-navet"); err != nil || !last.IsZero() || !full.IsZero() {
		t.Fatalf("no runs yet: %v %v %v", last, full, err)
	}
	r, err := db.StartRun(ctx, "susa-navet", true)
	if err != nil {
		t.Fatal(err)
	}
	r.Status, r.Fetched, r.Added, r.Skipped, r.Reasons = catalog.RunOK, 10, 8, 2, map[string]int{"missing execution": 2}
	if err := db.FinishRun(ctx, &r); err != nil {
		t.Fatal(err)
	}
	failed, _ := db.StartRun(ctx, "susa-navet", false)
	failed.Status, failed.Error = catalog.RunFailed, "emil3: educationEvents page 3: status 503"
	db.FinishRun(ctx, &failed)

	last, full, err := db.LastSuccess(ctx, "susa-navet")
	if err != nil || last.IsZero() || !last.Equal(full) {
		t.Errorf("last success %v full %v err %v: the failed run must not count", last, full, err)
	}
	latest, err := db.LatestRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := latest["susa-navet"]; got.Status != catalog.RunFailed || got.Error == "" {
		t.Errorf("latest run %+v", got)
	}
}

// A provider's own page and its Susa-navet event describe one course start
// under different ids: they are shown once, found by either id, and the
// offering lives on while either source still has it.
func testMergeByMatchKey(t *testing.T, open Open) {
	ctx := context.Background()
	db := open(t)
	start := time.Date(2027, 1, 18, 0, 0, 0, 0, catalog.Stockholm)
	feed := Offering("e.uoh.miun.om041g.21011.20271", "Omvårdnad vid demenssjukdom", "2380")
	feed.Provider.Name, feed.Start, feed.Credits = "Mittuniversitetet", start, 7.5
	page := Offering("html.miun.OM041G-VT27", "Omvårdnad vid demenssjukdom ", "2380")
	page.Provider.Name, page.Start, page.ApplicationURL = "Mittuniversitetet", start, "https://www.antagning.se/se/search?courseCode=OM041G"
	page.Provenance.Source = "miun-kurser"

	Apply(t, db, &catalog.Batch{Source: "miun-kurser", Complete: true, Offerings: []catalog.Offering{page}})
	// The feed has the course twice on the same day (campus and distance
	// rounds): only one of them can be the page's course.
	distance := feed
	distance.ID = "e.uoh.miun.om041g.21012.20271"
	res := Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{feed, distance}})
	if !slices.Equal(res.Added, []string{page.ID, distance.ID}) {
		t.Errorf("the first feed record should join the page's offering and the second stay apart, got %v", res.Added)
	}
	if n, _ := db.CountOfferings(ctx); n != 2 {
		t.Errorf("%d offerings, want 2", n)
	}
	for _, id := range []string{feed.ID, page.ID} {
		o, err := db.FindOfferingByID(ctx, id)
		if err != nil {
			t.Fatalf("find %s: %v", id, err)
		}
		if o.ID != page.ID || o.Credits != 7.5 || o.ApplicationURL == "" || len(o.Sources) != 2 {
			t.Errorf("find %s: id %s credits %v apply %q sources %d", id, o.ID, o.Credits, o.ApplicationURL, len(o.Sources))
		}
	}

	res = Apply(t, db, &catalog.Batch{Source: "miun-kurser", Complete: true})
	if !slices.Equal(res.Removed, []string{page.ID}) {
		t.Errorf("removed %v", res.Removed)
	}
	o, err := db.FindOfferingByID(ctx, page.ID)
	if err != nil || o.Provenance.Source != "susa-navet" || len(o.Sources) != 1 {
		t.Errorf("after the page dropped it, the feed still has it: %v %+v", err, o)
	}
}
