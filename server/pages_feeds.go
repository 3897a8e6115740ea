package server

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
	"kurskatalog/frontend"
)

// A search can be followed: its newest offerings as an Atom feed and its
// application deadlines as an iCalendar file. Both take the search page's
// parameters; paging and sorting are theirs.

const (
	feedEntries    = 50
	calendarEvents = 500
	calendarPage   = 200
	// tagAuthority names the catalogue in permanent ids (RFC 4151 tag URIs),
	// which must not change when the service moves host.
	tagAuthority = "kurskatalog.regionjh.se,2026"
)

// firstSeenStore tells when offerings first appeared without reading them.
type firstSeenStore interface {
	FirstSeen(ctx context.Context, ids []string) (map[string]time.Time, error)
}

// followQuery parses a followed search: the page's parameters without
// page, per_page and sort.
func (s *Server) followQuery(c *gin.Context) (q catalog.SearchQuery, st url.Values, lang string, err error) {
	lang, langErr := pageLang(c)
	raw := c.Request.URL.Query()
	for _, name := range []string{"page", "per_page", "sort"} {
		raw.Del(name)
	}
	q, _, err = s.searchQuery(raw)
	if err == nil {
		err = langErr
	}
	st = searchState(raw)
	return q, st, lang, err
}

// describe names a followed search: its words and filters, or "all".
func (s *Server) describe(q catalog.SearchQuery, st url.Values, lang string) string {
	var parts []string
	if q.Text != "" {
		parts = append(parts, "”"+q.Text+"”")
	}
	for _, name := range sortedKeys(st) {
		if slices.Contains(singleParams, name) {
			continue
		}
		for _, v := range st[name] {
			parts = append(parts, s.label(name, v, lang))
		}
	}
	if len(parts) == 0 {
		return pages.Messages.T(lang, "feed.all")
	}
	return strings.Join(parts, ", ")
}

func (s *Server) atomFeed(c *gin.Context) {
	q, st, lang, err := s.followQuery(c)
	if err != nil {
		s.failPage(c, basePage(c, lang, ""), err)
		return
	}
	ctx := c.Request.Context()
	// The index orders by relevance, start, deadline or title; "newest"
	// is when the store first saw an offering, so take every match's id,
	// order them by that and read only the newest.
	q.Page, q.PerPage, q.Sort = 1, maxResultWindow, catalog.SortStart
	res, err := s.Index.Search(ctx, q)
	if err != nil {
		s.failPage(c, basePage(c, lang, ""), err)
		return
	}
	newest, err := s.newestOfferings(ctx, res.IDs, feedEntries)
	if err != nil {
		s.failPage(c, basePage(c, lang, ""), err)
		return
	}
	m, base, today := pages.Messages, baseURL(c), s.today()
	name := s.describe(q, st, lang)
	canonical := st.Encode()
	f := frontend.Feed{ID: "tag:" + tagAuthority + ":search?" + canonical, Title: m.T(lang, "feed.title", name), Lang: lang,
		SelfURL: base + withQuery("/flode.atom", langValues(st, lang)), PageURL: base + withQuery("/", langValues(st, lang)),
		Author: m.T(lang, "site.name"), Updated: s.Now()}
	for i := range newest {
		o := &newest[i]
		it := toResultItem(o, "", lang, today)
		e := frontend.Entry{ID: "tag:" + tagAuthority + ":offering:" + o.ID, Title: it.Title, URL: base + it.URL,
			Author: o.Provider.Name, Summary: summary(it, lang), Published: o.Provenance.FirstSeen,
			Updated: cmp.Or(o.Provenance.LastChanged, o.Provenance.FirstSeen, s.Now())}
		f.Entries = append(f.Entries, e)
		if i == 0 || e.Updated.After(f.Updated) {
			f.Updated = e.Updated
		}
	}
	c.Header("Content-Type", "application/atom+xml; charset=utf-8")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Status(http.StatusOK)
	if err := frontend.WriteAtom(c.Writer, f); err != nil {
		s.Log.Error("Feed write failed", "error", err)
	}
}

