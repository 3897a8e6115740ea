package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// searchParams are the parameters /api/v1/search accepts. Anything else is
// refused, so that a misspelt filter is not silently ignored.
var searchParams = []string{"q", "municipality", "mode", "school_type", "pace", "start_from", "start_to",
	"page", "per_page", "sort", "lang"}

const (
	maxQueryLength = 200
	maxPerPage     = 100
	// maxResultWindow bounds deep paging, which costs the index more the
	// deeper it goes; nobody reads past it.
	maxResultWindow = 10000
)

func (s *Server) search(c *gin.Context) {
	q, lang, err := parseSearch(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	res, err := s.Index.Search(c.Request.Context(), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	hits, err := s.Store.OfferingsByIDs(c.Request.Context(), res.IDs)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := searchResponse{Total: res.Total, Page: q.Page, PerPage: q.PerPage, Hits: make([]hit, 0, len(hits)),
		Facets: map[string][]catalog.FacetValue{}}
	for i := range hits {
		out.Hits = append(out.Hits, toHit(&hits[i]))
	}
	for _, name := range []string{catalog.FacetMunicipality, catalog.FacetMode, catalog.FacetSchoolType, catalog.FacetPace} {
		values := res.Facets[name]
		labelled := make([]catalog.FacetValue, 0, len(values))
		for _, v := range values {
			v.Label = facetLabel(name, v.Value, lang)
			labelled = append(labelled, v)
		}
		out.Facets[name] = labelled
	}
	c.JSON(http.StatusOK, out)
}

type searchResponse struct {
	Total   int                             `json:"total"`
	Page    int                             `json:"page"`
	PerPage int                             `json:"per_page"`
	Hits    []hit                           `json:"hits"`
	Facets  map[string][]catalog.FacetValue `json:"facets"`
}

type hit struct {
	ID                string           `json:"id"`
	Title             string           `json:"title"`
	TitleEN           string           `json:"title_en,omitempty"`
	Provider          catalog.Provider `json:"provider"`
	SchoolType        string           `json:"school_type"`
	Municipalities    []string         `json:"municipalities"`
	Towns             []string         `json:"towns,omitempty"`
	Mode              catalog.Mode     `json:"mode"`
	MandatorySessions int              `json:"mandatory_sessions"`
	Pace              *int             `json:"pace"`
	TimeOfStudy       string           `json:"time_of_study,omitempty"`
	Start             *string          `json:"start"`
	End               *string          `json:"end"`
	RollingStart      bool             `json:"rolling_start"`
	ApplicationLast   *string          `json:"application_last"`
	Credits           float64          `json:"credits,omitempty"`
	CreditSystem      string           `json:"credit_system,omitempty"`
	URL               string           `json:"url,omitempty"`
	Source            string           `json:"source"`
}

func toHit(o *catalog.Offering) hit {
	h := hit{ID: o.ID, Title: o.Title, TitleEN: o.TitleEN, Provider: catalog.Provider{ID: o.Provider.ID, Name: o.Provider.Name},
		SchoolType: o.SchoolType, Municipalities: o.Municipalities, Towns: o.Towns, Mode: o.Mode,
		MandatorySessions: o.MandatorySessions, TimeOfStudy: o.TimeOfStudy, RollingStart: o.RollingStart,
		Start: day(o.Start), End: day(o.End), ApplicationLast: day(o.ApplicationLast),
		Credits: o.Credits, CreditSystem: o.CreditSystem, URL: o.URL, Source: o.Provenance.Source}
	if h.Municipalities == nil {
		h.Municipalities = []string{}
	}
	if o.Pace > 0 {
		h.Pace = &o.Pace
	}
	return h
}

// day formats a calendar date, or nil for an unknown one.
func day(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

func facetLabel(facet, value, lang string) string {
	switch facet {
	case catalog.FacetMunicipality:
		if n, ok := data.MunicipalityName(value); ok {
			return n
		}
	case catalog.FacetMode:
		if l, ok := catalog.ModeLabels[catalog.Mode(value)]; ok {
			return l.In(lang)
		}
	case catalog.FacetSchoolType:
		if l, ok := catalog.SchoolTypeLabels[value]; ok {
			return l.In(lang)
		}
	case catalog.FacetPace:
		return value + " %"
	}
	return value
}

// parseSearch validates the query string into a SearchQuery. Every error
// names the parameter at fault.
func parseSearch(v url.Values) (catalog.SearchQuery, string, error) {
	q := catalog.SearchQuery{Page: 1, PerPage: 20, Sort: catalog.SortRelevance}
	for name := range v {
		if !slices.Contains(searchParams, name) {
			return q, "", catalog.Invalid(name, "unknown parameter; accepted: %s", strings.Join(searchParams, ", "))
		}
	}
	single := func(name string) (string, error) {
		if len(v[name]) > 1 {
			return "", catalog.Invalid(name, "give %s at most once", name)
		}
		return strings.TrimSpace(v.Get(name)), nil
	}

	text, err := single("q")
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

	for _, m := range values(v, "municipality") {
		if _, ok := data.MunicipalityName(m); !ok {
			return q, "", catalog.Invalid("municipality", "%q is not a municipality code (4 digits, e.g. 2380 for Östersund)", m)
		}
		q.Municipalities = append(q.Municipalities, m)
	}
	for _, m := range values(v, "mode") {
		if !catalog.Mode(m).Valid() {
			return q, "", catalog.Invalid("mode", "%q is not one of onsite, online, blended", m)
		}
		q.Modes = append(q.Modes, catalog.Mode(m))
	}
	for _, t := range values(v, "school_type") {
		t = strings.ToUpper(t)
		if _, ok := catalog.SchoolTypeLabels[t]; !ok {
			return q, "", catalog.Invalid("school_type", "%q is not a known school type (e.g. HS, YH, FHS, VUXGY, VUXSFI, AUB)", t)
		}
		q.SchoolTypes = append(q.SchoolTypes, t)
	}
	for _, p := range values(v, "pace") {
		n, err := strconv.Atoi(strings.TrimSuffix(p, "%"))
		if err != nil || n < 1 || n > 100 {
			return q, "", catalog.Invalid("pace", "%q is not a percentage between 1 and 100", p)
		}
		q.Paces = append(q.Paces, n)
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
	if q.Page, err = intParam(v, "page", 1, 1, maxResultWindow); err != nil {
		return q, "", err
	}
	if q.PerPage, err = intParam(v, "per_page", 20, 1, maxPerPage); err != nil {
		return q, "", err
	}
	if q.Page*q.PerPage > maxResultWindow {
		return q, "", catalog.Invalid("page", "results beyond the first %d are not served; narrow the search", maxResultWindow)
	}
	sort, err := single("sort")
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
	lang, err := single("lang")
	if err != nil {
		return q, "", err
	}
	if lang != "" && lang != "sv" && lang != "en" {
		return q, "", catalog.Invalid("lang", "%q is not sv or en", lang)
	}
	return q, lang, nil
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
