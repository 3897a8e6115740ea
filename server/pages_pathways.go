package server

import (
	"fmt"
	"net/url"
	"time"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/pathway"
	"kurskatalog/frontend"
)

// The occupation page's pathway section (the steps from a starting point,
// pathway.Find, the same as /api/v1/occupations/{ssyk}/pathways) and its
// validation offers.

// pathwayShown is how many courses a group of a step lists.
const pathwayShown = 5

type pathwaysView struct {
	Municipality, MuniName string
	From                   string
	Starts                 []option
	Hidden                 []hiddenField
	FormAction             string
	Steps                  []pathwayStepView
	NeedsHigher            int
	Validation             []resultItem
	ValidationURL          string
}

type pathwayStepView struct {
	ID, Label string
	Number    int
	Groups    []pathwayGroupView
}

type pathwayGroupView struct {
	Heading   string
	Items     []resultItem
	More      int
	Nearest   []resultItem
	Elsewhere int
}

// pathwaysSection builds the section for the occupation ssyk (its
// canonical group holds the courses, leading) as seen from muni ("" when
// none is chosen) and the starting point from.
func (s *Server) pathwaysSection(cd *coverage.Data, leading []catalog.Offering, ssyk, canonical, muni, from, lang string) (pathwaysView, error) {
	m := pages.Messages
	start, err := pathway.ParseStart(from)
	if err != nil {
		return pathwaysView{}, err
	}
	v := pathwaysView{Municipality: muni, From: string(start), FormAction: occupationPath(ssyk)}
	v.MuniName, _ = data.MunicipalityName(muni)
	for _, st := range pathway.Starts {
		v.Starts = append(v.Starts, option{Value: string(st), Label: m.T(lang, "pathway.from."+string(st)), Selected: st == start})
	}
	if muni != "" {
		v.Hidden = append(v.Hidden, hiddenField{"municipality", muni})
	}
	if lang != frontend.DefaultLanguage {
		v.Hidden = append(v.Hidden, hiddenField{"lang", lang})
	}
	today := s.today()
	v.Validation = validationItems(leading, lang, today)
	v.ValidationURL = withQuery("/", langValues(url.Values{"occupation": {canonical}, catalog.FacetValidation: {catalog.ValidationOffered}}, lang))
	if muni == "" {
		return v, nil
	}
	p, err := pathway.Build(cd, pathway.Query{Occupation: canonical, Municipality: muni, From: start, Params: coverage.DefaultParams(today)})
	if err != nil {
		return v, err
	}
	v.NeedsHigher = p.NeedsHigher
	items := func(key string, list []pathway.Course, km bool) []resultItem {
		var out []resultItem
		for i, c := range list {
			h := courseHit{Offering: *c.Offering(), Intakes: c.Intakes}
			it := toCourseItem(&h, fmt.Sprintf("%s-%d", key, i+1), lang, today)
			if km && c.Km > 0 {
				it.Where += " " + m.T(lang, "occupation.km", max(5, int(c.Km/5+0.5)*5))
			}
			out = append(out, it)
		}
		return out
	}
	for i, st := range p.Steps {
		sv := pathwayStepView{ID: "step-" + string(st.Kind), Number: i + 1, Label: m.T(lang, "pathway.step."+string(st.Kind))}
		for j, g := range st.Groups {
			gv := pathwayGroupView{Heading: catalog.SchoolTypeLabels[g.SchoolType].In(lang), Elsewhere: g.Elsewhere}
			if g.Requirement != nil {
				gv.Heading = m.N(lang, "pathway.requirement", g.NeededBy, g.Requirement.Label)
			}
			key := fmt.Sprintf("%s-%d", sv.ID, j+1)
			shown := g.Courses[:min(len(g.Courses), pathwayShown)]
			gv.Items, gv.More = items(key, shown, false), len(g.Courses)-len(shown)
			gv.Nearest = items(key+"-near", g.Nearest, true)
			sv.Groups = append(sv.Groups, gv)
		}
		v.Steps = append(v.Steps, sv)
	}
	return v, nil
}

// validationItems are the current validation offers of leading (the
// offerings mapped to an occupation), as course cards.
func validationItems(leading []catalog.Offering, lang string, today time.Time) []resultItem {
	var list []*catalog.Offering
	for i := range leading {
		o := &leading[i]
		if o.Validation && !o.Cancelled && catalog.IsCurrent(o, today) {
			list = append(list, o)
		}
	}
	sortByStart(list)
	var out []resultItem
	for i, h := range groupCourses(list) {
		out = append(out, toCourseItem(&h, fmt.Sprintf("validation-%d", i+1), lang, today))
	}
	return out
}
