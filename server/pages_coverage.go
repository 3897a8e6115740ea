package server

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/frontend"
)

// The coverage page is the coverage report (data/coverage, the same as
// /api/v1/coverage) for the county's eight municipalities: a grid of
// occupations by municipality with the gaps marked, a map of the gaps, and
// the learning centres with the distance courses one can take there.

// coverageMonths are the time windows the page offers, in months.
var coverageMonths = []int{3, 6, 12, 24}

// The views of the grid: the shortage occupations some municipality lacks,
// or every occupation.
const (
	showShortage = "brist"
	showAll      = "alla"
)

// defaultCoverageMonths is the window the page shows unless asked for
// another.
const defaultCoverageMonths = 12

// distanceShown is how many distance courses the chosen municipality lists.
const distanceShown = 10

// coverageFilter is the page's state: every link and the form carry it.
type coverageFilter struct {
	Show         string // showShortage or showAll
	Field        string // an SSYK major group ("5") or a barometer area, or ""
	Months       int
	Municipality string // the chosen municipality, or ""
	BusMinutes   int    // nearby by bus within this many minutes, or 0 for km
}

func (s *Server) parseCoverageFilter(v url.Values) (coverageFilter, error) {
	f := coverageFilter{Show: showShortage, Months: defaultCoverageMonths}
	if err := onlyParams(v, "visa", "falt", "months", "municipality", "max_bus_minutes", "lang"); err != nil {
		return f, err
	}
	var err error
	if f.BusMinutes, err = parseBusMinutes(v); err != nil {
		return f, err
	}
	switch show := v.Get("visa"); show {
	case "", showShortage:
	case showAll:
		f.Show = showAll
	default:
		return f, catalog.Invalid("visa", "%q is not %s or %s", show, showShortage, showAll)
	}
	f.Field = strings.TrimSpace(v.Get("falt"))
	if f.Field != "" && s.fieldGroups(f.Field) == nil {
		return f, catalog.Invalid("falt", "%q is neither an SSYK major group (0-9) nor an occupational area of the Yrkesbarometer", f.Field)
	}
	if m := v.Get("months"); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil || !slices.Contains(coverageMonths, n) {
			return f, catalog.Invalid("months", "%q is not one of 3, 6, 12 or 24 months", m)
		}
		f.Months = n
	}
	f.Municipality, err = countyMunicipality(v, "municipality")
	return f, err
}

// query is the filter as a link's query, without its defaults.
func (f coverageFilter) query(lang string) url.Values {
	q := url.Values{}
	if f.Show != showShortage {
		q.Set("visa", f.Show)
	}
	if f.Field != "" {
		q.Set("falt", f.Field)
	}
	if f.Months != 12 {
		q.Set("months", strconv.Itoa(f.Months))
	}
	if f.Municipality != "" {
		q.Set("municipality", f.Municipality)
	}
	if f.BusMinutes > 0 {
		q.Set("max_bus_minutes", strconv.Itoa(f.BusMinutes))
	}
	return langValues(q, lang)
}

// fieldGroups tells which SSYK groups belong to a field: an SSYK major
// group by its code, or a barometer area by the groups of its barometer
// occupations. It returns nil for an unknown field.
func (s *Server) fieldGroups(field string) func(ssyk string) bool {
	if g, ok := s.Taxonomy.Group(field); ok && g.Level == 1 {
		return func(ssyk string) bool { return strings.HasPrefix(ssyk, field) }
	}
	groups := map[string]bool{}
	for _, b := range s.Taxonomy.Barometer() {
		if b.Area == field {
			for _, c := range b.SSYK {
				groups[s.Taxonomy.Canonical(c)] = true
			}
		}
	}
	if len(groups) == 0 {
		return nil
	}
	return func(ssyk string) bool { return groups[ssyk] }
}

type coverageView struct {
	Filter         coverageFilter
	ShowOptions    []option
	MajorGroups    []option
	Areas          []option
	FieldAll       bool
	Months         []option
	Municipalities []option
	Hidden         []hiddenField
	Window         string
	Columns        []coverageColumn
	Rows           []coverageRow
	CellsCSV       string
	GapsCSV        string
	Map            mapView
	Chosen         *chosenView
	Centres        []centreGroup
	MaxKm          int
	MaxSessions    int
	Insights       *insightsView // pages_insights.go
	Travel         travelView
}

type coverageColumn struct {
	Code, Name string
	Gaps       int
	Chosen     bool
}

type coverageRow struct {
	SSYK, Name, URL  string
	Recruitment      string
	RecruitmentLabel string
	Gaps             int
	CountyWide       bool // a gap in every municipality: one cell says so
	Columns          int
	Cells            []catalog.CoverageCell
}

func (s *Server) coveragePage(c *gin.Context) {
	lang, err := pageLang(c)
	m := pages.Messages
	p := basePage(c, lang, m.T(lang, "coverage.heading"))
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	if s.Taxonomy == nil {
		s.failPage(c, p, catalog.Errorf(catalog.ENotFound, "coverage is not available"))
		return
	}
	f, err := s.parseCoverageFilter(c.Request.URL.Query())
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	cd, err := s.loadCoverage(c.Request.Context())
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	params := coverage.DefaultParams(s.today())
	params.Until = params.Today.AddDate(0, f.Months, 0)
	params.MaxBusMinutes = f.BusMinutes
	rep, err := s.coverageReport(cd, lang, params)
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	v := coverageView{Filter: f, MaxKm: int(params.MaxKm), MaxSessions: params.MaxSessions,
		Window: m.T(lang, "coverage.window", frontend.FormatDate(m, lang, params.Today), frontend.FormatDate(m, lang, params.Until))}
	v.Travel = travelFor(cd, params, lang)
	s.coverageForm(&v, lang)
	s.coverageGrid(&v, rep, lang, params)
	v.Map, err = coverageMap(v.Columns, f, lang)
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	if v.Centres, err = s.learningCentres(cd, params, f, lang); err != nil {
		s.failPage(c, p, err)
		return
	}
	if f.Municipality != "" {
		if v.Chosen, err = s.chosenMunicipality(cd, f.Municipality, params, lang); err != nil {
			s.failPage(c, p, err)
			return
		}
	}
	if v.Insights, err = s.insightsSection(c.Request.Context(), f.Municipality, lang); err != nil {
		s.failPage(c, p, err)
		return
	}
	s.render(c, 200, "coverage", p, v)
}

