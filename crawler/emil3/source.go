package emil3

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/progress"
	"kurskatalog/data/catalog"
)

// DefaultSchoolTypes are the school types that matter to adult learners.
var DefaultSchoolTypes = []string{"AUB", "FHS", "HS", "KKU", "STF", "VUXGR", "VUXGRAN", "VUXGY", "VUXGYAN", "VUXSFI", "YH"}

// MaxPageSize is the largest page the API serves.
const MaxPageSize = 2000

// maxPages guards against a server that never reports the last page.
const maxPages = 5000

// Config configures one EMIL3 source.
type Config struct {
	ID          string
	URL         string   // base URL, e.g. https://api.skolverket.se/susa-navet/emil3
	Region      []string // SCB municipality codes whose on-site events are kept
	SchoolTypes []string
	PageSize    int
	// Documents, when set, keeps the infos and providers a run read, so that
	// the next incremental run asks the API only for those changed since.
	Documents Documents
}

// Source reads an EMIL3 API.
type Source struct {
	cfg    Config
	base   string
	client *fetch.Client
	region map[string]bool
	types  map[string]bool
	// read is the last Fetch's normaliser, whose infos and providers
	// SaveState saves.
	read *normaliser
}

// New returns a Source. The client carries the transport (live HTTP or the
// bundled snapshot), the politeness rules and the retries.
func New(cfg Config, client *fetch.Client) *Source {
	if len(cfg.SchoolTypes) == 0 {
		cfg.SchoolTypes = DefaultSchoolTypes
	}
	if cfg.PageSize <= 0 || cfg.PageSize > MaxPageSize {
		cfg.PageSize = MaxPageSize
	}
	s := &Source{cfg: cfg, base: strings.TrimRight(cfg.URL, "/"), client: client,
		region: map[string]bool{}, types: map[string]bool{}}
	for _, c := range cfg.Region {
		s.region[c] = true
	}
	for _, t := range cfg.SchoolTypes {
		s.types[t] = true
	}
	return s
}

// ID returns the configured source id.
func (s *Source) ID() string { return s.cfg.ID }

// Fetch pages through providers, infos and events and joins them. A
// complete run reads everything. An incremental run reads the events, infos
// and providers changed since; an event's info or provider that did not
// change is read from Config.Documents, where earlier runs saved it, and
// only one never seen is asked for by id. Without Documents, infos and
// providers are read in full every run.
func (s *Source) Fetch(ctx context.Context, since time.Time) (*catalog.Batch, error) {
	// The pages' offerings are copied once into one array: appended to
	// one by one, a national catalogue's (270,000 of nearly a kilobyte
	// each) were copied at each growth, which took longer than reading.
	var pages [][]catalog.Offering
	batch, err := s.fetch(ctx, since, func(_ *Envelope, page *catalog.Batch) error {
		pages = append(pages, page.Offerings)
		return nil
	})
	if err != nil {
		return nil, err
	}
	batch.Offerings = slices.Concat(pages...)
	return batch, nil
}

// FetchEach is Fetch handing over the offerings and skipped records of
// each page of events as it is read, so that the store writes them while
// the next pages come (crawler.Streamer). The batch it returns holds all
// but the offerings. An error from each ends the fetch with it.
func (s *Source) FetchEach(ctx context.Context, since time.Time, each func([]catalog.Offering, []catalog.Skip) error) (*catalog.Batch, error) {
	return s.fetch(ctx, since, func(_ *Envelope, page *catalog.Batch) error {
		return each(page.Offerings, page.Skipped)
	})
}

