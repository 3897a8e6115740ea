package server

import (
	"cmp"
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
	// The courses whose newest intake the catalogue first saw most
	// recently, each led by that intake: the engine keeps that order, so
	// a national catalogue's feed weighs 50 courses, not every match.
	q.Page, q.PerPage, q.Sort, q.Group = 1, feedEntries, catalog.SortNewest, catalog.GroupCourse
	res, err := s.Index.Search(ctx, q)
	if err != nil {
		s.failPage(c, basePage(c, lang, ""), err)
		return
	}
	newest, err := s.hydrate(ctx, res, 0) // an entry is updated when any intake is
	if err != nil {
		s.failPage(c, basePage(c, lang, ""), err)
		return
	}
	m, base, today := pages.Messages, s.baseURL(c), s.today()
	name := s.describe(q, st, lang)
	canonical := st.Encode()
	f := frontend.Feed{ID: "tag:" + tagAuthority + ":search?" + canonical, Title: m.T(lang, "feed.title", name), Lang: lang,
		SelfURL: base + withQuery("/flode.atom", langValues(st, lang)), PageURL: base + withQuery("/", langValues(st, lang)),
		Author: m.T(lang, "site.name"), Updated: s.Now()}
	for i := range newest {
		h := &newest[i]
		it := toResultItem(&h.Offering, "", lang, today)
		lines := make([]string, 0, len(h.Intakes))
		var published, updated time.Time
		for j := range h.Intakes {
			o := h.Intakes[j]
			lines = append(lines, summary(toResultItem(o, "", lang, today), lang))
			if published.IsZero() || o.Provenance.FirstSeen.After(published) {
				published = o.Provenance.FirstSeen
			}
			if t := cmp.Or(o.Provenance.LastChanged, o.Provenance.FirstSeen); t.After(updated) {
				updated = t
			}
		}
		// A course is one entry, named by its course key so that a new
		// intake updates the entry rather than adding one.
		e := frontend.Entry{ID: "tag:" + tagAuthority + ":course:" + url.PathEscape(catalog.CourseKey(&h.Offering)),
			Title: it.Title, URL: base + it.URL, Author: h.Provider.Name, Summary: strings.Join(lines, "\n"),
			Published: published, Updated: cmp.Or(updated, s.Now())}
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
	m, base, today, now := pages.Messages, s.baseURL(c), s.today(), s.Now()
	cal := frontend.Calendar{ProdID: "-//Region Jämtland Härjedalen//Kurskatalog//" + strings.ToUpper(lang),
		Name: m.T(lang, "calendar.name", s.describe(q, st, lang))}
	// By deadline, earliest first; offerings without one come last, so
	// stop at the first of them.
	// One event per course and deadline: intakes of one course that close
	// on the same day are one thing to remember.
	q.Sort, q.PerPage, q.Today, q.Group = catalog.SortDeadline, calendarPage, today, catalog.GroupIntake
	events := map[string]bool{}
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
			key := catalog.CourseKey(o) + "|" + it.Deadline.Format(time.DateOnly)
			if it.DeadlinePassed || events[key] {
				continue
			}
			events[key] = true
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
