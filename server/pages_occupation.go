package server

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/frontend"
)

// The occupation page: what an SSYK group is, how the county's labour
// market judges it (Yrkesbarometern), and the courses that lead to it,
// grouped by how a resident of a chosen municipality can reach them. The
// reach is the coverage report's own (coverage.Reach), so the page's
// counts are the coverage grid's cells.

// occupationShown is how many courses a group lists before linking to the
// search for the rest.
const occupationShown = 10

type occupationView struct {
	SSYK, Name      string
	OtherName       string // the group's name in the other language
	OtherLang       string
	Canonical       string // the group Arbetsförmedlingen files this one under, when another
	Path            []ssykLevel
	Barometer       []barometerView
	Round           string
	Municipality    string // the chosen SCB code, or ""
	MuniName        string
	Municipalities  []option
	Hidden          []hiddenField
	FormAction      string
	Window          string
	Total           int
	Groups          []reachGroup
	Farther         *reachGroup // on site beyond the travel distance, with a municipality chosen
	SearchURL       string      // every course towards the occupation, in the search
	CoverageURL     string
	MaxKm, Sessions int
	Pathways        pathwaysView // pages_pathways.go
	Travel          travelView
}

// ssykLevel is one level of a group's place in SSYK.
type ssykLevel struct{ Code, Name, URL string }

// barometerView is one barometer occupation with the county's assessment.
type barometerView struct {
	Name, Area       string
	Assessed         bool
	JobOpportunities string
	Recruitment      string // the code: brist, paradox, balans, överskott
	RecruitmentLabel string
	Forecast         string
	JobText          string
	RecruitmentText  string
}

// reachGroup is the courses reached one way: the educations that lead to
// the occupation first, then the single courses that count towards it.
// Count is their intakes, which the coverage API counts; the list shows
// one card per course.
type reachGroup struct {
	ID, Heading string
	Count       int
	Parts       []reachPart
	More        int
	MoreURL     string
}

// reachPart is the programmes or the single courses of a group.
type reachPart struct {
	Heading string
	Items   []resultItem
}

func (s *Server) occupationPage(c *gin.Context) {
	lang, err := pageLang(c)
	p := basePage(c, lang, "")
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	ctx := c.Request.Context()
	if s.Coverage == nil || s.Taxonomy == nil {
		s.failPage(c, p, catalog.Errorf(catalog.ENotFound, "occupations are not available"))
		return
	}
	code := c.Param("ssyk")
	g, ok := s.Taxonomy.Group(code)
	if !ok || g.Level != 4 {
		s.failPage(c, p, catalog.Errorf(catalog.ENotFound, "%q is not an SSYK 2012 occupation group", code))
		return
	}
	v := c.Request.URL.Query()
	if err := onlyParams(v, "municipality", "max_bus_minutes", "lang", "from"); err != nil {
		s.failPage(c, p, err)
		return
	}
	busMinutes, err := parseBusMinutes(v)
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	muni, err := countyMunicipality(v, "municipality")
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	cd, err := s.loadCoverage(ctx)
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	m := pages.Messages
	params := coverage.DefaultParams(s.today())
	params.MaxBusMinutes = busMinutes
	ov := occupationView{SSYK: code, Name: g.Name.In(lang), Municipality: muni, OtherLang: p.OtherLang,
		OtherName: g.Name.In(p.OtherLang), MaxKm: int(params.MaxKm), Sessions: params.MaxSessions,
		Municipalities: municipalityOptions(muni, m.T(lang, "occupation.municipality.none"))}
	if ov.OtherName == ov.Name {
		ov.OtherName = ""
	}
	canonical := s.Taxonomy.Canonical(code)
	if canonical != code {
		ov.Canonical = canonical
	}
	for _, a := range s.Taxonomy.Path(code)[:3] {
		ov.Path = append(ov.Path, ssykLevel{Code: a.SSYK, Name: a.Name.In(lang)})
	}
	ov.Path[0].URL = frontend.Href(lang, "/tackning?visa=alla&falt="+ov.Path[0].Code)
	ov.Barometer, ov.Round = s.barometerViews(canonical, cd.Demand, lang)
	if muni != "" {
		ov.MuniName, _ = data.MunicipalityName(muni)
	}
	if lang != frontend.DefaultLanguage {
		ov.Hidden = append(ov.Hidden, hiddenField{"lang", lang})
	}
	until := params.Today.AddDate(1, 0, 0)
	ov.Window = m.T(lang, "occupation.window", frontend.FormatDate(m, lang, params.Today), frontend.FormatDate(m, lang, until))
	ov.SearchURL = withQuery("/", langValues(url.Values{"occupation": {canonical}}, lang))
	ov.CoverageURL = frontend.Href(lang, "/tackning")
	ov.FormAction = occupationPath(code)
	ov.Travel = travelFor(cd, params, lang)

	leading := cd.Leading(canonical)
	groups, farther, err := s.reachGroups(cd, canonical, leading, muni, params, lang)
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	ov.Groups, ov.Farther = groups, farther
	if ov.Pathways, err = s.pathwaysSection(cd, leading, code, canonical, muni, v.Get("from"), lang); err != nil {
		s.failPage(c, p, err)
		return
	}
	if f := v.Get("from"); f != "" {
		ov.Hidden = append(ov.Hidden, hiddenField{"from", f}) // the municipality form keeps the starting point
	}
	for _, g := range groups {
		ov.Total += g.Count
	}
	p.Title = ov.Name
	s.render(c, 200, "occupation", p, ov)
}

