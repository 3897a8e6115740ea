package server

import (
	"context"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"kurskatalog/data/catalog"
)

type getOfferingArgs struct {
	ID   string `json:"id" jsonschema:"the offering's id, as search_courses answers it (e.g. e.aub.lernia.100230)"`
	Lang string `json:"lang,omitempty" jsonschema:"sv (default) or en: the language of the links"`
}

// offeringResult is the offering as /api/v1/offerings/{id} answers it,
// with the links to its page and to the course's other intakes.
type offeringResult struct {
	*catalog.Offering
	Link         string         `json:"link" jsonschema:"the offering's page"`
	OtherIntakes []offeringLink `json:"other_intakes" jsonschema:"the course's other intakes, in start order"`
}

type offeringLink struct {
	ID   string `json:"id"`
	Link string `json:"link"`
}

func (s *Server) offeringTool(m *mcp.Server) {
	addTool(s, m, &mcp.Tool{Name: "get_offering", Title: "Get an offering",
		Description: "One offering (an intake of a course) with everything the catalogue knows: title, provider, " +
			"description, places, mode and mandatory meetings, pace, dates, application period, credits, the " +
			"occupations it leads to with the reason, and the source it was read from.",
		Annotations: readOnly()}, s.getOffering)
}

func (s *Server) getOffering(ctx context.Context, in getOfferingArgs) (offeringResult, error) {
	id := strings.TrimSpace(in.ID)
	if id == "" {
		return offeringResult{}, catalog.Invalid("id", "give the offering's id")
	}
	if !validLang(in.Lang) && in.Lang != "" {
		return offeringResult{}, catalog.Invalid("lang", "%q is not sv or en", in.Lang)
	}
	o, err := s.Store.FindOfferingByID(ctx, id)
	if err != nil {
		return offeringResult{}, err
	}
	o.Municipalities = nonNil(o.Municipalities)
	out := offeringResult{Offering: o, Link: s.link(ctx, in.Lang, offeringPath(o.ID)), OtherIntakes: []offeringLink{}}
	for _, other := range s.Index.Course(o.ID) {
		if other != o.ID {
			out.OtherIntakes = append(out.OtherIntakes, offeringLink{ID: other, Link: s.link(ctx, in.Lang, offeringPath(other))})
		}
	}
	return out, nil
}
