package server

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
)

type coverageGapsArgs struct {
	Municipality string `json:"municipality,omitempty" jsonschema:"one of the county's eight municipalities by SCB code or name (e.g. 2361 or Härjedalen); all eight when left out"`
	Months       int    `json:"months,omitempty" jsonschema:"how many months ahead a course must start, 1-60; default 12"`
	Lang         string `json:"lang,omitempty" jsonschema:"sv (default) or en: the language of occupation names and links"`
}

// coverageGapsResult is /api/v1/coverage's view=gaps, with links.
type coverageGapsResult struct {
	From  string  `json:"from" jsonschema:"the window's first day"`
	To    string  `json:"to" jsonschema:"the window's last day"`
	MaxKm float64 `json:"max_km" jsonschema:"how far a resident travels to study on site, straight line"`
	// MaxSessions bounds the meetings of a distance course that counts.
	MaxSessions int      `json:"max_mandatory_sessions" jsonschema:"the most mandatory meetings a distance course may have to count as reachable"`
	Link        string   `json:"link" jsonschema:"the coverage page"`
	Gaps        []mcpGap `json:"gaps"`
}

type mcpGap struct {
	catalog.Gap
	MunicipalityName string `json:"municipality_name"`
	Link             string `json:"link" jsonschema:"the page of the gap's occupation, for the municipality"`
	NearestLink      string `json:"nearest_link,omitempty" jsonschema:"the page of the closest on-site start beyond the travel distance"`
}

func (s *Server) coverageGapsTool(m *mcp.Server) {
	addTool(s, m, &mcp.Tool{Name: "coverage_gaps", Title: "Coverage gaps",
		Description: "The occupations the county is short of (Arbetsförmedlingen's Yrkesbarometer, brist) that a " +
			"resident of a municipality cannot start training for within the window: no course on site in or near " +
			"the municipality, at a distance with few meetings, or fully online. Each gap names the closest start " +
			"too far away, when there is one.",
		Annotations: readOnly()}, s.coverageGaps)
}

func (s *Server) coverageGaps(ctx context.Context, in coverageGapsArgs) (coverageGapsResult, error) {
	lang, err := toolLang(in.Lang)
	if err != nil {
		return coverageGapsResult{}, err
	}
	months := in.Months
	if months == 0 {
		months = 12
	}
	if months < 1 || months > 60 {
		return coverageGapsResult{}, catalog.Invalid("months", "%d is not a number of months between 1 and 60", in.Months)
	}
	// Asked as the API is asked, so that the window and the limits are
	// read and defaulted in one place.
	until := s.today().AddDate(0, months, 0)
	v := url.Values{"view": {"gaps"}, "to": {until.Format(time.DateOnly)}, "lang": {lang}}
	muni := ""
	if in.Municipality != "" {
		if muni, err = countyMunicipality(url.Values{"municipality": {in.Municipality}}, "municipality"); err != nil {
			return coverageGapsResult{}, err
		}
		v.Set("municipality", muni)
	}
	p, _, _, err := s.parseCoverage(v)
	if err != nil {
		return coverageGapsResult{}, err
	}
	if s.Coverage == nil || s.Taxonomy == nil {
		return coverageGapsResult{}, catalog.Errorf(catalog.ENotFound, "coverage is not available")
	}
	rep, err := coverage.FromStore(ctx, s.Coverage, func(code string) string { return s.Taxonomy.Label(code).In(lang) }, p)
	if err != nil {
		return coverageGapsResult{}, err
	}
	page := url.Values{"months": {strconv.Itoa(months)}}
	if muni != "" {
		page.Set("municipality", muni)
	}
	out := coverageGapsResult{From: p.Today.Format(time.DateOnly), To: p.Until.Format(time.DateOnly), MaxKm: p.MaxKm,
		MaxSessions: p.MaxSessions, Link: s.link(ctx, lang, withQuery("/tackning", page)), Gaps: make([]mcpGap, 0, len(rep.Gaps))}
	for _, g := range rep.Gaps {
		mg := mcpGap{Gap: g}
		mg.MunicipalityName, _ = data.MunicipalityName(g.Municipality)
		mg.SSYK = nonNil(mg.SSYK)
		if len(g.SSYK) > 0 {
			mg.Link = s.link(ctx, lang, withQuery(occupationPath(g.SSYK[0]), url.Values{"municipality": {g.Municipality}}))
		}
		if g.NearestID != "" {
			mg.NearestLink = s.link(ctx, lang, offeringPath(g.NearestID))
		}
		out.Gaps = append(out.Gaps, mg)
	}
	return out, nil
}
