package server

import (
	"context"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/insights"
)

// The coverage page's section on what residents look for and do not find:
// the published search groups (insights.Published) of the last weeks, of
// the chosen municipality or of all, with the API's CSV and JSON.

// insightsShown bounds the section's table; the CSV holds every group.
const insightsShown = 25

type insightsView struct {
	Enabled         bool
	Intro           string
	Caption         string
	Rows            []insightRow
	More            int // groups beyond those shown
	CSVURL, JSONURL string
}

type insightRow struct {
	Week, Municipality, Words string
	Filters                   []string
	Searches, Results         int
	SearchURL                 string
}

// insightsSection reads the groups to show for municipality ("" for all).
func (s *Server) insightsSection(ctx context.Context, municipality, lang string) (*insightsView, error) {
	m := pages.Messages
	if s.Insights == nil {
		return &insightsView{Intro: m.T(lang, "insights.off")}, nil
	}
	groups, err := s.Insights.Published(ctx, municipality, insightsWeeks)
	if err != nil {
		return nil, err
	}
	v := &insightsView{Enabled: true, Intro: m.T(lang, "insights.intro", s.Insights.Few(), insights.K, insightsWeeks),
		Caption: m.N(lang, "insights.caption", len(groups))}
	q := url.Values{"weeks": {strconv.Itoa(insightsWeeks)}}
	if municipality != "" {
		q.Set("municipality", municipality)
		name, _ := data.MunicipalityName(municipality)
		v.Caption = m.N(lang, "insights.caption.municipality", len(groups), name)
	}
	v.JSONURL = "/api/v1/insights?" + q.Encode()
	q.Set("format", "csv")
	v.CSVURL = "/api/v1/insights?" + q.Encode()
	if len(groups) > insightsShown {
		v.More = len(groups) - insightsShown
		groups = groups[:insightsShown]
	}
	for _, g := range groups {
		v.Rows = append(v.Rows, s.insightRow(g, lang))
	}
	return v, nil
}

// insightRow shows a group: the filters by their labels, and a link to the
// same search as it answers now.
func (s *Server) insightRow(g catalog.SearchGroup, lang string) insightRow {
	m := pages.Messages
	r := insightRow{Week: g.Week, Words: g.Words, Searches: g.Searches, Results: g.Results,
		Municipality: m.T(lang, "insights.municipality.none")}
	if name, ok := data.MunicipalityName(g.Municipality); ok {
		r.Municipality = name
	}
	if r.Words == "" {
		r.Words = m.T(lang, "insights.words.none")
	}
	search, _ := url.ParseQuery(g.Filters) // written by searchFilters
	for _, name := range slices.Sorted(maps.Keys(search)) {
		labels := make([]string, 0, len(search[name]))
		for _, val := range search[name] {
			labels = append(labels, s.label(name, val, lang))
		}
		r.Filters = append(r.Filters, m.Label(lang, "facet."+name, name)+": "+strings.Join(labels, ", "))
	}
	if g.Words != "" {
		search.Set("q", g.Words)
	}
	if g.Municipality != "" {
		search.Set(catalog.FacetMunicipality, g.Municipality)
	}
	r.SearchURL = withQuery("/", langValues(search, lang))
	return r
}
