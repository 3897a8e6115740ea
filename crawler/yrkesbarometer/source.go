// Package yrkesbarometer reads Arbetsförmedlingen's Yrkesbarometer, the
// twice-yearly assessment of each occupation's job prospects and recruitment
// situation per county (https://data.arbetsformedlingen.se, CC0). It is a
// demand source, not an offering source: its rows go to the store's demand
// table and feed the coverage and gap reports.
package yrkesbarometer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"kurskatalog/crawler"
	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/progress"
	"kurskatalog/data/catalog"
)

// DefaultURL is where Arbetsförmedlingen publishes the barometer.
const DefaultURL = "https://data.arbetsformedlingen.se/prognoser/yrkesbarometer.json"

// DefaultRegions are the nation and Jämtlands län.
var DefaultRegions = []string{"00", "23"}

// ErrNotModified means the file has not changed since the last fetch; the
// stored rows are current.
var ErrNotModified = errors.New("yrkesbarometer: not modified")

// Config configures the source.
type Config struct {
	ID      string   // e.g. "yrkesbarometer"
	URL     string   // default DefaultURL
	Regions []string // lan codes to keep; default DefaultRegions
	// Log gets each import's start and outcome, as the offering sources'
	// runner logs theirs; default slog.Default().
	Log *slog.Logger
}

// Source reads the barometer over the polite client.
type Source struct {
	cfg    Config
	client *fetch.Client
}

// New returns a Source. The client carries the transport (live or the
// bundled snapshot), politeness and retries.
func New(cfg Config, client *fetch.Client) *Source {
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	if len(cfg.Regions) == 0 {
		cfg.Regions = DefaultRegions
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Source{cfg: cfg, client: client}
}

// ID returns the configured source id.
func (s *Source) ID() string { return s.cfg.ID }

// Fetch reads the barometer. The request is conditional once the client has
// seen the file, because it changes twice a year and is 5 MB; an unchanged
// file yields ErrNotModified.
func (s *Source) Fetch(ctx context.Context) (*Result, error) {
	resp, err := s.client.Get(ctx, s.cfg.URL, fetch.WithHeader("Accept", "application/json"))
	if err != nil {
		return nil, fmt.Errorf("yrkesbarometer: %w", err)
	}
	if resp.NotModified {
		progress.Page(ctx, 0)
		return nil, ErrNotModified
	}
	res, err := Parse(resp.Body, s.cfg.Regions)
	if err != nil {
		progress.Page(ctx, 0)
		return nil, err
	}
	progress.Page(ctx, res.Fetched)
	return res, nil
}

// Store is what an import needs from storage: run records, and replacing a
// round's rows in one transaction.
type Store interface {
	StartRun(ctx context.Context, source string, full bool) (catalog.Run, error)
	FinishRun(ctx context.Context, r *catalog.Run) error
	ReplaceDemand(ctx context.Context, round string, rows []catalog.Demand) (catalog.ApplyResult, error)
}

// Import fetches the barometer and replaces the stored rows of its round,
// recording the run like an offering source's. A failed fetch changes
// nothing: the rows of the last good import stay.
func (s *Source) Import(ctx context.Context, store Store) (catalog.Run, error) {
	return crawler.Record(ctx, store, s.cfg.Log, s.ID(), func(ctx context.Context, run *catalog.Run) error {
		return s.importInto(ctx, store, run)
	})
}

func (s *Source) importInto(ctx context.Context, store Store, run *catalog.Run) error {
	res, err := s.Fetch(ctx)
	if errors.Is(err, ErrNotModified) {
		return nil
	}
	if err != nil {
		return err
	}
	run.Fetched, run.Filtered = res.Fetched, res.Filtered
	crawler.Tally(run, res.Skipped)
	ar, err := store.ReplaceDemand(ctx, res.Round, res.Rows)
	if err != nil {
		return err
	}
	run.Added, run.Changed, run.Removed = len(ar.Added), len(ar.Changed), len(ar.Removed)
	return nil
}
