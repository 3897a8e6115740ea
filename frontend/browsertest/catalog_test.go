package browsertest

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"kurskatalog/crawler"
	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/crawler/yrkesbarometer"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/insights"
	"kurskatalog/data/occupation"
	"kurskatalog/data/sqlite"
	"kurskatalog/index"
	"kurskatalog/server"
)

// serveCatalogue crawls the bundled Susa-navet snapshot, through the same
// importer and runner as the service (occupations mapped at import), into a
// store and index in dir, imports the bundled Yrkesbarometer, and serves
// them with the real server. It reports errors rather than failing
// the test, so that it can run while the browser starts.
//
// later serves the same catalogue with the clock set months after the
// snapshots' day, as a learner meets the bundled data then.
func serveCatalogue(t *testing.T, dir string) (srv, later *httptest.Server, err error) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "kurskatalog.db"))
	if err != nil {
		return nil, nil, err
	}
	t.Cleanup(func() { db.Close() })
	ix, _, err := index.Open(filepath.Join(dir, "index.bleve"))
	if err != nil {
		return nil, nil, err
	}
	t.Cleanup(func() { ix.Close() })

	ds, err := emil3test.Bundled()
	if err != nil {
		return nil, nil, err
	}
	src := emil3test.Source(ds, data.JamtlandMunicipalities)
	tax, err := occupation.Load()
	if err != nil {
		return nil, nil, err
	}
	mapper, err := occupation.DefaultMapper()
	if err != nil {
		return nil, nil, err
	}
	ix.SetOccupationNames(func(code string) string { return tax.Label(code).SV })
	log := slog.New(slog.DiscardHandler)
	runner := &crawler.Runner{Store: db, Index: ix, Log: log, Occupations: mapper, FullEvery: 168 * time.Hour}
	if _, err := runner.Run(ctx, src); err != nil {
		return nil, nil, fmt.Errorf("crawl the snapshot: %w", err)
	}
	if err := importDemand(ctx, db); err != nil {
		return nil, nil, err
	}
	if err := importTransit(ctx, db); err != nil {
		return nil, nil, err
	}
	asOf, err := time.ParseInLocation(time.DateOnly, data.SnapshotDay, catalog.Stockholm)
	if err != nil {
		return nil, nil, err
	}
	// Searches that found nothing, made often enough to be shown on the
	// coverage page (data/insights), this week.
	// The pages' day is the snapshots' day, not the machine's: the coverage
	// page's shading follows the intakes one can still take, and a test
	// that passed yesterday must pass today.
	today := func() time.Time { return asOf.Add(12 * time.Hour) }
	rec := insights.NewRecorder(db, insights.Options{Log: log, Now: today})
	rec.Start()
	for range insights.K {
		rec.Record("2361", "Hovslagare", "mode=onsite", 0)
	}
	rec.Close()
	srv = httptest.NewServer(server.New(server.Deps{Index: ix, Store: db, Coverage: db, Taxonomy: tax, Log: log, DataAsOf: asOf,
		Insights: rec, Now: today}))
	t.Cleanup(srv.Close)
	later = httptest.NewServer(server.New(server.Deps{Index: ix, Store: db, Coverage: db, Taxonomy: tax, Log: log, DataAsOf: asOf,
		Now: func() time.Time { return laterDay }}))
	t.Cleanup(later.Close)
	return srv, later, nil
}

// laterDay is months after the snapshots' day.
var laterDay = time.Date(2027, 3, 15, 10, 0, 0, 0, catalog.Stockholm)

// importDemand stores the bundled Yrkesbarometer rows, the shortage signal
// of the coverage page.
func importDemand(ctx context.Context, db *sqlite.DB) error {
	fsys, err := data.Snapshot("yrkesbarometer")
	if err != nil {
		return err
	}
	body, err := fs.ReadFile(fsys, "yrkesbarometer.json")
	if err != nil {
		return err
	}
	res, err := yrkesbarometer.Parse(body, yrkesbarometer.DefaultRegions)
	if err != nil {
		return err
	}
	_, err = db.ReplaceDemand(ctx, res.Round, res.Rows)
	return err
}
