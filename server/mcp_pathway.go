package server

import (
	"context"
	"net/url"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type pathwayArgs struct {
	Occupation   string `json:"occupation" jsonschema:"the occupation: an SSYK 2012 occupation group code (e.g. 5321) or its name in Swedish or English, or part of it"`
	Municipality string `json:"municipality" jsonschema:"where the learner lives: one of the county's eight municipalities by SCB code or name (e.g. 2361 or Härjedalen)"`
	From         string `json:"from,omitempty" jsonschema:"where the learner stands: sfi (no Swedish yet, the default), grundskola, gymnasium or degree"`
	Lang         string `json:"lang,omitempty" jsonschema:"sv (default) or en: the language of labels and links"`
}

// pathwayResult is /api/v1/occupations/{ssyk}/pathways's answer with the
// link to the occupation's page, which shows the same steps.
type pathwayResult struct {
	pathwayJSON
	Link string `json:"link" jsonschema:"the occupation's page with these steps"`
}

func (s *Server) pathwayTool(m *mcp.Server) {
	addTool(s, m, &mcp.Tool{Name: "occupation_pathway", Title: "Steps towards an occupation",
		Description: "The steps a resident of a municipality can take towards an occupation from where they stand " +
			"(SFI, komvux basic and upper-secondary courses, vocational packages, labour-market training, " +
			"yrkeshögskola, university), built from the courses' school types, levels and entry requirements, " +
			"each step with the courses the resident can reach in the coming year, or the nearest when none is.",
		Annotations: readOnly()}, s.pathway)
}

func (s *Server) pathway(ctx context.Context, in pathwayArgs) (pathwayResult, error) {
	code, err := s.occupationCode("occupation", in.Occupation)
	if err != nil {
		return pathwayResult{}, err
	}
	v := url.Values{"municipality": {in.Municipality}}
	if in.From != "" {
		v.Set("from", in.From)
	}
	if in.Lang != "" {
		v.Set("lang", in.Lang)
	}
	p, lang, err := s.findPathway(ctx, code, v)
	if err != nil {
		return pathwayResult{}, err
	}
	page := withQuery(occupationPath(code), url.Values{"municipality": {p.Query.Municipality}, "from": {string(p.Query.From)}})
	return pathwayResult{pathwayJSON: s.pathwayJSON(p, lang, coursesPerGroup, intakesPerHit), Link: s.link(ctx, lang, page) + "#pathways-heading"}, nil
}
