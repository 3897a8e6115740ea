// Package pathway lays out the steps a resident can take towards an
// occupation, from where they stand: SFI, komvux at compulsory level,
// komvux at upper secondary level (the courses that give the eligibility
// the occupation's programmes ask for), a vocational package, labour-market
// training or a folk high school, and yrkeshögskola or university. The
// steps are built from the offerings themselves: the school types,
// configurations and eligibility texts of the courses mapped to the
// occupation (Offering.Occupations) and of the general courses that meet
// what those ask. Each step lists the courses a resident of one
// municipality reaches in the coverage window, by coverage.Reach, so that
// "reachable" means here what it means on the coverage grid.
package pathway

import (
	"cmp"
	"slices"
	"strings"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
)

// Start is where a learner stands: what they already have.
type Start string

// The starting points, each skipping the steps before it.
const (
	FromNoSwedish      Start = "sfi"        // no Swedish yet: every step
	FromCompulsory     Start = "grundskola" // compulsory school (or komvux at that level) done
	FromUpperSecondary Start = "gymnasium"  // a gymnasium diploma: basic eligibility
	FromDegree         Start = "degree"     // a university degree
)

// Starts lists the starting points in order.
var Starts = []Start{FromNoSwedish, FromCompulsory, FromUpperSecondary, FromDegree}

// ParseStart reads the from parameter; empty is the first step.
func ParseStart(s string) (Start, error) {
	if s == "" {
		return FromNoSwedish, nil
	}
	if st := Start(strings.ToLower(s)); slices.Contains(Starts, st) {
		return st, nil
	}
	return "", catalog.Invalid("from", "%q is not one of sfi, grundskola, gymnasium, degree", s)
}

// StepKind names a step.
type StepKind string

// The steps, in the order a learner takes them.
const (
	StepSFI         StepKind = "sfi"         // Swedish for immigrants (VUXSFI)
	StepCompulsory  StepKind = "compulsory"  // komvux at compulsory level (VUXGR)
	StepEligibility StepKind = "eligibility" // komvux upper secondary courses the programmes ask for (VUXGY)
	StepVocational  StepKind = "vocational"  // vocational packages (VUXGY), labour-market training, folk high school
	StepHigher      StepKind = "higher"      // yrkeshögskola and university
)

// Step is one step with its ways through it.
type Step struct {
	Kind   StepKind `json:"step"`
	Groups []Group  `json:"groups"`
}

// Group is one way through a step: one school type's courses, or the
// courses that meet one requirement.
type Group struct {
	SchoolType  string       `json:"school_type"`
	Requirement *Requirement `json:"requirement,omitempty"`
	// NeededBy counts the occupation's programmes and courses whose
	// eligibility asks for the requirement.
	NeededBy int `json:"needed_by,omitempty"`
	// Courses are those reached from the municipality, best reached and
	// soonest first; Nearest, when none is, the closest that start in
	// the window; Elsewhere counts the courses of the window not reached.
	Courses   []Course `json:"courses"`
	Nearest   []Course `json:"nearest,omitempty"`
	Elsewhere int      `json:"elsewhere"`
}

// Course is one provider's course with its intakes in the window.
type Course struct {
	Intakes []*catalog.Offering `json:"-"`
	// Reach is the best way the municipality reaches an intake; empty
	// for a nearest course that is not reached.
	Reach catalog.Reach `json:"reach,omitempty"`
	// Km is the distance to the closest place of an intake held on site,
	// for a nearest course.
	Km float64 `json:"km,omitempty"`
}

// Offering is the course's first intake, which names it.
func (c *Course) Offering() *catalog.Offering { return c.Intakes[0] }

// Query asks for the pathway to Occupation (SSYK 2012) of a resident of
// Municipality (SCB code) who stands at From; Params give the window and
// the travel limits (coverage.DefaultParams).
type Query struct {
	Occupation   string
	Municipality string
	From         Start
	Params       coverage.Params
}

// Pathway is the steps from Query.From to the occupation.
type Pathway struct {
	Query Query  `json:"-"`
	Steps []Step `json:"steps"`
	// NeedsHigher counts the occupation's courses left out because they
	// build on earlier university studies the starting point lacks.
	NeedsHigher int `json:"needs_higher_education"`
}

// nearestShown is how many of the closest courses a step without a
// reachable one shows.
const nearestShown = 3