// newestOfferings returns up to n of ids by when they were first seen,
// newest first (ties by id).
func (s *Server) newestOfferings(ctx context.Context, ids []string, n int) ([]catalog.Offering, error) {
	fs, ok := s.Store.(firstSeenStore)
	if !ok {
		// Without the cheap look-up, read them all.
		all, err := s.Store.OfferingsByIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		slices.SortFunc(all, func(a, b catalog.Offering) int {
			return byNewest(a.ID, b.ID, a.Provenance.FirstSeen, b.Provenance.FirstSeen)
		})
		return all[:min(n, len(all))], nil
	}
	seen, err := fs.FirstSeen(ctx, ids)
	if err != nil {
		return nil, err
	}
	order := slices.Clone(ids)
	slices.SortFunc(order, func(a, b string) int { return byNewest(a, b, seen[a], seen[b]) })
	return s.Store.OfferingsByIDs(ctx, order[:min(n, len(order))])
}

func byNewest(a, b string, ta, tb time.Time) int {
	if c := tb.Compare(ta); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// summary is one line about an offering: provider, where, start, deadline.
func summary(it resultItem, lang string) string {
	m := pages.Messages
	parts := []string{it.Provider, it.Where}
	switch {
	case it.Rolling:
		parts = append(parts, m.T(lang, "start.rolling"))
	case !it.Start.IsZero():
		parts = append(parts, m.T(lang, "fact.start")+": "+frontend.FormatDate(m, lang, it.Start))
	}
	if !it.Deadline.IsZero() {
		parts = append(parts, m.T(lang, "fact.deadline")+": "+frontend.FormatDate(m, lang, it.Deadline))
	}
	return strings.Join(parts, ". ")
}

func (s *Server) deadlinesCalendar(c *gin.Context) {
	q, st, lang, err := s.followQuery(c)
	if err != nil {
		s.failPage(c, basePage(c, lang, ""), err)
		return
	}
	ctx := c.Request.Context()
	m, base, today, now := pages.Messages, baseURL(c), s.today(), s.Now()
	cal := frontend.Calendar{ProdID: "-//Region Jämtland Härjedalen//Kurskatalog//" + strings.ToUpper(lang),
		Name: m.T(lang, "calendar.name", s.describe(q, st, lang))}
	// By deadline, earliest first; offerings without one come last, so
	// stop at the first of them.
	q.Sort, q.PerPage, q.Today = catalog.SortDeadline, calendarPage, today
pages:
	for q.Page = 1; q.Page*q.PerPage <= maxResultWindow; q.Page++ {
		res, err := s.Index.Search(ctx, q)
		if err != nil {
			s.failPage(c, basePage(c, lang, ""), err)
			return
		}
		hits, err := s.Store.OfferingsByIDs(ctx, res.IDs)
		if err != nil {
			s.failPage(c, basePage(c, lang, ""), err)
			return
		}
		for i := range hits {
			o := &hits[i]
			if o.ApplicationLast.IsZero() {
				break pages
			}
			it := toResultItem(o, "", lang, today)
			if it.DeadlinePassed {
				continue
			}
			cal.Events = append(cal.Events, frontend.Event{UID: o.ID + ".deadline@" + strings.Split(tagAuthority, ",")[0],
				Stamp: now, Date: it.Deadline, Summary: m.T(lang, "calendar.summary", it.Title),
				Description: summary(it, lang) + "\n" + base + it.URL, URL: base + it.URL})
			if len(cal.Events) >= calendarEvents {
				break pages
			}
		}
		if len(res.IDs) < q.PerPage {
			break
		}
	}
	c.Header("Content-Type", "text/calendar; charset=utf-8")
	c.Header("Content-Disposition", `inline; filename="`+fmt.Sprintf("%s.ics", m.T(lang, "calendar.file"))+`"`)
	c.Status(http.StatusOK)
	if err := frontend.WriteICalendar(c.Writer, cal); err != nil {
		s.Log.Error("Calendar write failed", "error", err)
	}
}
