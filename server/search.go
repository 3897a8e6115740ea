package server

import (
	"context"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// searchParams are the parameters /api/v1/search accepts: these and one per
// facet (catalog.Facets). Anything else is refused, so that a misspelt
// filter is not silently ignored.
var searchParams = func() []string {
	p := []string{"q"}
	for _, f := range catalog.Facets {
		p = append(p, f.Name)
	}
	return append(p, "start_from", "start_to", "rolling_start", "max_mandatory_sessions", "include_past", "include_distance",
		"group", "page", "per_page", "sort", "lang", "intakes_per_hit")
}()

const (
	maxQueryLength = 200
	maxPerPage     = 100
	// A hit lists the first intakesPerHit of its course's matching
	// intakes, soonest first, and counts them all: a distance course
	// starting every week matches some hundred intakes, and listing them
	// all made one page of twenty courses a megabyte.
	intakesPerHit    = 10
	maxIntakesPerHit = 100
	// maxResultWindow bounds deep paging, which costs the index more the
	// deeper it goes; nobody reads past it.
	maxResultWindow = 10000
)

func (s *Server) search(c *gin.Context) {
	out, q, err := s.searchAPI(c.Request.Context(), c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	s.noteSearch(c, q, out.Total)
	if err := writeSearch(c, &out); err != nil {
		s.fail(c, err)
	}
	out.release()
}

// searchAPI answers a search given as /api/v1/search's parameters: the API
// and the MCP tool both ask it, so that each filter is parsed in one place.
func (s *Server) searchAPI(ctx context.Context, v url.Values) (searchResponse, catalog.SearchQuery, error) {
	q, lang, err := s.searchQuery(v)
	if err != nil {
		return searchResponse{}, q, err
	}
	perHit, err := intParam(v, "intakes_per_hit", intakesPerHit, 1, maxIntakesPerHit)
	if err != nil {
		return searchResponse{}, q, err
	}
	res, err := s.Index.Search(ctx, q)
	if err != nil {
		return searchResponse{}, q, err
	}
	matching := firstIntakes(res, perHit)
	// The hits in full, their courses' intakes as the API's facts only.
	leads, intakes := s.leadMaps.get(), s.intakeMaps.get()
	defer func() { s.leadMaps.put(leads); s.intakeMaps.put(intakes) }()
	if err := s.offerings(ctx, res.IDs, leads); err != nil {
		return searchResponse{}, q, err
	}
	if res.Courses != nil {
		if err := s.intakes(ctx, slices.Concat(res.Courses...), intakes); err != nil {
			return searchResponse{}, q, err
		}
	}
	out := searchResponse{Total: res.Total, TotalIntakes: res.Intakes, Group: q.Group, Page: q.Page, PerPage: q.PerPage,
		Relaxed: res.Relaxed, Facets: map[string][]catalog.FacetValue{}}
	out.hits = keptHits.Get().(*[]hit)
	out.Hits = slices.Grow((*out.hits)[:0], max(len(leads), 1)) // never nil: no hits is [], not null
	eachHit(res, leads, intakes, func(i int, o *catalog.Offering, ins []intakeJSON) {
		h := toHit(o)
		if i < len(matching) {
			h.IntakesTotal = matching[i]
		}
		m := res.Matches[o.ID]
		h.TitleHTML = markAll(o.Title, m.Title)
		h.Snippet = snippet(o.DescriptionText(), m.Description, snippetLength)
		out.Hits = append(out.Hits, h)
		if q.Group == catalog.GroupCourse {
			out.intakes = append(out.intakes, ins)
		}
	})
	// The counts are the index's, shared: labelled in a copy, all facets
	// side by side in one array that the API hands back when written.
	// Never nil: a facet without values is [] in the answer, not null.
	n := 0
	for _, values := range res.Facets {
		n += len(values)
	}
	out.labelled = labelledValues.Get().(*[]catalog.FacetValue)
	all := slices.Grow((*out.labelled)[:0], n)
	if all == nil {
		all = []catalog.FacetValue{}
	}
	for i := range catalog.Facets {
		f := &catalog.Facets[i]
		from := len(all)
		all = append(all, res.Facets[f.Name]...)
		s.labelAll(f.Name, lang, all[from:])
		out.Facets[f.Name] = all[from:len(all):len(all)]
	}
	*out.labelled = all
	return out, q, nil
}

// labelledValues keeps the arrays of the answers' labelled facet values
// for the next answer: every search labels some 400 values, most of them
// municipalities, and new arrays for them were a twentieth of what a
// loaded service allocated.
var labelledValues = sync.Pool{New: func() any { return new([]catalog.FacetValue) }}

// keptHits keeps the answers' arrays of hits for the next answer: a
// page's 20 hits are some 9 KB, and new arrays for them were 7 % of the
// bytes a loaded service allocated.
var keptHits = sync.Pool{New: func() any { return new([]hit) }}

// release hands out's arrays back for the next answer, once it is
// written: nothing may read out after.
func (out *searchResponse) release() {
	if out.labelled != nil && cap(*out.labelled) <= maxLabelled {
		labelledValues.Put(out.labelled)
	}
	if out.hits != nil && cap(out.Hits) <= maxPerPage {
		clear(out.Hits[:cap(out.Hits)]) // what the hits point to is not kept alive
		*out.hits = out.Hits[:0]
		keptHits.Put(out.hits)
	}
	out.labelled, out.Facets, out.hits, out.Hits = nil, nil, nil, nil
}

// maxLabelled bounds the arrays kept: all values of every facet at
// national size, with room.
const maxLabelled = 4096

type searchResponse struct {
	// Total counts the hits: courses when grouped by course (the
	// default), offerings with group=intake; so do the facet counts.
	// TotalIntakes counts the matching offerings either way.
	Total        int    `json:"total"`
	TotalIntakes int    `json:"total_intakes"`
	Group        string `json:"group"`
	Page         int    `json:"page"`
	PerPage      int    `json:"per_page"`
	// Relaxed says that no offering matched every word, so the hits match
	// all words but one.
	Relaxed bool                            `json:"relaxed"`
	Hits    []hit                           `json:"hits"`
	Facets  map[string][]catalog.FacetValue `json:"facets"`
	// intakes are the hits' Intakes, when grouped by course, as kept:
	// encoded (encodeSearch copies them into the answer).
	intakes [][]intakeJSON
	// labelled holds Facets' values, hits Hits' array (release).
	labelled *[]catalog.FacetValue
	hits     *[]hit
}

// hit is one search hit: an offering's facts (its intake), and when the
// search groups by course the course's matching intakes.
type hit struct {
	intake
	Title string `json:"title"`
	// TitleHTML is the title with the words that matched the query marked
	// by <mark>; Snippet a short piece of the description, marked the
	// same way. Both are escaped HTML, safe to insert into a page.
	TitleHTML    string           `json:"title_html"`
	Snippet      string           `json:"snippet,omitempty"`
	TitleEN      string           `json:"title_en,omitempty"`
	Provider     catalog.Provider `json:"provider"`
	SchoolType   string           `json:"school_type"`
	Credits      float64          `json:"credits,omitempty"`
	CreditSystem string           `json:"credit_system,omitempty"`
	Source       string           `json:"source"`
	// Intakes, when grouped by course, are the course's offerings that
	// match the search, soonest first, up to intakes_per_hit; the hit
	// itself is one of them. IntakesTotal counts them all.
	Intakes      []intake `json:"intakes,omitempty"`
	IntakesTotal int      `json:"intakes_total,omitempty"`
}

// intake is what tells the starts of one course apart.
type intake struct {
	ID                string       `json:"id"`
	Municipalities    []string     `json:"municipalities"`
	Towns             []string     `json:"towns,omitempty"`
	Mode              catalog.Mode `json:"mode"`
	MandatorySessions int          `json:"mandatory_sessions"`
	Pace              *int         `json:"pace"`
	TimeOfStudy       string       `json:"time_of_study,omitempty"`
	Start             *string      `json:"start"`
	End               *string      `json:"end"`
	RollingStart      bool         `json:"rolling_start"`
	ApplicationLast   *string      `json:"application_last"`
	URL               string       `json:"url,omitempty"`
}

func toIntake(o *catalog.Offering) intake {
	in := intake{ID: o.ID, Municipalities: o.Municipalities, Towns: o.Towns, Mode: o.Mode,
		MandatorySessions: o.MandatorySessions, TimeOfStudy: o.TimeOfStudy, RollingStart: o.RollingStart,
		Start: day(o.Start), End: day(o.End), ApplicationLast: day(o.ApplicationLast), URL: o.URL}
	in.Municipalities = nonNil(in.Municipalities)
	if o.Pace > 0 {
		// A copy: a pointer into o would keep all of o, description and
		// all, as long as the intake is kept (Server.intakes).
		pace := o.Pace
		in.Pace = &pace
	}
	return in
}

func toHit(o *catalog.Offering) hit {
	return hit{intake: toIntake(o), Title: o.Title, TitleEN: o.TitleEN,
		Provider: catalog.Provider{ID: o.Provider.ID, Name: o.Provider.Name}, SchoolType: o.SchoolType,
		Credits: o.Credits, CreditSystem: o.CreditSystem, Source: o.Provenance.Source}
}

// searchQuery parses a search the way every handler does: the parameters
// (parseSearch), today's date in Sweden, and occupation codes checked
// against the taxonomy, so that a code that names nothing is a 400.
func (s *Server) searchQuery(v url.Values) (catalog.SearchQuery, string, error) {
	q, lang, err := parseSearch(v)
	if err != nil {
		return q, lang, err
	}
	q.Today = s.today()
	if s.Taxonomy != nil {
		for _, code := range q.Filters[catalog.FacetOccupation] {
			if g, ok := s.Taxonomy.Group(code); !ok || g.Level != 4 {
				return q, lang, catalog.Invalid(catalog.FacetOccupation, "%q is not an SSYK 2012 occupation group (4 digits, e.g. 5321)", code)
			}
		}
	}
	return q, lang, nil
}

// day formats a calendar date, or nil for an unknown one.
func day(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// parseSearch validates the query string into a SearchQuery. Every error
// names the parameter at fault. The caller sets the query's Today (which
// application_open=true and hiding the past refer to).
func parseSearch(v url.Values) (catalog.SearchQuery, string, error) {
	q := catalog.SearchQuery{Page: 1, PerPage: 20, Sort: catalog.SortRelevance, Filters: map[string][]string{}}
	for name := range v {
		if !slices.Contains(searchParams, name) {
			return q, "", catalog.Invalid(name, "unknown parameter; accepted: %s", strings.Join(searchParams, ", "))
		}
	}
	text, err := single(v, "q")
	if err != nil {
		return q, "", err
	}
	if !utf8.ValidString(text) {
		return q, "", catalog.Invalid("q", "not valid UTF-8")
	}
	if utf8.RuneCountInString(text) > maxQueryLength {
		return q, "", catalog.Invalid("q", "longer than %d characters", maxQueryLength)
	}
	q.Text = text

	for i := range catalog.Facets {
		f := &catalog.Facets[i]
		if f.Name == catalog.FacetApplicationOpen {
			continue // a date, below
		}
		for _, raw := range values(v, f.Name) {
			parse := f.Parse
			if f.Name == catalog.FacetMunicipality {
				parse = data.ParseMunicipality // a code or a name: the catalogue does not know names
			}
			value, ok := parse(raw)
			if !ok {
				return q, "", catalog.Invalid(f.Name, "%q is not %s", raw, f.Accepts)
			}
			if !slices.Contains(q.Filters[f.Name], value) {
				q.Filters[f.Name] = append(q.Filters[f.Name], value)
			}
		}
	}
	if q.StartFrom, err = dateParam(v, "start_from"); err != nil {
		return q, "", err
	}
	if q.StartTo, err = dateParam(v, "start_to"); err != nil {
		return q, "", err
	}
	if !q.StartFrom.IsZero() && !q.StartTo.IsZero() && q.StartTo.Before(q.StartFrom) {
		return q, "", catalog.Invalid("start_to", "is before start_from")
	}
	open, err := single(v, catalog.FacetApplicationOpen)
	if err != nil {
		return q, "", err
	}
	switch open {
	case "":
	case catalog.ApplicationIsOpen: // the facet's value: open today
		q.Filters[catalog.FacetApplicationOpen] = []string{catalog.ApplicationIsOpen}
	default:
		if q.ApplicationOpen, err = time.ParseInLocation(time.DateOnly, open, catalog.Stockholm); err != nil {
			return q, "", catalog.Invalid(catalog.FacetApplicationOpen, "%q is not true or a date (YYYY-MM-DD)", open)
		}
	}
	if q.RollingStart, err = boolParam(v, "rolling_start"); err != nil {
		return q, "", err
	}
	past, err := boolParam(v, "include_past")
	if err != nil {
		return q, "", err
	}
	q.IncludePast = past != nil && *past
	distance, err := boolParam(v, "include_distance")
	if err != nil {
		return q, "", err
	}
	q.IncludeDistance = distance != nil && *distance
	if s, _ := single(v, "max_mandatory_sessions"); s != "" {
		n, err := intParam(v, "max_mandatory_sessions", 0, 0, 1000)
		if err != nil {
			return q, "", err
		}
		q.MaxMandatorySessions = &n
	}
	if q.Page, err = intParam(v, "page", 1, 1, maxResultWindow); err != nil {
		return q, "", err
	}
	if q.PerPage, err = intParam(v, "per_page", 20, 1, maxPerPage); err != nil {
		return q, "", err
	}
	if q.Page*q.PerPage > maxResultWindow {
		return q, "", catalog.Invalid("page", "results beyond the first %d are not served; narrow the search", maxResultWindow)
	}
	sort, err := single(v, "sort")
	if err != nil {
		return q, "", err
	}
	switch sort {
	case "":
	case catalog.SortRelevance, catalog.SortStart, catalog.SortDeadline, catalog.SortTitle:
		q.Sort = sort
	default:
		return q, "", catalog.Invalid("sort", "%q is not one of relevance, start, deadline, title", sort)
	}
	group, err := single(v, "group")
	if err != nil {
		return q, "", err
	}
	switch group {
	case "", catalog.GroupCourse:
		q.Group = catalog.GroupCourse
	case catalog.GroupIntake:
		q.Group = group
	default:
		return q, "", catalog.Invalid("group", "%q is not course or intake", group)
	}
	lang, err := single(v, "lang")
	if err != nil {
		return q, "", err
	}
	if lang != "" && lang != "sv" && lang != "en" {
		return q, "", catalog.Invalid("lang", "%q is not sv or en", lang)
	}
	return q, lang, nil
}

// single returns a parameter that may be given at most once, trimmed.
func single(v url.Values, name string) (string, error) {
	if len(v[name]) > 1 {
		return "", catalog.Invalid(name, "give %s at most once", name)
	}
	return strings.TrimSpace(v.Get(name)), nil
}

// boolParam reads true or false; nil when the parameter is absent.
func boolParam(v url.Values, name string) (*bool, error) {
	s, err := single(v, name)
	if err != nil || s == "" {
		return nil, err
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return nil, catalog.Invalid(name, "%q is not true or false", s)
	}
	return &b, nil
}

// values returns a repeatable parameter's values, also accepting
// comma-separated lists, without empty items.
func values(v url.Values, name string) []string {
	var out []string
	for _, raw := range v[name] {
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func dateParam(v url.Values, name string) (time.Time, error) {
	if len(v[name]) > 1 {
		return time.Time{}, catalog.Invalid(name, "give %s at most once", name)
	}
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, catalog.Stockholm)
	if err != nil {
		return time.Time{}, catalog.Invalid(name, "%q is not a date (YYYY-MM-DD)", s)
	}
	return t, nil
}

func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	if len(v[name]) > 1 {
		return 0, catalog.Invalid(name, "give %s at most once", name)
	}
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, catalog.Invalid(name, "%q is not an integer between %d and %d", s, lo, hi)
	}
	return n, nil
}

// snippetLength is about how many letters of the description a hit shows.
const snippetLength = 160

// snippet returns about n letters of text around its first match, as HTML:
// escaped, with every match marked by <mark>, and "…" where it is cut.
// Without matches it is the text's beginning.
func snippet(text string, spans []catalog.Span, n int) string {
	spans = validSpans(text, spans)
	if text == "" {
		return ""
	}
	from := 0
	if len(spans) > 0 {
		// Start a few words before the first match.
		from = wordStart(text, max(0, spans[0].Start-n/4))
	}
	to := len(text)
	if utf8.RuneCountInString(text[from:]) > n {
		to = wordEnd(text, from+byteOffset(text[from:], n))
	}
	seg := text[from:to]
	spans = validSpans(seg, shift(spans, from, to))
	if from == 0 && to == len(text) && len(spans) == 0 {
		return html.EscapeString(text) // text itself when nothing needs escaping
	}
	var b strings.Builder
	b.Grow(len(seg) + 2*len("…") + len(spans)*len("<mark></mark>"))
	if from > 0 {
		b.WriteString("…")
	}
	writeMarked(&b, seg, spans)
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// markAll escapes text and marks the spans. Most titles on a page have
// nothing to mark or escape: they come back as they are, not copied.
func markAll(text string, spans []catalog.Span) string {
	spans = validSpans(text, spans)
	if len(spans) == 0 {
		return html.EscapeString(text) // text itself when nothing needs escaping
	}
	var b strings.Builder
	b.Grow(len(text) + len(spans)*len("<mark></mark>"))
	writeMarked(&b, text, spans)
	return b.String()
}

// writeMarked writes text escaped with the spans, valid ones, marked.
func writeMarked(b *strings.Builder, text string, spans []catalog.Span) {
	at := 0
	for _, s := range spans {
		b.WriteString(html.EscapeString(text[at:s.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.Start:s.End]))
		b.WriteString("</mark>")
		at = s.End
	}
	b.WriteString(html.EscapeString(text[at:]))
}

// validSpans keeps the spans that lie within text on character boundaries,
// in order and without overlaps. The index and the store may briefly
// disagree about a text; a stray span must not break it.
func validSpans(text string, spans []catalog.Span) []catalog.Span {
	var out []catalog.Span
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End <= s.Start || s.End > len(text) ||
			!utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
			continue
		}
		out = append(out, s)
		at = s.End
	}
	return out
}

// shift moves the spans within [from, to) to be relative to from.
func shift(spans []catalog.Span, from, to int) []catalog.Span {
	var out []catalog.Span
	for _, s := range spans {
		if s.Start >= from && s.End <= to {
			out = append(out, catalog.Span{Start: s.Start - from, End: s.End - from})
		}
	}
	return out
}

// byteOffset is where the n-th character of s starts.
func byteOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// wordStart moves i back to the start of its word.
func wordStart(text string, i int) int {
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	if j := strings.LastIndexAny(text[:i], " \n"); j >= 0 {
		return j + 1
	}
	return 0
}

// wordEnd moves i forward to the end of its word.
func wordEnd(text string, i int) int {
	if j := strings.IndexAny(text[i:], " \n"); j >= 0 {
		return i + j
	}
	return len(text)
}