// Build lays out the pathway of q over offerings (every offering, as
// coverage.Load reads them).
func Build(offerings coverage.Offerings, q Query) (Pathway, error) {
	if q.From == "" {
		q.From = FromNoSwedish
	}
	if q.Params.Places == nil {
		places, err := coverage.DefaultPlaces()
		if err != nil {
			return Pathway{}, err
		}
		q.Params.Places = places
	}
	if _, ok := q.Params.Places[q.Municipality]; !ok {
		return Pathway{}, catalog.Invalid("municipality", "%q is not a known municipality", q.Municipality)
	}
	// anywhere has no travel limit: what it reaches starts in the window.
	anywhere := q.Params
	anywhere.MaxKm, anywhere.MaxSessions = 1e6, 1<<20
	var b builder
	var err error
	if b.anywhere, err = coverage.NewReacher(q.Municipality, anywhere); err != nil {
		return Pathway{}, err
	}
	if b.near, err = coverage.NewReacher(q.Municipality, q.Params); err != nil {
		return Pathway{}, err
	}
	b.q = q
	b.sort(offerings)
	return b.pathway()
}

// builder holds the offerings of the window by the part they play, by
// their numbers in offerings: at national size tens of thousands are in
// the window, and a pathway shows a few hundred, which it copies (copy).
type builder struct {
	q Query
	// anywhere reaches what starts in the window, however far; near what
	// the municipality's resident reaches by q.Params.
	anywhere, near *coverage.Reacher
	offerings      coverage.Offerings
	// targets are the window's offerings mapped to the occupation, by
	// school type; general the others a step shows whatever they lead to,
	// by school type: SFI itself and komvux's core subjects. upper are
	// the upper secondary komvux courses, which may meet a programme's
	// requirement.
	targets, general map[string][]int
	upper            []upperCourse
	copies           map[int]*catalog.Offering
}

// upperCourse is an upper secondary komvux course of the window: its
// number in the offerings and its title.
type upperCourse struct {
	i     int
	title string
}

func (b *builder) sort(offerings coverage.Offerings) {
	b.offerings, b.copies = offerings, map[int]*catalog.Offering{}
	b.targets, b.general = map[string][]int{}, map[string][]int{}
	var buf catalog.Offering
	for i := range offerings.Len() {
		o := offerings.At(i, &buf)
		if _, ok := b.anywhere.Reach(o); !ok {
			continue // not startable in the window
		}
		switch {
		case slices.ContainsFunc(o.Occupations, func(m catalog.OccupationMatch) bool { return m.SSYK == b.q.Occupation }):
			b.targets[o.SchoolType] = append(b.targets[o.SchoolType], i)
		case o.SchoolType == "VUXSFI" && subjectOf(o.Title) == "svenska för invandrare",
			o.SchoolType == "VUXGR" && slices.Contains(coreSubjects, subjectOf(o.Title)):
			// SFI itself (vocational SFI only when it leads to the
			// occupation), and the core subjects.
			b.general[o.SchoolType] = append(b.general[o.SchoolType], i)
		case o.SchoolType == "VUXGY":
			b.upper = append(b.upper, upperCourse{i, o.Title})
		}
	}
}

// copy returns the i-th offering, copied once per pathway.
func (b *builder) copy(i int) *catalog.Offering {
	o := b.copies[i]
	if o == nil {
		o = new(catalog.Offering)
		*o = *b.offerings.At(i, o)
		b.copies[i] = o
	}
	return o
}

// coreSubjects are what komvux at compulsory level gives towards upper
// secondary studies: Swedish (or Swedish as a second language), English
// and mathematics.
var coreSubjects = []string{"svenska", "svenska som andraspråk", "engelska", "matematik"}

func (b *builder) pathway() (Pathway, error) {
	p := Pathway{Query: b.q}
	from := slices.Index(Starts, b.q.From)
	add := func(kind StepKind, groups ...Group) {
		var kept []Group
		for _, g := range groups {
			if len(g.Courses)+len(g.Nearest) > 0 || g.Requirement != nil {
				kept = append(kept, g)
			}
		}
		if len(kept) > 0 {
			p.Steps = append(p.Steps, Step{Kind: kind, Groups: kept})
		}
	}
	if len(b.targets) == 0 {
		return p, nil // nothing in the window leads there: no way to lay out
	}
	if from <= 0 {
		add(StepSFI, b.group("VUXSFI", slices.Concat(b.targets["VUXSFI"], b.general["VUXSFI"])))
		add(StepCompulsory, b.group("VUXGR", slices.Concat(b.targets["VUXGR"], b.general["VUXGR"])))
	}

	// The programmes the occupation is reached by, and what they ask.
	higher := map[string][]int{}
	needs := map[string]int{} // requirement label: courses asking it
	var reqs []Requirement
	seen := map[string]bool{}
	var buf catalog.Offering
	for _, st := range []string{"YH", "HS"} {
		for _, i := range b.targets[st] {
			o := b.offerings.At(i, &buf)
			n := ParseEligibility(o.Eligibility)
			if n.Higher && b.q.From != FromDegree {
				if k := catalog.CourseKey(o); !seen[k] {
					seen[k] = true
					p.NeedsHigher++
				}
				continue
			}
			higher[st] = append(higher[st], i)
			for _, r := range n.Requirements {
				if r.Basic && from >= 2 {
					continue // a diploma gives basic eligibility
				}
				if _, ok := needs[r.Label]; !ok {
					reqs = append(reqs, r)
				}
				needs[r.Label]++
			}
		}
	}
	var eligibility []Group
	titles := make([]string, len(b.upper))
	if len(reqs) > 0 {
		for i, u := range b.upper {
			titles[i] = lowerTitle(u.title)
		}
	}
	for i := range reqs {
		r := reqs[i]
		names := make([]string, len(r.Courses))
		for k, n := range r.Courses {
			names[k] = strings.ToLower(n)
		}
		var list []int
		for k, u := range b.upper {
			if meetsLower(titles[k], names) {
				list = append(list, u.i)
			}
		}
		g := b.group("VUXGY", list)
		g.Requirement, g.NeededBy = &r, needs[r.Label]
		eligibility = append(eligibility, g)
	}
	add(StepEligibility, eligibility...)
	add(StepVocational, b.group("VUXGY", b.targets["VUXGY"]), b.group("AUB", b.targets["AUB"]), b.group("FHS", b.targets["FHS"]))
	add(StepHigher, b.group("YH", higher["YH"]), b.group("HS", higher["HS"]))
	return p, nil
}

