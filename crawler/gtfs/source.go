package gtfs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"kurskatalog/crawler"
	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/progress"
	"kurskatalog/data/catalog"
)

// DefaultURL is Trafiklab's GTFS Regional feed for Länstrafiken Jämtland
// (operator jlt), published by Samtrafiken; it needs an API key.
const DefaultURL = "https://opendata.samtrafiken.se/gtfs/jlt/jlt.zip"

// ErrNotModified means the feed has not changed since the last fetch; the
// stored travel times are current.
var ErrNotModified = errors.New("gtfs: not modified")

// Config configures the source.
type Config struct {
	ID  string // e.g. "jlt"
	URL string // default DefaultURL
	// Key is the Trafiklab API key, sent as the key query parameter and
	// kept out of errors and logs.
	Key string
	// Origins are the localities travel times are computed from.
	Origins []Origin
	// Now is the catalogue's clock: the timetable is read for a weekday
	// from its today. Default time.Now.
	Now func() time.Time
	// Log gets each import's start and outcome; default slog.Default().
	Log *slog.Logger
}

// Source reads the feed over the polite client and imports travel times.
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
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Source{cfg: cfg, client: client}
}

// ID returns the configured source id.
func (s *Source) ID() string { return s.cfg.ID }

// Store is what an import needs from storage: run records, and replacing
// the source's travel times in one transaction.
type Store interface {
	StartRun(ctx context.Context, source string, full bool) (catalog.Run, error)
	FinishRun(ctx context.Context, r *catalog.Run) error
	ReplaceTransit(ctx context.Context, feed catalog.TransitFeed, times []catalog.TransitTime) (catalog.ApplyResult, error)
}

// Result is one read of the feed: the travel times and what was skipped.
type Result struct {
	Feed    catalog.TransitFeed
	Times   []catalog.TransitTime
	Rows    int
	Skipped []catalog.Skip
}

// Fetch reads and parses the feed and computes the travel times from every
// origin on a weekday morning (DefaultWindow on Feed.ServiceDay).
func (s *Source) Fetch(ctx context.Context) (*Result, error) {
	u := s.cfg.URL
	if s.cfg.Key != "" {
		parsed, err := url.Parse(u)
		if err != nil {
			return nil, fmt.Errorf("gtfs: url: %w", err)
		}
		q := parsed.Query()
		q.Set("key", s.cfg.Key)
		parsed.RawQuery = q.Encode()
		u = parsed.String()
	}
	resp, err := s.client.Get(ctx, u, fetch.WithHeader("Accept", "application/zip"))
	if err != nil {
		return nil, s.redact(fmt.Errorf("gtfs: %w", err))
	}
	if resp.NotModified {
		progress.Page(ctx, 0)
		return nil, ErrNotModified
	}
	feed, err := Parse(resp.Body)
	if err != nil {
		progress.Page(ctx, 0)
		return nil, err
	}
	progress.Page(ctx, feed.Rows)
	day, err := feed.ServiceDay(s.cfg.Now().In(catalog.Stockholm))
	if err != nil {
		return nil, err
	}
	w := DefaultWindow(day)
	res := &Result{Rows: feed.Rows, Skipped: feed.Skipped,
		Feed:  catalog.TransitFeed{Source: s.ID(), Version: feed.Version, Day: day, Leave: clock(w.Leave), ArriveBy: clock(w.ArriveBy)},
		Times: feed.TravelTimes(s.cfg.Origins, w)}
	if len(res.Times) == 0 {
		return nil, fmt.Errorf("gtfs: no stop can be reached from any of the %d localities on %s", len(s.cfg.Origins), day.Format(time.DateOnly))
	}
	return res, nil
}

// redact keeps the API key out of an error, which the runs table and the
// log would otherwise show.
func (s *Source) redact(err error) error {
	if s.cfg.Key == "" || !strings.Contains(err.Error(), s.cfg.Key) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), s.cfg.Key, "REDACTED"))
}

// Import fetches the feed and replaces the source's stored travel times,
// recording the run like an offering source's. A failed fetch or parse
// changes nothing: the times of the last good import stay.
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
	run.Fetched = res.Rows
	crawler.Tally(run, res.Skipped)
	ar, err := store.ReplaceTransit(ctx, res.Feed, res.Times)
	if err != nil {
		return err
	}
	run.Added, run.Changed, run.Removed = len(ar.Added), len(ar.Changed), len(ar.Removed)
	return nil
}