// reachGroups sorts the courses towards ssyk (leading, cd.Leading(ssyk))
// that start in the window of p by how a resident of muni reaches them, or
// by mode of study when no municipality is chosen.
func (s *Server) reachGroups(cd *coverage.Data, ssyk string, leading []catalog.Offering, muni string, p coverage.Params, lang string) ([]reachGroup, *reachGroup, error) {
	m := pages.Messages
	// anywhere has no travel limit: an offering it reaches starts within
	// the window, however far it is held.
	anywhere := p
	anywhere.MaxKm, anywhere.MaxSessions, anywhere.MaxBusMinutes = 1e6, 1<<20, 0
	places, err := coverage.DefaultPlaces()
	if err != nil {
		return nil, nil, err
	}
	home := muni
	if home == "" {
		home = data.JamtlandMunicipalities[len(data.JamtlandMunicipalities)-1]
	}
	today := s.today()
	started, err := coverage.NewReacher(home, anywhere)
	if err != nil {
		return nil, nil, err
	}
	var near *coverage.Reacher
	if muni != "" {
		if near, err = cd.Reacher(muni, p); err != nil {
			return nil, nil, err
		}
	}
	byKey := map[string][]*catalog.Offering{}
	for i := range leading {
		o := &leading[i]
		if !catalog.IsCurrent(o, today) {
			continue // what one can no longer start or apply to
		}
		if _, ok := started.Reach(o); !ok {
			continue
		}
		key := string(o.Mode)
		if near != nil {
			key = "farther"
			if r, ok := near.Reach(o); ok {
				key = string(r)
			}
		}
		byKey[key] = append(byKey[key], o)
	}

	name, _ := data.MunicipalityName(muni)
	type spec struct{ key, heading string }
	specs := []spec{{string(catalog.ModeOnsite), m.T(lang, "occupation.group.onsite")},
		{string(catalog.ModeBlended), m.T(lang, "occupation.group.blended")},
		{string(catalog.ModeOnline), m.T(lang, "occupation.group.online")}}
	search := map[string]url.Values{
		string(catalog.ModeOnsite):  {"mode": {"onsite"}},
		string(catalog.ModeBlended): {"mode": {"blended"}},
		string(catalog.ModeOnline):  {"mode": {"online"}},
	}
	if muni != "" {
		specs = []spec{{string(catalog.ReachLocal), m.T(lang, "occupation.group.local", name)},
			{string(catalog.ReachNearby), nearbyHeading(p, lang)},
			{string(catalog.ReachBlended), m.N(lang, "occupation.group.blended_max", p.MaxSessions)},
			{string(catalog.ReachOnline), m.T(lang, "occupation.group.online")}}
		search = map[string]url.Values{
			string(catalog.ReachLocal):   {"mode": {"onsite"}, "municipality": {muni}},
			string(catalog.ReachNearby):  {"mode": {"onsite"}},
			string(catalog.ReachBlended): {"mode": {"blended"}},
			string(catalog.ReachOnline):  {"mode": {"online"}},
			"farther":                    {"mode": {"onsite", "blended"}},
		}
	}
	parts := [2]string{m.T(lang, "occupation.part.programmes"), m.T(lang, "occupation.part.courses")}
	build := func(sp spec) reachGroup {
		list := byKey[sp.key]
		sortForOccupation(list)
		courses := groupCourses(list)
		g := reachGroup{ID: "reach-" + sp.key, Heading: sp.heading, Count: len(list)}
		for i := range courses {
			if i == occupationShown {
				g.More = len(courses) - i
				break
			}
			h := &courses[i]
			heading := parts[1]
			if catalog.IsProgramme(&h.Offering) {
				heading = parts[0]
			}
			if len(g.Parts) == 0 || g.Parts[len(g.Parts)-1].Heading != heading {
				g.Parts = append(g.Parts, reachPart{Heading: heading})
			}
			it := toCourseItem(h, fmt.Sprintf("%s-%d", sp.key, i+1), lang, today)
			if muni != "" && (sp.key == string(catalog.ReachNearby) || sp.key == "farther") {
				// How far each intake is held from the chosen municipality.
				where := map[string]string{}
				for j := range h.Intakes {
					d, ok := nearestKm(places, muni, h.Intakes[j].Municipalities)
					switch {
					case p.MaxBusMinutes > 0:
						where[h.Intakes[j].ID] = busWhere(cd, *h.Intakes[j], muni, d, ok, lang)
					case ok:
						where[h.Intakes[j].ID] = m.T(lang, "occupation.km", d)
					}
				}
				for _, lines := range [][]intakeItem{it.Intakes, it.MoreIntakes} {
					for j := range lines {
						if w := where[lines[j].ID]; w != "" {
							lines[j].Where += " " + w
						}
					}
				}
			}
			g.Parts[len(g.Parts)-1].Items = append(g.Parts[len(g.Parts)-1].Items, it)
		}
		q := search[sp.key]
		q.Set("occupation", ssyk)
		g.MoreURL = withQuery("/", langValues(q, lang))
		return g
	}
	var groups []reachGroup
	for _, sp := range specs {
		groups = append(groups, build(sp))
	}
	var farther *reachGroup
	if muni != "" {
		f := build(spec{"farther", m.T(lang, "occupation.group.farther")})
		farther = &f
	}
	return groups, farther, nil
}

