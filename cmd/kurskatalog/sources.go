package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"time"

	"kurskatalog/crawler"
	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/gtfs"
	htmlsource "kurskatalog/crawler/html"
	"kurskatalog/crawler/myh"
	"kurskatalog/crawler/plannededu"
	"kurskatalog/crawler/snapshot"
	"kurskatalog/crawler/yrkesbarometer"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// sourceKinds are the adapters a source's kind can name.
var sourceKinds = []string{"emil3", "planned-educations", "myh-decisions", "html", "yrkesbarometer", "gtfs"}

// newJob builds the adapter for one configured source and the job that runs
// it: offering sources through the runner, the labour-market barometer
// into the demand table, the bus timetable into the transit tables.
func (a *app) newJob(sc SourceConfig) (job, error) {
	client, err := newClient(a.cfg, sc)
	if err != nil {
		return job{}, err
	}
	j := job{id: sc.ID, kind: sc.Kind}
	if sc.Kind == "yrkesbarometer" {
		src := yrkesbarometer.New(yrkesbarometer.Config{ID: sc.ID, URL: sc.URL, Log: a.log}, client)
		j.run = a.held(func(ctx context.Context) (catalog.Run, error) { return src.Import(ctx, a.db) })
		return j, nil
	}
	if sc.Kind == "gtfs" {
		store, ok := a.db.(gtfs.Store)
		if !ok {
			return job{}, fmt.Errorf("source %s: the store (%T) keeps no bus travel times", sc.ID, a.db)
		}
		src, err := a.newTransitSource(sc, client)
		if err != nil {
			return job{}, err
		}
		j.run = a.held(func(ctx context.Context) (catalog.Run, error) { return src.Import(ctx, store) })
		return j, nil
	}
	src, err := newSource(a.cfg, sc, client, a.db)
	if err != nil {
		return job{}, err
	}
	j.run = func(ctx context.Context) (catalog.Run, error) { return a.runner.Run(ctx, src) }
	return j, nil
}

// held runs an import that writes the store itself, not through the
// runner, while the runner writes nothing: a national run holds the
// database's write lock for its whole fetch, and a write beside it would
// fail once the busy timeout passed. These imports are small (a table, a
// timetable); the runner's runs wait for them as they would for a run.
func (a *app) held(run func(ctx context.Context) (catalog.Run, error)) func(ctx context.Context) (catalog.Run, error) {
	return func(ctx context.Context) (out catalog.Run, err error) {
		err = a.runner.Hold(func() (err error) {
			out, err = run(ctx)
			return err
		})
		return out, err
	}
}

// newClient is the polite HTTP client of one source, whose transport is the
// network or the bundled snapshot.
func newClient(cfg *Config, sc SourceConfig) (*fetch.Client, error) {
	transport, err := sourceTransport(sc)
	if err != nil {
		return nil, err
	}
	fc := fetch.Config{UserAgent: cfg.UserAgent, Delay: time.Duration(sc.Delay), Parallelism: sc.Parallelism, Retries: sc.Retries}
	if sc.Snapshot != "" {
		fc.Delay = -1 // in-process: nobody to be polite to
	}
	return fetch.New(fc, transport), nil
}

// newSource builds the adapter of an offering source; docs keeps what a
// source needs from one run in the next.
func newSource(cfg *Config, sc SourceConfig, client *fetch.Client, docs emil3.Documents) (crawler.Source, error) {
	switch sc.Kind {
	case "emil3":
		return emil3.New(emil3.Config{ID: sc.ID, URL: sc.URL, Region: cfg.Region, SchoolTypes: sc.SchoolTypes,
			PageSize: sc.PageSize, Documents: docs}, client), nil
	case "planned-educations":
		return plannededu.New(plannededu.Config{ID: sc.ID, URL: sc.URL, Region: cfg.Region, PageSize: sc.PageSize},
			client), nil
	case "myh-decisions":
		return myh.New(myh.Config{ID: sc.ID, URL: sc.URL, Region: cfg.Region, MunicipalitiesURL: sc.MunicipalitiesURL},
			client), nil
	case "html":
		return htmlsource.New(sc.ID, sc.Site, client)
	}
	return nil, fmt.Errorf("source %s: unknown kind %q", sc.ID, sc.Kind)
}

// snapshotModified is the Last-Modified of bundled files: when they were
// taken, so conditional requests behave as against the live source.
var snapshotModified = func() time.Time {
	day, err := time.Parse(time.DateOnly, data.SnapshotDay)
	if err != nil {
		panic(err)
	}
	return day.Add(4 * time.Hour)
}()

// sourceTransport is http.DefaultTransport for a live source, or an
// in-process server over the bundled snapshot.
func sourceTransport(sc SourceConfig) (http.RoundTripper, error) {
	if sc.Snapshot == "" {
		return http.DefaultTransport, nil
	}
	fsys, err := data.Snapshot(sc.Snapshot)
	if err != nil {
		return nil, err
	}
	var h http.Handler
	switch sc.Kind {
	case "emil3":
		ds, err := emil3.LoadPages(fsys)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", sc.ID, err)
		}
		h = emil3.NewServer(ds, sc.URL)
	case "planned-educations":
		h = snapshot.FilesBy(fsys, snapshotModified, plannededu.SnapshotFile)
	case "myh-decisions", "yrkesbarometer", "gtfs":
		h = snapshot.FilesBy(fsys, snapshotModified, func(u *url.URL) string { return path.Base(u.Path) })
	default:
		h = snapshot.Files(fsys, snapshotModified)
	}
	return snapshot.Transport(h), nil
}