// coverageForm fills the filter form's choices.
func (s *Server) coverageForm(v *coverageView, lang string) {
	m, f := pages.Messages, v.Filter
	v.ShowOptions = []option{{Value: showShortage, Label: m.T(lang, "coverage.show.shortage"), Selected: f.Show == showShortage},
		{Value: showAll, Label: m.T(lang, "coverage.show.all"), Selected: f.Show == showAll}}
	v.FieldAll = f.Field == ""
	for _, g := range s.Taxonomy.Groups(1) {
		v.MajorGroups = append(v.MajorGroups, option{Value: g.SSYK, Label: g.SSYK + " " + g.Name.In(lang), Selected: f.Field == g.SSYK})
	}
	var areas []string
	for _, b := range s.Taxonomy.Barometer() {
		if !slices.Contains(areas, b.Area) {
			areas = append(areas, b.Area)
		}
	}
	slices.SortFunc(areas, compareSwedish)
	for _, a := range areas {
		v.Areas = append(v.Areas, option{Value: a, Label: a, Selected: f.Field == a})
	}
	for _, n := range coverageMonths {
		v.Months = append(v.Months, option{Value: strconv.Itoa(n), Label: m.T(lang, "coverage.months", n), Selected: f.Months == n})
	}
	v.Municipalities = municipalityOptions(f.Municipality, m.T(lang, "coverage.municipality.none"))
	if lang != frontend.DefaultLanguage {
		v.Hidden = append(v.Hidden, hiddenField{"lang", lang})
	}
}

// coverageGrid builds the rows of the grid: the report's cells by
// occupation, in the chosen field, and the gaps per municipality. A gap is
// a shortage occupation without a start a resident can reach.
func (s *Server) coverageGrid(v *coverageView, rep coverage.Report, lang string, params coverage.Params) {
	m, f := pages.Messages, v.Filter
	order := countyByName()
	column := map[string]int{}
	for i, code := range order {
		name, _ := data.MunicipalityName(code)
		v.Columns = append(v.Columns, coverageColumn{Code: code, Name: name, Chosen: code == f.Municipality})
		column[code] = i
	}
	inField := func(string) bool { return true }
	if f.Field != "" {
		inField = s.fieldGroups(f.Field)
	}
	rows := map[string]*coverageRow{}
	var codes []string
	for _, cell := range rep.Cells {
		i, ok := column[cell.Municipality]
		if !ok || !inField(cell.SSYK) {
			continue
		}
		r := rows[cell.SSYK]
		if r == nil {
			r = &coverageRow{SSYK: cell.SSYK, Name: cell.Occupation, URL: frontend.Href(lang, occupationPath(cell.SSYK)),
				Recruitment: cell.Recruitment, Cells: make([]catalog.CoverageCell, len(order))}
			if cell.Recruitment != "" {
				r.RecruitmentLabel = m.Label(lang, "demand.recruitment."+cell.Recruitment, cell.Recruitment)
			}
			rows[cell.SSYK] = r
			codes = append(codes, cell.SSYK)
		}
		r.Cells[i] = cell
		if cell.Shortage && cell.Total == 0 {
			r.Gaps++
			v.Columns[i].Gaps++
		}
	}
	var shown []string
	for _, code := range codes {
		r := rows[code]
		if f.Show == showShortage && r.Gaps == 0 {
			continue
		}
		r.CountyWide, r.Columns = r.Gaps == len(order), len(order)
		v.Rows = append(v.Rows, *r)
		shown = append(shown, code)
	}
	// Where the municipalities differ comes first, most gaps first; the
	// gaps of the whole county, one line each, after them.
	slices.SortStableFunc(v.Rows, func(a, b coverageRow) int {
		if a.CountyWide != b.CountyWide {
			if a.CountyWide {
				return 1
			}
			return -1
		}
		if a.Gaps != b.Gaps {
			return b.Gaps - a.Gaps
		}
		return compareSwedish(a.Name, b.Name)
	})
	if len(v.Rows) == 0 {
		return
	}
	q := url.Values{"format": {"csv"}, "from": {params.Today.Format("2006-01-02")}, "to": {params.Until.Format("2006-01-02")}}
	if f.Show == showShortage || f.Field != "" {
		slices.Sort(shown)
		q["occupation"] = shown
	}
	if lang != frontend.DefaultLanguage {
		q.Set("lang", lang)
	}
	if params.MaxBusMinutes > 0 {
		q.Set("max_bus_minutes", strconv.Itoa(params.MaxBusMinutes))
	}
	q.Set("view", "cells")
	v.CellsCSV = "/api/v1/coverage?" + q.Encode()
	q.Set("view", "gaps")
	v.GapsCSV = "/api/v1/coverage?" + q.Encode()
}