// sortForOccupation orders the courses towards an occupation: the
// programmes and packages that lead to it (catalog.IsProgramme) before the
// single courses that count towards it, each by start.
func sortForOccupation(list []*catalog.Offering) {
	sortByStart(list)
	slices.SortStableFunc(list, func(a, b *catalog.Offering) int {
		pa, pb := catalog.IsProgramme(a), catalog.IsProgramme(b)
		switch {
		case pa && !pb:
			return -1
		case pb && !pa:
			return 1
		}
		return 0
	})
}

// sortByStart orders offerings by start, those to start any time (rolling,
// or no date) first, then by title.
func sortByStart(list []*catalog.Offering) {
	slices.SortStableFunc(list, func(a, b *catalog.Offering) int { return startKeyOf(a).compare(startKeyOf(b)) })
}

// startKey is what sortByStart orders by.
type startKey struct {
	rolling bool
	start   time.Time
	title   string
}

func startKeyOf(o *catalog.Offering) startKey { return startKey{o.RollingStart, o.Start, o.Title} }

func (a startKey) compare(b startKey) int {
	if c := a.start.Compare(b.start); c != 0 && !a.rolling && !b.rolling {
		return c
	}
	if a.rolling != b.rolling {
		if a.rolling {
			return -1
		}
		return 1
	}
	return strings.Compare(a.title, b.title)
}

// nearestKm is the straight-line distance, rounded to 5 km, from a
// municipality to the closest of an offering's municipalities.
func nearestKm(places coverage.Places, from string, to []string) (int, bool) {
	origin, ok := places[from]
	if !ok {
		return 0, false
	}
	best := -1.0
	for _, m := range to {
		if pt, ok := places[m]; ok {
			if d := coverage.DistanceKm(origin, pt); best < 0 || d < best {
				best = d
			}
		}
	}
	if best < 0 {
		return 0, false
	}
	return max(5, int(best/5+0.5)*5), true
}

// barometerViews are the barometer occupations filed under ssyk, each with
// the county's newest assessment when there is one, and that round.
func (s *Server) barometerViews(ssyk string, county []catalog.Demand, lang string) ([]barometerView, string) {
	m := pages.Messages
	var out []barometerView
	round := ""
	seen := map[string]bool{}
	add := func(name, area string, d *catalog.Demand) {
		if seen[name] {
			return
		}
		seen[name] = true
		b := barometerView{Name: name, Area: area}
		if d != nil {
			round = d.Round
			b.Assessed = d.Recruitment != "" || d.JobOpportunities != "" || d.Forecast != ""
			b.Recruitment = d.Recruitment
			b.RecruitmentLabel = m.Label(lang, "demand.recruitment."+d.Recruitment, d.Recruitment)
			b.JobOpportunities = m.Label(lang, "demand.jobs."+d.JobOpportunities, d.JobOpportunities)
			b.Forecast = m.Label(lang, "demand.forecast."+d.Forecast, d.Forecast)
			b.JobText, b.RecruitmentText = d.JobOpportunitiesText, d.RecruitmentText
		}
		out = append(out, b)
	}
	find := func(name, concept string) *catalog.Demand {
		for i := range county {
			d := &county[i]
			if concept != "" && d.ConceptID == concept || d.Occupation == name {
				return d
			}
		}
		return nil
	}
	for _, b := range s.Taxonomy.BarometerFor(ssyk) {
		add(b.Name, b.Area, find(b.Name, b.ConceptID))
	}
	for i := range county {
		if slices.Contains(county[i].SSYK, ssyk) {
			add(county[i].Occupation, county[i].Area, &county[i])
		}
	}
	return out, round
}