// fetch reads the providers and infos, then the events page by page,
// handing each page's batch to fn; the batch it returns sums the pages'
// but for their offerings.
func (s *Source) fetch(ctx context.Context, since time.Time, fn func(*Envelope, *catalog.Batch) error) (*catalog.Batch, error) {
	s.read = nil
	complete := since.IsZero() || s.cfg.Documents == nil
	n := normaliser{src: s, ctx: ctx,
		providers: newDocuments[Provider](kindProviders, "provider", complete),
		infos:     newDocuments[Info](kindInfos, "education info", complete)}
	err := listDocuments(ctx, s, n.providers, since, func(env *Envelope, put func(string, string, *Provider)) {
		for _, e := range env.EducationProviders {
			put(e.ID, e.Status, e.Content)
		}
	})
	if err != nil {
		return nil, err
	}
	err = listDocuments(ctx, s, n.infos, since, func(env *Envelope, put func(string, string, *Info)) {
		for _, e := range env.EducationInfos {
			put(e.ID, e.Status, e.Content)
		}
	})
	if err != nil {
		return nil, err
	}

	batch := &catalog.Batch{Source: s.cfg.ID, Complete: since.IsZero()}
	err = s.list(ctx, "educationEvents", since, func(env *Envelope) error {
		page := &catalog.Batch{Source: batch.Source, Complete: batch.Complete}
		for _, e := range env.EducationEvents {
			n.add(page, e)
		}
		if n.err != nil {
			return n.err
		}
		batch.Fetched += page.Fetched
		batch.Filtered += page.Filtered
		batch.Removed = append(batch.Removed, page.Removed...)
		batch.Skipped = append(batch.Skipped, page.Skipped...)
		return fn(env, page)
	})
	if err != nil {
		return nil, err
	}
	s.read = &n
	return batch, nil
}

// list reads every page of one resource and hands each to fn, in order,
// until fn fails. The next page is asked for and decoded while fn works on
// this one: still one request at a time, but the server's and the
// network's time no longer waits for the normalising, nor the normalising
// for them.
func (s *Source) list(ctx context.Context, resource string, since time.Time, fn func(*Envelope) error) error {
	ctx, cancel := context.WithCancel(ctx)
	type fetched struct {
		env *Envelope
		err error
	}
	pages := make(chan fetched, 1)
	go func() {
		defer close(pages)
		for page := 0; ; page++ {
			f := fetched{env: &Envelope{}}
			if page == maxPages {
				f.err = fmt.Errorf("emil3: %s: more than %d pages", resource, maxPages)
			} else if err := s.get(ctx, s.pageURL(resource, since, page), f.env); err != nil {
				f.err = fmt.Errorf("emil3: %s page %d: %w", resource, page, err)
			} else if f.env.Page.PageNumber != int64(page) {
				f.err = fmt.Errorf("emil3: %s page %d: server answered page %d", resource, page, f.env.Page.PageNumber)
			}
			select {
			case pages <- f:
			case <-ctx.Done():
				return
			}
			if f.err != nil || int64(page+1) >= f.env.Page.TotalPages {
				return
			}
		}
	}()
	defer func() {
		cancel()
		for range pages { // the reader has stopped when this ends
		}
	}()
	for f := range pages {
		if f.err != nil {
			return f.err
		}
		if err := fn(f.env); err != nil {
			return err
		}
		progress.Page(ctx, len(f.env.EducationEvents)+len(f.env.EducationInfos)+len(f.env.EducationProviders))
	}
	return ctx.Err()
}

// pageURL is the address of one page of a resource.
func (s *Source) pageURL(resource string, since time.Time, page int) string {
	q := url.Values{}
	for _, t := range s.cfg.SchoolTypes {
		q.Add("schoolType", t)
	}
	if !since.IsZero() {
		q.Set("updatedSince", since.In(stockholm).Format("2006-01-02T15:04:05"))
	}
	q.Set("page", strconv.Itoa(page))
	q.Set("size", strconv.Itoa(s.cfg.PageSize))
	return s.base + "/" + resource + "?" + q.Encode()
}

// errNotFound is returned by get for a 404, so that a lookup by id can tell a
// missing resource from a failing server.
var errNotFound = errors.New("not found")

func (s *Source) get(ctx context.Context, u string, v any) error {
	// Pages are needed whole every run, so no conditional request.
	resp, err := s.client.Get(ctx, u, fetch.Unconditional(), fetch.WithHeader("Accept", "application/json"))
	var status *fetch.StatusError
	if errors.As(err, &status) && status.Status == http.StatusNotFound {
		return errNotFound
	}
	if err != nil {
		return err
	}
	// Decoding copies what it keeps, so the page's buffer serves the next.
	defer resp.Release()
	if err := json.Unmarshal(resp.Body, v, pageOptions); err != nil {
		return fmt.Errorf("GET %s: decode: %w", u, err)
	}
	return nil
}

// pageOptions decode the API's pages with encoding/json's rules but the
// JSON v2 decoder that encoding/json/v2 will be, as the store decodes its
// documents: a national import reads some 500 MB of them.
var pageOptions = jsonv1.DefaultOptionsV1()
