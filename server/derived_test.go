package server_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/occupation"
	"kurskatalog/data/sqlite"
	"kurskatalog/index"
	"kurskatalog/server"
)

// countingCoverage counts the reads of every offering, which the coverage
// views make once per version of the data.
type countingCoverage struct {
	*sqlite.DB
	reads int
}

func (c *countingCoverage) EachOffering(ctx context.Context, fn func(catalog.Offering) error) error {
	c.reads++
	return c.DB.EachOffering(ctx, fn)
}

// coverageCatalogue is the coverage fixture and its county's demand in a
// store and an index, on the page tests' day, and the occupation taxonomy.
func coverageCatalogue(t *testing.T) (*sqlite.DB, *index.Index, *occupation.Taxonomy) {
	t.Helper()
	tax, err := occupation.Load()
	if err != nil {
		t.Fatal(err)
	}
	db, ix := openCatalogue(t, func(ctx context.Context, db *sqlite.DB) error {
		db.SetClock(func() time.Time { return pagesToday })
		if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: coverageFixture()}); err != nil {
			return err
		}
		_, err := db.ReplaceDemand(ctx, "2025-2", coverageDemand())
		return err
	})
	return db, ix, tax
}

// The coverage views are read once per version of the data, and follow an
// import of offerings (the index's version) and of demand (a run) at once;
// after an import they read what it changed, not the whole store.
func TestCoverageViewsFollowWrites(t *testing.T) {
	ctx := context.Background()
	db, ix, tax := coverageCatalogue(t)
	counting := &countingCoverage{DB: db}
	h := server.New(server.Deps{Index: ix, Store: db, Coverage: counting, Taxonomy: tax, Log: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return pagesToday }})
	srv := httptest.NewServer(h)
	defer srv.Close()
	if err := h.Prime(ctx); err != nil {
		t.Fatal(err)
	}
	gaps := func(muni string) map[string]bool {
		t.Helper()
		var r struct{ Gaps []catalog.Gap }
		getAPI(t, srv, "/api/v1/coverage?view=gaps&municipality="+muni, http.StatusOK, &r)
		out := map[string]bool{}
		for _, g := range r.Gaps {
			out[g.SSYK[0]] = true
		}
		return out
	}
	if got := gaps("2361"); !got["8332"] || !got["7114"] {
		t.Fatalf("Härjedalen's gaps before: %v, want truck drivers and construction workers", got)
	}
	for _, path := range []string{"/tackning", "/yrke", "/yrke/5321", "/api/v1/coverage?municipality=2380"} {
		getPage(t, srv, path)
	}
	if counting.reads != 1 {
		t.Fatalf("the offerings were read %d times for one version of the data, want once", counting.reads)
	}

	// An import run adds a truck-driving course in Sveg: the store, then
	// the index, as the runner writes.
	sveg := coverageFixture()[6]
	sveg.ID, sveg.Municipalities = "e.truck.sveg", []string{"2361"}
	if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: []catalog.Offering{sveg}}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, []catalog.Offering{sveg}); err != nil {
		t.Fatal(err)
	}
	if got := gaps("2361"); got["8332"] || !got["7114"] {
		t.Fatalf("Härjedalen's gaps after the import: %v, want no truck drivers", got)
	}
	if counting.reads != 1 {
		t.Fatalf("the whole store was read %d times for two versions, want once: the second reads what changed", counting.reads)
	}

	// A demand run no longer calls construction workers a shortage: the
	// runs' tallies change, which the views see within the ETag's second.
	run, err := db.StartRun(ctx, "yrkesbarometer", true)
	if err != nil {
		t.Fatal(err)
	}
	demand := coverageDemand()
	demand[2].Recruitment = catalog.RecruitmentBalance
	if _, err := db.ReplaceDemand(ctx, "2025-2", demand); err != nil {
		t.Fatal(err)
	}
	run.Status = catalog.RunOK
	if err := db.FinishRun(ctx, &run); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for gaps("2361")["7114"] {
		if time.Now().After(deadline) {
			t.Fatal("construction workers still a gap 5 s after the demand run")
		}
		time.Sleep(100 * time.Millisecond)
	}
}
