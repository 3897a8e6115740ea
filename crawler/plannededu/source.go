// Package plannededu imports Skolverket's Planned Educations API, v3
// adult-education-events: komvux, SFI and other adult education listed per
// municipality. Its event ids are Susa-navet's, so offerings from here and
// from EMIL3 can be merged by ID.
package plannededu

import (
	"context"
	"errors"
	"fmt"
	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/progress"
	"net/url"
	"strconv"
	"time"

	"kurskatalog/data/catalog"
)

// Defaults.
const (
	// DefaultURL is the live list endpoint.
	DefaultURL = "https://api.skolverket.se/planned-educations/v3/adult-education-events"
	// DefaultPageSize is the API's own default page size, the one size real
	// responses are known to honour.
	DefaultPageSize = 20
	// MediaType selects v3 of the API; without it the server answers with
	// another version.
	MediaType = "application/vnd.skolverket.plannededucations.api.v3.hal+json"
)

// maxPages stops a server that keeps announcing more pages.
const maxPages = 10000

// maxPageBytes bounds one page; a page of 20 records is a few kilobytes.
const maxPageBytes = 16 << 20

// Config configures the source.
type Config struct {
	ID  string // source identifier, e.g. "planned-educations"
	URL string // list endpoint; DefaultURL when empty
	// Region lists the SCB municipality codes to fetch, one request
	// sequence each.
	Region   []string
	PageSize int // DefaultPageSize when zero
}

// Source reads adult education events for the configured municipalities.
type Source struct {
	cfg    Config
	client *fetch.Client
}

// New returns a source. The client is the polite fetch client (robots.txt,
// delays, retries); nil means one with default settings.
func New(cfg Config, client *fetch.Client) *Source {
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = DefaultPageSize
	}
	if client == nil {
		client = fetch.New(fetch.Config{}, nil)
	}
	return &Source{cfg: cfg, client: client}
}

// ID returns the configured source identifier.
func (s *Source) ID() string { return s.cfg.ID }

// Fetch reads every page for every municipality in the region. The API has
// no change filter, so since is ignored and the batch is always complete.
// Any failed page fails the whole fetch: a partial complete batch would make
// the store drop offerings that merely were not read.
func (s *Source) Fetch(ctx context.Context, since time.Time) (*catalog.Batch, error) {
	batch := &catalog.Batch{Source: s.cfg.ID, Complete: true}
	seen := make(map[string]bool)
	for _, area := range s.cfg.Region {
		if err := s.fetchArea(ctx, area, batch, seen); err != nil {
			return nil, err
		}
	}
	return batch, nil
}

// fetchArea pages through one municipality. Page URLs are built rather than
// taken from the HAL next link, so that every request has a predictable URL
// (the snapshot files are named after it).
func (s *Source) fetchArea(ctx context.Context, area string, batch *catalog.Batch, seen map[string]bool) error {
	for n := 0; ; n++ {
		if n >= maxPages {
			return fmt.Errorf("plannededu: area %s: more than %d pages", area, maxPages)
		}
		page, err := s.fetchPage(ctx, area, n)
		if err != nil {
			return fmt.Errorf("plannededu: area %s page %d: %w", area, n, err)
		}
		for _, raw := range page.Embedded.Events {
			batch.Fetched++
			s.add(raw, area, batch, seen)
		}
		if !s.more(page, n) {
			return nil
		}
	}
}

// more reports whether a page after page n exists. Without page metadata a
// full page is taken to mean that more may follow.
func (s *Source) more(page *Page, n int) bool {
	got := len(page.Embedded.Events)
	if got == 0 {
		return false
	}
	if page.Metadata.TotalPages == 0 {
		return got >= s.cfg.PageSize
	}
	return int64(n+1) < page.Metadata.TotalPages
}

// add normalises one raw record into batch. An event listed twice (the
// order may shift while paging) is kept once.
func (s *Source) add(raw []byte, area string, batch *catalog.Batch, seen map[string]bool) {
	ev, err := DecodeEvent(raw)
	if err != nil {
		batch.Skipped = append(batch.Skipped, catalog.Skip{ID: ev.EducationEventID, Reason: "undecodable record: " + err.Error()})
		return
	}
	o, err := s.normalise(&ev, area)
	if err != nil {
		batch.Skipped = append(batch.Skipped, catalog.Skip{ID: o.ID, Reason: err.Error()})
		return
	}
	if seen[o.ID] {
		return
	}
	seen[o.ID] = true
	batch.Offerings = append(batch.Offerings, o)
}

// PageURL returns the address of one page of one municipality.
func (s *Source) PageURL(area string, page int) (string, error) {
	u, err := url.Parse(s.cfg.URL)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("geographicalAreaCode", area)
	q.Set("page", strconv.Itoa(page))
	q.Set("size", strconv.Itoa(s.cfg.PageSize))
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func (s *Source) fetchPage(ctx context.Context, area string, n int) (*Page, error) {
	u, err := s.PageURL(area, n)
	if err != nil {
		return nil, err
	}
	resp, err := s.client.Get(ctx, u, fetch.Unconditional(), fetch.WithHeader("Accept", MediaType))
	if err != nil {
		return nil, err
	}
	data := resp.Body
	if len(data) > maxPageBytes {
		return nil, errors.New("page larger than " + strconv.Itoa(maxPageBytes) + " bytes")
	}
	page, err := DecodePage(data)
	if err == nil {
		progress.Page(ctx, len(page.Embedded.Events))
	}
	return page, err
}
