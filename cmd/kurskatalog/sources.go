package main

import (
	"fmt"
	"net/http"
	"net/url"
	"path"
	"time"

	"kurskatalog/crawler"
	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/fetch"
	htmlsource "kurskatalog/crawler/html"
	"kurskatalog/crawler/myh"
	"kurskatalog/crawler/plannededu"
	"kurskatalog/crawler/snapshot"
	"kurskatalog/data"
)

// sourceKinds are the adapters a source's kind can name.
var sourceKinds = []string{"emil3", "planned-educations", "myh-decisions", "html"}

// newSource builds the adapter for one configured source, with a polite
// HTTP client whose transport is the network or the bundled snapshot.
func newSource(cfg *Config, sc SourceConfig) (crawler.Source, error) {
	transport, err := sourceTransport(sc)
	if err != nil {
		return nil, err
	}
	fc := fetch.Config{UserAgent: cfg.UserAgent, Delay: time.Duration(sc.Delay), Parallelism: sc.Parallelism, Retries: sc.Retries}
	if sc.Snapshot != "" {
		fc.Delay = -1 // in-process: nobody to be polite to
	}
	client := fetch.New(fc, transport)
	switch sc.Kind {
	case "emil3":
		return emil3.New(emil3.Config{ID: sc.ID, URL: sc.URL, Region: cfg.Region, SchoolTypes: sc.SchoolTypes,
			PageSize: sc.PageSize}, client), nil
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
var snapshotModified = time.Date(2026, 11, 20, 4, 0, 0, 0, time.UTC)

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
	case "myh-decisions":
		h = snapshot.FilesBy(fsys, snapshotModified, func(u *url.URL) string { return path.Base(u.Path) })
	default:
		h = snapshot.Files(fsys, snapshotModified)
	}
	return snapshot.Transport(h), nil
}
