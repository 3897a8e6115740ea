package browsertest

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"kurskatalog/crawler"
	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/snapshot"
	"kurskatalog/data"
	"kurskatalog/data/sqlite"
	"kurskatalog/index"
	"kurskatalog/server"
)

const susaNavetURL = "https://api.skolverket.se/susa-navet/emil3"

// serveCatalogue crawls the bundled Susa-navet snapshot, through the same
// importer and runner as the service, into a store and index in dir, and
// serves them with the real server. It reports errors rather than failing
// the test, so that it can run while the browser starts.
func serveCatalogue(t *testing.T, dir string) (*httptest.Server, error) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "kurskatalog.db"))
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { db.Close() })
	ix, _, err := index.Open(filepath.Join(dir, "index.bleve"))
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { ix.Close() })

	fsys, err := data.Snapshot("susa-navet")
	if err != nil {
		return nil, err
	}
	ds, err := emil3.LoadPages(fsys)
	if err != nil {
		return nil, err
	}
	client := fetch.New(fetch.Config{Delay: -1}, snapshot.Transport(emil3.NewServer(ds, susaNavetURL)))
	src := emil3.New(emil3.Config{ID: "susa-navet", URL: susaNavetURL, Region: data.JamtlandMunicipalities}, client)
	log := slog.New(slog.DiscardHandler)
	runner := &crawler.Runner{Store: db, Index: ix, Log: log, FullEvery: 168 * time.Hour}
	if _, err := runner.Run(ctx, src); err != nil {
		return nil, fmt.Errorf("crawl the snapshot: %w", err)
	}
	srv := httptest.NewServer(server.New(server.Deps{Index: ix, Store: db, Log: log}))
	t.Cleanup(srv.Close)
	return srv, nil
}
