// Package html reads course listings from ordinary web pages: the
// learning centres (lärcentrum), folk high schools and university pages that
// announce local courses the national feeds do not carry.
//
// Each site is described declaratively by a SiteConfig (start pages, links
// to follow, a CSS selector per course and per field, or schema.org JSON-LD),
// crawled with colly through the shared polite fetch client, and normalised
// into catalog offerings with parsers for the way Swedish pages write dates,
// pace and distance meetings.
package html

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	"golang.org/x/net/html/charset"

	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/progress"
	"kurskatalog/data/catalog"
)

// Source crawls one configured site. It implements crawler.Source.
type Source struct {
	id     string
	site   *site
	client *fetch.Client
}

// New validates site and returns a Source with the given id. The client
// carries the transport (the network or a bundled snapshot) and all
// politeness: robots.txt, User-Agent, per-host delay, timeouts, redirect
// policy. A nil client is a default live one.
func New(id string, site SiteConfig, client *fetch.Client) (*Source, error) {
	if id == "" {
		return nil, errors.New("html: source id is required")
	}
	st, err := compile(site)
	if err != nil {
		return nil, fmt.Errorf("html %s: %w", id, err)
	}
	if client == nil {
		client = fetch.New(fetch.Config{}, nil)
	}
	return &Source{id: id, site: st, client: client}, nil
}

// ID returns the configured source id.
func (s *Source) ID() string { return s.id }