// subjectOf is the subject of a komvux course title: "Svenska som
// andraspråk, delkurs 3" is "svenska som andraspråk".
func subjectOf(title string) string {
	s, _, _ := strings.Cut(strings.ToLower(title), ",")
	return strings.TrimSpace(s)
}

// group sorts list into courses the municipality reaches and, when there
// is none, the nearest. Only these are copied: the others are counted.
func (b *builder) group(schoolType string, list []int) Group {
	g := Group{SchoolType: schoolType}
	var reached courses
	type far struct {
		km      float64
		intakes []int
	}
	other, order := map[string]*far{}, []string(nil)
	var buf catalog.Offering
	for _, i := range list {
		o := b.offerings.At(i, &buf)
		k := catalog.CourseKey(o)
		if r, ok := b.near.Reach(o); ok {
			c := reached.add(k, b.copy(i))
			if c.Reach == "" || reachRank(r) < reachRank(c.Reach) {
				c.Reach = r
			}
			continue
		}
		f := other[k]
		if f == nil {
			f = &far{}
			other[k] = f
			order = append(order, k)
		}
		f.intakes = append(f.intakes, i)
		if km, ok := b.q.Params.Places.NearestKm(b.q.Municipality, o.Municipalities); ok && (f.km == 0 || km < f.km) {
			f.km = km
		}
	}
	for _, k := range reached.order {
		g.Courses = append(g.Courses, *reached.byKey[k])
	}
	for _, k := range order {
		if _, ok := reached.byKey[k]; ok {
			continue
		}
		g.Elsewhere++
		if len(g.Courses) == 0 {
			c := Course{Km: other[k].km}
			for _, i := range other[k].intakes {
				c.Intakes = append(c.Intakes, b.copy(i))
			}
			g.Nearest = append(g.Nearest, c)
		}
	}
	for _, list := range [][]Course{g.Courses, g.Nearest} {
		for i := range list {
			sortIntakes(list[i].Intakes)
		}
	}
	slices.SortStableFunc(g.Courses, func(a, b Course) int {
		return cmp.Or(cmp.Compare(reachRank(a.Reach), reachRank(b.Reach)), bySoonest(a, b))
	})
	slices.SortStableFunc(g.Nearest, func(a, b Course) int {
		return cmp.Or(cmp.Compare(a.Km, b.Km), bySoonest(a, b))
	})
	g.Nearest = g.Nearest[:min(len(g.Nearest), nearestShown)]
	return g
}

// courses collects intakes into courses, in the order first seen.
type courses struct {
	byKey map[string]*Course
	order []string
}

func (cs *courses) add(key string, o *catalog.Offering) *Course {
	c := cs.byKey[key]
	if c == nil {
		if cs.byKey == nil {
			cs.byKey = map[string]*Course{}
		}
		c = &Course{}
		cs.byKey[key] = c
		cs.order = append(cs.order, key)
	}
	c.Intakes = append(c.Intakes, o)
	return c
}

var reaches = []catalog.Reach{catalog.ReachLocal, catalog.ReachNearby, catalog.ReachBlended, catalog.ReachOnline}

func reachRank(r catalog.Reach) int { return slices.Index(reaches, r) }

// bySoonest orders courses by their first intake: rolling starts (one
// can begin now) first, then by start, then by title.
func bySoonest(a, b Course) int {
	return compareStart(a.Offering(), b.Offering())
}

func sortIntakes(list []*catalog.Offering) { slices.SortStableFunc(list, compareStart) }

func compareStart(a, b *catalog.Offering) int {
	if a.RollingStart != b.RollingStart {
		if a.RollingStart {
			return -1
		}
		return 1
	}
	return cmp.Or(a.Start.Compare(b.Start), strings.Compare(a.Title, b.Title))
}
