package server

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// searchCoursesArgs are /api/v1/search's filters under the same names; they
// are handed to the API's parser as its parameters, so that each filter is
// read, checked and explained in one place.
type searchCoursesArgs struct {
	Q               string   `json:"q,omitempty" jsonschema:"words to search for, in Swedish or English (e.g. undersköterska, welding, svenska för invandrare); leave out to list every current course"`
	Municipality    []string `json:"municipality,omitempty" jsonschema:"municipalities where the course is held on site, by SCB code or name (e.g. 2380 or Östersund); several are ORed"`
	IncludeDistance bool     `json:"include_distance,omitempty" jsonschema:"with municipality: also distance courses, which can be taken from anywhere"`
	Mode            []string `json:"mode,omitempty" jsonschema:"onsite, online (no meetings) or blended (distance with some mandatory meetings)"`
	SchoolType      []string `json:"school_type,omitempty" jsonschema:"EMIL3 school types: HS (university), YH (higher vocational), FHS (folk high school), VUXGR and VUXGY (komvux), VUXSFI (Swedish for immigrants), AUB (labour-market training), KKU, STF"`
	Occupation      []string `json:"occupation,omitempty" jsonschema:"occupations the course leads to, by SSYK 2012 code (e.g. 5321) or name (e.g. undersköterskor)"`
	Pace            []int    `json:"pace,omitempty" jsonschema:"study pace in percent of full time (e.g. 50 or 100)"`
	StartFrom       string   `json:"start_from,omitempty" jsonschema:"earliest start date, YYYY-MM-DD"`
	StartTo         string   `json:"start_to,omitempty" jsonschema:"latest start date, YYYY-MM-DD"`
	ApplicationOpen string   `json:"application_open,omitempty" jsonschema:"true for courses one can apply to today, or a date (YYYY-MM-DD) on which applications must be open"`
	Page            int      `json:"page,omitempty" jsonschema:"page of results, from 1"`
	PerPage         int      `json:"per_page,omitempty" jsonschema:"courses per page, 1-100; default 10"`
	Lang            string   `json:"lang,omitempty" jsonschema:"sv (default) or en: the language of the labels and links"`
}

// searchCoursesResult is a page of courses, each with its matching intakes.
type searchCoursesResult struct {
	Total        int  `json:"total" jsonschema:"courses that match"`
	TotalIntakes int  `json:"total_intakes" jsonschema:"intakes (offerings) that match"`
	Page         int  `json:"page"`
	PerPage      int  `json:"per_page"`
	Relaxed      bool `json:"relaxed" jsonschema:"no course matched every word, so these match all words but one"`
	// Link is the search page with the same filters.
	Link    string      `json:"link" jsonschema:"the catalogue's search page with these filters"`
	Courses []mcpCourse `json:"courses"`
}

// mcpCourse is a search hit with links to its pages.
type mcpCourse struct {
	hit
	Link    string      `json:"link" jsonschema:"the course's page"`
	Intakes []mcpIntake `json:"intakes" jsonschema:"the course's first 10 intakes that match, soonest first; intakes_total counts them all"`
}

type mcpIntake struct {
	intake
	Link string `json:"link" jsonschema:"the intake's page"`
}

func (s *Server) searchCoursesTool(m *mcp.Server) {
	addTool(s, m, &mcp.Tool{Name: "search_courses", Title: "Search courses",
		Description: "Search the adult-education courses and programmes of Jämtland Härjedalen (Sweden) and the " +
			"distance courses open to its residents, with the filters of the catalogue's search. A course is " +
			"one provider's course with its intakes (starts, places, modes); only current intakes are shown. " +
			"Answers the totals and one page of courses, each with a link to its page.",
		Annotations: readOnly()}, s.searchCourses)
}

func (s *Server) searchCourses(ctx context.Context, in searchCoursesArgs) (searchCoursesResult, error) {
	v := url.Values{}
	set := func(name, value string) {
		if value != "" {
			v.Set(name, value)
		}
	}
	set("q", in.Q)
	v["municipality"] = in.Municipality
	v["mode"] = in.Mode
	v["school_type"] = in.SchoolType
	for _, o := range in.Occupation {
		code, err := s.occupationCode("occupation", o)
		if err != nil {
			return searchCoursesResult{}, err
		}
		v.Add("occupation", code)
	}
	for _, p := range in.Pace {
		v.Add("pace", strconv.Itoa(p))
	}
	set("start_from", in.StartFrom)
	set("start_to", in.StartTo)
	set("application_open", in.ApplicationOpen)
	if in.IncludeDistance {
		v.Set("include_distance", "true")
	}
	set("lang", in.Lang)
	for name, vals := range v {
		if len(vals) == 0 {
			delete(v, name)
		}
	}
	page := cloneValues(v) // the search page's address: its own paging
	if in.Page != 0 {
		v.Set("page", strconv.Itoa(in.Page))
	}
	v.Set("per_page", "10")
	if in.PerPage != 0 {
		v.Set("per_page", strconv.Itoa(in.PerPage))
	}
	res, _, err := s.searchAPI(ctx, v)
	if err != nil {
		return searchCoursesResult{}, err
	}
	out := searchCoursesResult{Total: res.Total, TotalIntakes: res.TotalIntakes, Page: res.Page, PerPage: res.PerPage,
		Relaxed: res.Relaxed, Link: s.link(ctx, "", withQuery("/", page)), Courses: make([]mcpCourse, 0, len(res.Hits))}
	for i, h := range res.Hits {
		c := mcpCourse{hit: h, Link: s.link(ctx, in.Lang, offeringPath(h.ID)), Intakes: []mcpIntake{}}
		var kept []intakeJSON // none when the search is not grouped by course
		if i < len(res.intakes) {
			kept = res.intakes[i]
		}
		for _, raw := range kept {
			var it intake
			if err := json.Unmarshal(raw, &it); err != nil {
				return searchCoursesResult{}, err
			}
			c.Intakes = append(c.Intakes, mcpIntake{intake: it, Link: s.link(ctx, in.Lang, offeringPath(it.ID))})
		}
		out.Courses = append(out.Courses, c)
	}
	return out, nil
}

// readOnly marks a tool that only reads the catalogue.
func readOnly() *mcp.ToolAnnotations {
	return &mcp.ToolAnnotations{ReadOnlyHint: true, OpenWorldHint: new(false)}
}
