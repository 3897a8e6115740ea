package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
)

var coverageParams = []string{"municipality", "occupation", "from", "to", "max_km", "max_bus_minutes", "max_mandatory_sessions",
	"max_sessions", "view", "format", "lang"}

// coverage answers which occupations' courses a resident of each of the
// region's municipalities can reach in a time window, and where the
// county's shortage occupations have none (the gaps). JSON by default; CSV
// with format=csv or Accept: text/csv, one view at a time.
func (s *Server) coverage(c *gin.Context) {
	p, view, lang, err := s.parseCoverage(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	d, err := s.loadCoverage(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	rep, err := s.coverageReport(d, lang, p)
	if err != nil {
		s.fail(c, err)
		return
	}
	format := c.Query("format")
	if format == "" && strings.Contains(c.GetHeader("Accept"), "text/csv") {
		format = "csv"
	}
	if format != "csv" {
		c.JSON(http.StatusOK, coverageJSON(rep, view))
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="tackning-`+view+`.csv"`)
	c.Status(http.StatusOK)
	if view == "cells" {
		err = coverage.WriteCellsCSV(c.Writer, rep.Cells)
	} else {
		err = coverage.WriteGapsCSV(c.Writer, rep.Gaps)
	}
	if err != nil {
		s.Log.Error("Writing coverage CSV", "error", err)
	}
}

func (s *Server) parseCoverage(v url.Values) (coverage.Params, string, string, error) {
	p := coverage.DefaultParams(s.today())
	for name := range v {
		if !slices.Contains(coverageParams, name) {
			return p, "", "", catalog.Invalid(name, "unknown parameter; accepted: %s", strings.Join(coverageParams, ", "))
		}
	}
	if ms := values(v, "municipality"); len(ms) > 0 {
		p.Municipalities = nil
		for _, m := range ms {
			code, err := municipalityParam("municipality", m)
			if err != nil {
				return p, "", "", err
			}
			if !slices.Contains(p.Municipalities, code) {
				p.Municipalities = append(p.Municipalities, code)
			}
		}
	}
	for _, o := range values(v, "occupation") {
		if g, ok := s.Taxonomy.Group(o); !ok || g.Level != 4 {
			return p, "", "", catalog.Invalid("occupation", "%q is not an SSYK 2012 occupation group (4 digits, e.g. 5321)", o)
		}
		p.Occupations = append(p.Occupations, o)
	}
	from, err := dateParam(v, "from")
	if err != nil {
		return p, "", "", err
	}
	if !from.IsZero() {
		p.Today = from
	}
	if p.Until, err = dateParam(v, "to"); err != nil {
		return p, "", "", err
	}
	if !p.Until.IsZero() && p.Until.Before(p.Today) {
		return p, "", "", catalog.Invalid("to", "is before from")
	}
	if km := v.Get("max_km"); km != "" {
		f, err := strconv.ParseFloat(km, 64)
		// Written as "not within" so that NaN, which fails every
		// comparison, is refused too; ParseFloat reads "NaN" and "Inf".
		if err != nil || !(f >= 0 && f <= 1000) {
			return p, "", "", catalog.Invalid("max_km", "%q is not a distance in km between 0 and 1000", km)
		}
		p.MaxKm = f
	}
	if p.MaxBusMinutes, err = intParam(v, "max_bus_minutes", 0, 1, 600); err != nil {
		return p, "", "", err
	}
	// max_sessions is the former name of max_mandatory_sessions, the
	// search's name for the same limit; it keeps working.
	sessions := "max_mandatory_sessions"
	if v.Has("max_sessions") {
		if v.Has(sessions) {
			return p, "", "", catalog.Invalid("max_sessions", "give max_mandatory_sessions only (max_sessions is its former name)")
		}
		sessions = "max_sessions"
	}
	if p.MaxSessions, err = intParam(v, sessions, p.MaxSessions, 0, 100); err != nil {
		return p, "", "", err
	}
	view := v.Get("view")
	switch view {
	case "":
		view = "gaps"
		if v.Get("format") != "csv" {
			view = "both"
		}
	case "cells", "gaps":
	default:
		return p, "", "", catalog.Invalid("view", "%q is not cells or gaps", view)
	}
	if f := v.Get("format"); f != "" && f != "csv" && f != "json" {
		return p, "", "", catalog.Invalid("format", "%q is not csv or json", f)
	}
	lang := v.Get("lang")
	if lang != "" && lang != "sv" && lang != "en" {
		return p, "", "", catalog.Invalid("lang", "%q is not sv or en", lang)
	}
	return p, view, lang, nil
}

// coverageResponse is the report as JSON: the views asked for, each an
// array even when empty; a view not asked for is left out rather than
// shown as an empty list, which would say there is nothing.
type coverageResponse struct {
	Cells  *[]catalog.CoverageCell `json:"cells,omitempty"`
	Gaps   *[]catalog.Gap          `json:"gaps,omitempty"`
	Travel coverage.Travel         `json:"travel"`
}

func coverageJSON(rep coverage.Report, view string) coverageResponse {
	out := coverageResponse{Travel: rep.Travel}
	if view != "gaps" {
		cells := nonNil(rep.Cells)
		out.Cells = &cells
	}
	if view != "cells" {
		gaps := nonNil(rep.Gaps)
		out.Gaps = &gaps
	}
	return out
}

// nonNil is s, or an empty slice for nil, so that JSON says [] rather
// than null for an array the API declares.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
