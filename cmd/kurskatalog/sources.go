package main

import (
	"fmt"
	"net/http"
	"time"

	"kurskatalog/crawler"
	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/snapshot"
	"kurskatalog/data"
)

// newSource builds the adapter for one configured source, with an HTTP
// client whose transport is the network or the bundled snapshot.
func newSource(cfg *Config, sc SourceConfig) (crawler.Source, error) {
	transport, err := sourceTransport(sc)
	if err != nil {
		return nil, err
	}
	fc := fetch.Config{UserAgent: cfg.UserAgent, Delay: time.Duration(sc.Delay), Parallelism: sc.Parallelism}
	if sc.Snapshot != "" {
		fc.Delay = -1 // in-process: nobody to be polite to
	}
	client := fetch.New(fc, transport)
	switch sc.Kind {
	case "emil3":
		return emil3.New(emil3.Config{ID: sc.ID, URL: sc.URL, Region: cfg.Region, SchoolTypes: sc.SchoolTypes,
			PageSize: sc.PageSize}, client), nil
	}
	return nil, fmt.Errorf("source %s: unknown kind %q", sc.ID, sc.Kind)
}

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
	switch sc.Kind {
	case "emil3":
		ds, err := emil3.LoadPages(fsys)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", sc.ID, err)
		}
		return snapshot.Transport(emil3.NewServer(ds, sc.URL)), nil
	}
	return nil, fmt.Errorf("source %s: kind %s has no snapshot server", sc.ID, sc.Kind)
}
