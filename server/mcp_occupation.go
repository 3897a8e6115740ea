package server

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
)

type occupationCoursesArgs struct {
	Occupation   string `json:"occupation" jsonschema:"the occupation: an SSYK 2012 occupation group code (e.g. 5321) or its name in Swedish or English, or part of it (e.g. undersköterskor, welders)"`
	Municipality string `json:"municipality,omitempty" jsonschema:"one of the county's eight municipalities by SCB code or name (e.g. 2361 or Härjedalen): the courses are then grouped by how its residents reach them (local, nearby, blended, online, farther)"`
	Lang         string `json:"lang,omitempty" jsonschema:"sv (default) or en: the language of names, headings and links"`
}

// occupationCoursesResult is what the occupation's page shows.
type occupationCoursesResult struct {
	SSYK         string `json:"ssyk"`
	Name         string `json:"name"`
	Link         string `json:"link" jsonschema:"the occupation's page"`
	Municipality string `json:"municipality,omitempty" jsonschema:"the chosen municipality's SCB code"`
	// Shortage is the county's signal: some barometer occupation filed
	// under the group is assessed as short of workers (brist).
	Shortage  bool           `json:"shortage" jsonschema:"the county's employers are short of workers in this occupation (Arbetsförmedlingen's Yrkesbarometer)"`
	Round     string         `json:"round,omitempty" jsonschema:"the Yrkesbarometer round assessed"`
	Barometer []mcpBarometer `json:"barometer" jsonschema:"the Yrkesbarometer occupations filed under the group with the county's assessment"`
	From      string         `json:"from" jsonschema:"the window's first day: courses start from it"`
	To        string         `json:"to" jsonschema:"the window's last day: courses start by it"`
	Total     int            `json:"total" jsonschema:"intakes in the groups (farther not counted)"`
	Groups    []mcpReach     `json:"groups"`
}

type mcpBarometer struct {
	Name             string `json:"name"`
	Assessed         bool   `json:"assessed"`
	Recruitment      string `json:"recruitment,omitempty" jsonschema:"brist (shortage), paradox, balans or överskott"`
	RecruitmentLabel string `json:"recruitment_label,omitempty"`
	JobOpportunities string `json:"job_opportunities,omitempty"`
	Forecast         string `json:"forecast,omitempty"`
}

// mcpReach is the courses reached one way, as the page groups them.
type mcpReach struct {
	Reach   string          `json:"reach" jsonschema:"how they are reached: local, nearby, blended, online or farther with a municipality; onsite, blended or online without"`
	Heading string          `json:"heading"`
	Intakes int             `json:"intakes"`
	Courses []mcpCourseLine `json:"courses" jsonschema:"up to ten courses, programmes first"`
	More    int             `json:"more" jsonschema:"courses not listed"`
	Link    string          `json:"link" jsonschema:"the search for all of them"`
}

// mcpCourseLine is a course as a line of a list.
type mcpCourseLine struct {
	ID              string `json:"id"`
	Title           string `json:"title"`
	Provider        string `json:"provider"`
	SchoolType      string `json:"school_type"`
	Where           string `json:"where"`
	Pace            string `json:"pace,omitempty"`
	Start           string `json:"start,omitempty"`
	RollingStart    bool   `json:"rolling_start"`
	ApplicationLast string `json:"application_last,omitempty"`
	Link            string `json:"link"`
}

func (s *Server) occupationCoursesTool(m *mcp.Server) {
	addTool(s, m, &mcp.Tool{Name: "occupation_courses", Title: "Courses towards an occupation",
		Description: "An occupation (SSYK 2012 group): its name, the county's shortage signal from Arbetsförmedlingen's " +
			"Yrkesbarometer, and the courses leading to it that start in the coming year, grouped by how a resident " +
			"of the chosen municipality reaches them (in the municipality, within travel distance, at a distance with " +
			"few meetings, fully online), or by mode of study without one.",
		Annotations: readOnly()}, s.occupationCourses)
}