// Fetch crawls the whole site and returns every course on it. Web pages
// cannot say what changed, so since is ignored and the batch is always
// complete. Any page that cannot be read fails the fetch, and so does a
// start page with neither courses nor links to follow: a half-read or
// redesigned site must not be taken as the site's whole offer, or its
// courses would be removed from the catalogue.
func (s *Source) Fetch(ctx context.Context, _ time.Time) (*catalog.Batch, error) {
	cr := &crawl{ctx: ctx, src: s, batch: &catalog.Batch{Source: s.id}, seen: map[string]string{}}
	c := colly.NewCollector(colly.StdlibContext(ctx))
	// The fetch transport limits bodies and fails loudly; colly's own limit
	// would cut a page short without a word.
	c.MaxBodySize = 0
	c.WithTransport(s.client.Transport())
	c.DisableCookies()
	c.OnRequest(cr.onRequest)
	c.OnResponse(cr.onResponse)
	c.OnError(cr.onError)

	for _, start := range s.site.cfg.StartURLs {
		cr.startYield = -1
		if err := c.Visit(start); err != nil && cr.err == nil && !alreadyVisited(err) {
			cr.fail(fmt.Errorf("html %s: %s: %w", s.id, start, err))
		}
		if cr.err != nil {
			return nil, cr.err
		}
		if cr.startYield == 0 {
			return nil, fmt.Errorf("html %s: start page %s has no courses and no links to follow (has the site changed?)", s.id, start)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("html %s: %w", s.id, err)
	}
	if cr.batch.Fetched == 0 {
		return nil, fmt.Errorf("html %s: no courses found on %d pages (has the site changed?)", s.id, cr.pages)
	}
	cr.batch.Complete = true
	return cr.batch, nil
}

// crawl is the state of one Fetch. colly runs synchronously here, so the
// callbacks run one at a time, in document order, and the batch comes out
// in the same order every run.
type crawl struct {
	ctx        context.Context // carries the progress counter
	src        *Source
	batch      *catalog.Batch
	seen       map[string]string // offering id -> content key
	pages      int
	startYield int // records and links of the current start page; -1 before it is read
	errors     int // calls of onError
	err        error
}

func (cr *crawl) fail(err error) {
	if cr.err == nil {
		cr.err = err
	}
}

func (cr *crawl) onRequest(r *colly.Request) {
	if cr.err != nil {
		r.Abort()
		return
	}
	if cr.pages++; cr.pages > cr.src.site.maxPages {
		cr.fail(fmt.Errorf("html %s: more than %d pages (raise max_pages or narrow follow)", cr.src.id, cr.src.site.maxPages))
		r.Abort()
	}
}

func (cr *crawl) onError(r *colly.Response, err error) {
	cr.errors++
	if alreadyVisited(err) {
		return
	}
	u := r.Request.URL.String()
	// A followed link the site owner disallows is not part of what we may
	// read, so leaving it out keeps the batch complete. The transport
	// refuses it before any request is sent.
	if errors.Is(err, fetch.ErrDisallowedByRobots) && r.Request.Depth > 1 {
		cr.batch.Skipped = append(cr.batch.Skipped, catalog.Skip{Reason: "robots.txt disallows " + u})
		return
	}
	var ue *url.Error
	switch {
	case r.StatusCode >= 300:
		err = fmt.Errorf("status %d", r.StatusCode)
	case errors.As(err, &ue):
		err = ue.Err // its `Get "<url>":` would repeat the URL
	}
	cr.fail(fmt.Errorf("html %s: %s: %w", cr.src.id, u, err))
}

func (cr *crawl) onResponse(r *colly.Response) {
	if cr.err != nil {
		return
	}
	u := r.Request.URL
	start := r.Request.Depth == 1
	if !isHTML(r) {
		// A followed link to a PDF or an image is simply not a page.
		if start {
			cr.fail(fmt.Errorf("html %s: %s: not an HTML page (%s)", cr.src.id, u, r.Headers.Get("Content-Type")))
		}
		return
	}
	doc, err := goquery.NewDocumentFromReader(decoded(r))
	if err != nil {
		cr.fail(fmt.Errorf("html %s: %s: %w", cr.src.id, u, err))
		return
	}
	res := cr.src.site.parsePage(doc, u)
	progress.Page(cr.ctx, len(res.records))
	if start {
		cr.startYield = len(res.records) + len(res.links)
	} else if len(res.records) == 0 && len(res.links) == 0 {
		cr.batch.Skipped = append(cr.batch.Skipped, catalog.Skip{Reason: "no course on followed page " + u.String()})
	}
	cr.batch.Skipped = append(cr.batch.Skipped, res.skips...)
	for _, rec := range res.records {
		cr.add(rec)
	}
	for _, link := range res.links {
		if cr.err != nil {
			return
		}
		// Errors of a fetch reach onError too; only colly's own refusals
		// before any request (a URL it cannot parse) are left to note here.
		handled := cr.errors
		if err := r.Request.Visit(link); err != nil && cr.errors == handled && !alreadyVisited(err) {
			cr.batch.Skipped = append(cr.batch.Skipped, catalog.Skip{Reason: fmt.Sprintf("link not followed: %s: %v", link, err)})
		}
	}
}

// add normalises a record into the batch. A course found twice (on a
// listing and again on another page) is kept once; two different courses
// that come out with the same id get -2, -3... in page order.
func (cr *crawl) add(r record) {
	b := cr.batch
	b.Fetched++
	o, err := cr.src.offering(r)
	switch {
	case errors.Is(err, errExcluded):
		b.Filtered++
		return
	case err != nil:
		b.Skipped = append(b.Skipped, catalog.Skip{ID: o.ID, Reason: err.Error()})
		return
	}
	key := contentKey(o)
	id := o.ID
	for n := 2; ; n++ {
		prev, taken := cr.seen[id]
		if !taken {
			break
		}
		if prev == key {
			return
		}
		id = fmt.Sprintf("%s-%d", o.ID, n)
	}
	o.ID = id
	cr.seen[id] = key
	b.Offerings = append(b.Offerings, o)
}

// contentKey identifies an offering's content apart from its id and the
// page it was found on (also as the URL it defaults to).
func contentKey(o catalog.Offering) string {
	if o.URL == o.Provenance.SourceURL {
		o.URL = ""
	}
	o.ID, o.Provenance = "", catalog.Provenance{}
	b, _ := json.Marshal(o)
	return string(b)
}

func isHTML(r *colly.Response) bool {
	ct := r.Headers.Get("Content-Type")
	if ct == "" {
		ct = http.DetectContentType(r.Body)
	}
	mt, _, _ := mime.ParseMediaType(ct)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decoded returns the page as UTF-8. colly converts what the
// Content-Type header declares; a page that names its charset only in a
// <meta> tag, or nowhere, is decoded the way a browser would: by BOM, <meta>
// or, failing those, UTF-8 if it is valid and Windows-1252 otherwise.
func decoded(r *colly.Response) io.Reader {
	ct := r.Headers.Get("Content-Type")
	if strings.Contains(strings.ToLower(ct), "charset") {
		return bytes.NewReader(r.Body)
	}
	rd, err := charset.NewReader(bytes.NewReader(r.Body), ct)
	if err != nil {
		return bytes.NewReader(r.Body)
	}
	return rd
}

func alreadyVisited(err error) bool {
	var av *colly.AlreadyVisitedError
	return errors.As(err, &av)
}
