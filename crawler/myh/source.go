// Package myh imports Myndigheten för yrkeshögskolan's decisions on
// yrkeshögskola programmes ("Resultat av ansökningsomgång", tabell3): the
// programmes granted in the region, and distance programmes from anywhere.
// They are planned programmes, not confirmed starts; the offerings say so.
package myh

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/progress"
	"time"

	"kurskatalog/data/catalog"
)

// DefaultRound is the application round of the bundled file.
const DefaultRound = 2024

// maxFileBytes bounds a download; the national tabell3 is about 330 kB.
const maxFileBytes = 32 << 20

// Config configures the source.
type Config struct {
	ID  string // source identifier, e.g. "myh"
	URL string // tabell3 as CSV
	// Region lists SCB municipality codes; campus programmes elsewhere are
	// left out, distance programmes are kept wherever they are run from.
	Region []string
	// MunicipalitiesURL is tabell4 as CSV, optional. Without it a campus
	// programme run in several municipalities ("Flera kommuner") cannot be
	// placed and is skipped.
	MunicipalitiesURL string
	Round             int // application round; DefaultRound when zero
}

// Source reads one round's decisions.
type Source struct {
	cfg    Config
	client *fetch.Client
}

// New returns a source. The client is the polite fetch client (robots.txt,
// delays, retries); nil means one with default settings.
func New(cfg Config, client *fetch.Client) *Source {
	if cfg.Round == 0 {
		cfg.Round = DefaultRound
	}
	if client == nil {
		client = fetch.New(fetch.Config{}, nil)
	}
	return &Source{cfg: cfg, client: client}
}

// ID returns the configured source identifier.
func (s *Source) ID() string { return s.cfg.ID }

// Fetch downloads and parses the decision table. The file is published once
// per round and has no change filter, so since is ignored and the batch is
// always complete.
func (s *Source) Fetch(ctx context.Context, since time.Time) (*catalog.Batch, error) {
	data, err := s.get(ctx, s.cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("myh: %w", err)
	}
	var several map[string][]string
	if s.cfg.MunicipalitiesURL != "" {
		t4, err := s.get(ctx, s.cfg.MunicipalitiesURL)
		if err != nil {
			return nil, fmt.Errorf("myh: %w", err)
		}
		if several, err = DecodeMunicipalities(t4); err != nil {
			return nil, fmt.Errorf("myh: %w", err)
		}
	}
	return s.parse(data, several)
}

// parse turns tabell3 into a batch.
func (s *Source) parse(data []byte, several map[string][]string) (*catalog.Batch, error) {
	rows, err := DecodeDecisions(data)
	if err != nil {
		return nil, fmt.Errorf("myh: %w", err)
	}
	batch := &catalog.Batch{Source: s.cfg.ID, Complete: true, Fetched: len(rows)}
	seen := make(map[string]bool, len(rows))
	for i := range rows {
		o, err := s.normalise(&rows[i], several)
		switch {
		case errors.Is(err, errOutOfScope):
			batch.Filtered++
		case err != nil:
			batch.Skipped = append(batch.Skipped, catalog.Skip{ID: o.ID, Reason: fmt.Sprintf("line %d: %v", rows[i].Line, err)})
		case seen[o.ID]:
			batch.Skipped = append(batch.Skipped, catalog.Skip{ID: o.ID, Reason: fmt.Sprintf("line %d: duplicate Diarienummer", rows[i].Line)})
		default:
			seen[o.ID] = true
			batch.Offerings = append(batch.Offerings, o)
		}
	}
	return batch, nil
}

func (s *Source) get(ctx context.Context, url string) ([]byte, error) {
	resp, err := s.client.Get(ctx, url, fetch.Unconditional(), fetch.WithHeader("Accept", "text/csv, text/plain;q=0.9, */*;q=0.1"))
	if err != nil {
		return nil, err
	}
	data := resp.Body
	progress.Page(ctx, bytes.Count(data, []byte{'\n'}))
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("GET %s: larger than %d bytes", url, maxFileBytes)
	}
	return data, nil
}