func (s *Server) occupationCourses(ctx context.Context, in occupationCoursesArgs) (occupationCoursesResult, error) {
	lang, err := toolLang(in.Lang)
	if err != nil {
		return occupationCoursesResult{}, err
	}
	code, err := s.occupationCode("occupation", in.Occupation)
	if err != nil {
		return occupationCoursesResult{}, err
	}
	muni, err := countyMunicipality(url.Values{"municipality": {in.Municipality}}, "municipality")
	if err != nil {
		return occupationCoursesResult{}, err
	}
	cd, err := s.loadCoverage(ctx)
	if err != nil {
		return occupationCoursesResult{}, err
	}
	g, _ := s.Taxonomy.Group(code)
	canonical := s.Taxonomy.Canonical(code)
	params := coverage.DefaultParams(s.today())
	until := params.Today.AddDate(1, 0, 0) // the page's window
	out := occupationCoursesResult{SSYK: code, Name: g.Name.In(lang), Municipality: muni,
		From: params.Today.Format(time.DateOnly), To: until.Format(time.DateOnly)}
	page := occupationPath(code)
	if muni != "" {
		page = withQuery(page, url.Values{"municipality": {muni}})
	}
	out.Link = s.link(ctx, lang, page)
	views, round := s.barometerViews(canonical, cd.Demand, lang)
	out.Round, out.Barometer = round, []mcpBarometer{}
	for _, b := range views {
		out.Shortage = out.Shortage || b.Recruitment == catalog.RecruitmentShortage
		out.Barometer = append(out.Barometer, mcpBarometer{Name: b.Name, Assessed: b.Assessed, Recruitment: b.Recruitment,
			RecruitmentLabel: b.RecruitmentLabel, JobOpportunities: b.JobOpportunities, Forecast: b.Forecast})
	}
	groups, farther, err := s.reachGroups(cd, canonical, cd.Leading(canonical), muni, params, lang)
	if err != nil {
		return occupationCoursesResult{}, err
	}
	for _, g := range groups {
		out.Total += g.Count
	}
	if farther != nil {
		groups = append(groups, *farther)
	}
	for _, g := range groups {
		r := mcpReach{Reach: strings.TrimPrefix(g.ID, "reach-"), Heading: g.Heading, Intakes: g.Count, More: g.More,
			Link: s.link(ctx, "", g.MoreURL), Courses: []mcpCourseLine{}}
		for _, part := range g.Parts {
			for _, it := range part.Items {
				r.Courses = append(r.Courses, mcpCourseLine{ID: it.ID, Title: it.Title, Provider: it.Provider,
					SchoolType: it.SchoolType, Where: it.Where, Pace: it.Pace, Start: dateText(it.Start),
					RollingStart: it.Rolling, ApplicationLast: dateText(it.Deadline), Link: s.link(ctx, "", it.URL)})
			}
		}
		out.Groups = append(out.Groups, r)
	}
	return out, nil
}

// occupationCode reads an occupation given to parameter name: an SSYK 2012
// occupation group's code, or a name in Swedish or English, whole or a part
// that only one group's name contains. It returns the code.
func (s *Server) occupationCode(name, raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", catalog.Invalid(name, "give an occupation: an SSYK 2012 code (e.g. 5321) or a name")
	}
	if s.Taxonomy == nil {
		return "", catalog.Errorf(catalog.ENotFound, "occupations are not available")
	}
	if strings.Trim(raw, "0123456789") == "" {
		if g, ok := s.Taxonomy.Group(raw); ok && g.Level == 4 {
			return raw, nil
		}
		return "", catalog.Invalid(name, "%q is not an SSYK 2012 occupation group (4 digits, e.g. 5321)", raw)
	}
	want := strings.ToLower(raw)
	var partial []catalog.Occupation
	for _, g := range s.Taxonomy.Groups(4) {
		sv, en := strings.ToLower(g.Name.SV), strings.ToLower(g.Name.EN)
		if sv == want || en == want {
			return g.SSYK, nil
		}
		if strings.Contains(sv, want) || strings.Contains(en, want) {
			partial = append(partial, g)
		}
	}
	canonical := map[string]bool{}
	for _, g := range partial {
		canonical[s.Taxonomy.Canonical(g.SSYK)] = true
	}
	switch {
	case len(partial) == 0:
		return "", catalog.Invalid(name, "no SSYK 2012 occupation group is named %q; give its code (e.g. 5321) or another name", raw)
	case len(canonical) == 1: // groups Arbetsförmedlingen files as one (5321 and 5322)
		return s.Taxonomy.Canonical(partial[0].SSYK), nil
	}
	var some []string
	for _, g := range partial[:min(len(partial), 6)] {
		some = append(some, fmt.Sprintf("%s (%s)", g.Name.SV, g.SSYK))
	}
	return "", catalog.Invalid(name, "%q names %d occupation groups, e.g. %s: give the code", raw, len(partial), strings.Join(some, "; "))
}

// toolLang reads a tool's lang argument: sv when not given.
func toolLang(lang string) (string, error) {
	switch lang {
	case "":
		return "sv", nil
	case "sv", "en":
		return lang, nil
	}
	return "", catalog.Invalid("lang", "%q is not sv or en", lang)
}

// dateText is a calendar date as YYYY-MM-DD, or "" for none.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
