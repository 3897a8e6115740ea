package server

import (
	"context"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/pathway"
	"kurskatalog/frontend"
)

// pathwayParams are what /api/v1/occupations/{ssyk}/pathways accepts.
var pathwayParams = []string{"municipality", "from", "lang", "intakes_per_hit", "courses_per_group"}

// A group lists its first coursesPerGroup courses unless asked for more,
// and counts them all: from a large municipality, the distance courses of
// the whole country are reached, and listing them all made a pathway
// megabytes.
const (
	coursesPerGroup    = 50
	maxCoursesPerGroup = maxResultWindow
)

// pathwayJSON is the steps from a starting point to an occupation.
type pathwayJSON struct {
	Occupation   string        `json:"occupation"`
	Name         string        `json:"name"`
	Municipality string        `json:"municipality"`
	From         pathway.Start `json:"from"`
	WindowFrom   string        `json:"window_from"`
	WindowTo     string        `json:"window_to"`
	MaxKm        float64       `json:"max_km"`
	MaxSessions  int           `json:"max_mandatory_sessions"`
	NeedsHigher  int           `json:"needs_higher_education"`
	Steps        []stepJSON    `json:"steps"`
}

type stepJSON struct {
	Step   pathway.StepKind `json:"step"`
	Label  string           `json:"label"`
	Groups []groupJSON      `json:"groups"`
}

type groupJSON struct {
	SchoolType  string               `json:"school_type"`
	Label       string               `json:"label"`
	Requirement *pathway.Requirement `json:"requirement,omitempty"`
	NeededBy    int                  `json:"needed_by,omitempty"`
	Courses     []pathwayCourse      `json:"courses"`
	// CoursesTotal counts the courses reached, listed in Courses or not.
	CoursesTotal int             `json:"courses_total"`
	Nearest      []pathwayCourse `json:"nearest,omitempty"`
	Elsewhere    int             `json:"elsewhere"`
}

// pathwayCourse is a course as a search hit, with how it is reached.
type pathwayCourse struct {
	hit
	Reach catalog.Reach `json:"reach,omitempty"`
	Km    int           `json:"km,omitempty"`
}

// pathways answers the pathway of a resident of one municipality, from a
// starting point, to an occupation.
func (s *Server) pathways(c *gin.Context) {
	// The sizes first: a pathway is not laid out for an answer refused.
	v := c.Request.URL.Query()
	perHit, err := intParam(v, "intakes_per_hit", intakesPerHit, 1, maxIntakesPerHit)
	perGroup := 0
	if err == nil {
		perGroup, err = intParam(v, "courses_per_group", coursesPerGroup, 1, maxCoursesPerGroup)
	}
	var p pathway.Pathway
	var lang string
	if err == nil {
		p, lang, err = s.findPathway(c.Request.Context(), c.Param("ssyk"), v)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, s.pathwayJSON(p, lang, perGroup, perHit))
}

// findPathway reads the parameters and finds the pathway to occupation
// ssyk: the API's and the MCP tool's.
func (s *Server) findPathway(ctx context.Context, ssyk string, v url.Values) (pathway.Pathway, string, error) {
	if err := onlyParams(v, pathwayParams...); err != nil {
		return pathway.Pathway{}, "", err
	}
	lang, err := single(v, "lang")
	if err != nil {
		return pathway.Pathway{}, "", err
	}
	if lang == "" {
		lang = frontend.DefaultLanguage
	} else if !validLang(lang) {
		return pathway.Pathway{}, "", catalog.Invalid("lang", "%q is not sv or en", lang)
	}
	if s.Coverage == nil || s.Taxonomy == nil {
		return pathway.Pathway{}, lang, catalog.Errorf(catalog.ENotFound, "occupations are not available")
	}
	raw, err := single(v, "municipality")
	if err != nil {
		return pathway.Pathway{}, lang, err
	}
	if raw == "" {
		return pathway.Pathway{}, lang, catalog.Invalid("municipality", "required: the SCB code or name of the municipality the learner lives in")
	}
	muni, err := municipalityParam("municipality", raw)
	if err != nil {
		return pathway.Pathway{}, lang, err
	}
	fromRaw, err := single(v, "from")
	if err != nil {
		return pathway.Pathway{}, lang, err
	}
	from, err := pathway.ParseStart(fromRaw)
	if err != nil {
		return pathway.Pathway{}, lang, err
	}
	cd, err := s.loadCoverage(ctx)
	if err != nil {
		return pathway.Pathway{}, lang, err
	}
	p, err := pathway.Find(cd, s.Taxonomy, pathway.Query{Occupation: ssyk,
		Municipality: muni, From: from, Params: coverage.DefaultParams(s.today())})
	return p, lang, err
}

// pathwayJSON is p as the API answers it: each group with its first
// perGroup courses and their count, each course with its first perHit
// intakes in the window and their count, as a search's hits.
func (s *Server) pathwayJSON(p pathway.Pathway, lang string, perGroup, perHit int) pathwayJSON {
	m := pages.Messages
	params := p.Query.Params
	out := pathwayJSON{Occupation: p.Query.Occupation, Name: s.Taxonomy.Label(p.Query.Occupation).In(lang),
		Municipality: p.Query.Municipality, From: p.Query.From, MaxKm: params.MaxKm, MaxSessions: params.MaxSessions,
		WindowFrom: params.Today.Format("2006-01-02"), WindowTo: params.Today.AddDate(1, 0, 0).Format("2006-01-02"),
		NeedsHigher: p.NeedsHigher, Steps: []stepJSON{}}
	courses := func(list []pathway.Course) []pathwayCourse {
		out := []pathwayCourse{}
		for _, c := range list {
			h := toHit(c.Offering())
			for _, o := range c.Intakes[:min(len(c.Intakes), perHit)] {
				h.Intakes = append(h.Intakes, toIntake(o))
			}
			h.IntakesTotal = len(c.Intakes)
			out = append(out, pathwayCourse{hit: h, Reach: c.Reach, Km: int(c.Km + 0.5)})
		}
		return out
	}
	for _, st := range p.Steps {
		sj := stepJSON{Step: st.Kind, Label: m.T(lang, "pathway.step."+string(st.Kind))}
		for _, g := range st.Groups {
			gj := groupJSON{SchoolType: g.SchoolType, Label: catalog.SchoolTypeLabels[g.SchoolType].In(lang),
				Requirement: g.Requirement, NeededBy: g.NeededBy, Courses: courses(g.Courses[:min(len(g.Courses), perGroup)]),
				CoursesTotal: len(g.Courses), Elsewhere: g.Elsewhere}
			if len(g.Nearest) > 0 {
				gj.Nearest = courses(g.Nearest)
			}
			sj.Groups = append(sj.Groups, gj)
		}
		out.Steps = append(out.Steps, sj)
	}
	return out
}
