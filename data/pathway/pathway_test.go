package pathway_test

import (
	"errors"
	"slices"
	"testing"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/pathway"
)

func build(t *testing.T, occupation, municipality string, from pathway.Start) pathway.Pathway {
	t.Helper()
	p, err := pathway.Build(coverage.List(offeringsOf(t)), pathway.Query{Occupation: occupation, Municipality: municipality, From: from, Params: params()})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func kinds(p pathway.Pathway) []pathway.StepKind {
	var out []pathway.StepKind
	for _, s := range p.Steps {
		out = append(out, s.Kind)
	}
	return out
}

func group(p pathway.Pathway, kind pathway.StepKind, schoolType string) *pathway.Group {
	for _, s := range p.Steps {
		for i, g := range s.Groups {
			if s.Kind == kind && g.SchoolType == schoolType && g.Requirement == nil {
				return &s.Groups[i]
			}
		}
	}
	return nil
}

// An assistant nurse (5321) from Härjedalen, with no Swedish yet: every
// step, each course reached the way the coverage grid says.
func TestAssistantNurseFromHarjedalen(t *testing.T) {
	p := build(t, "5321", "2361", pathway.FromNoSwedish)
	want := []pathway.StepKind{pathway.StepSFI, pathway.StepCompulsory, pathway.StepEligibility, pathway.StepVocational, pathway.StepHigher}
	if got := kinds(p); !slices.Equal(got, want) {
		t.Fatalf("steps = %v, want %v", got, want)
	}
	for _, s := range p.Steps {
		for _, g := range s.Groups {
			for _, c := range g.Courses {
				for _, o := range c.Intakes {
					r, ok, err := coverage.Reach(*o, "2361", params())
					if err != nil || !ok {
						t.Errorf("%s %s: %s listed as reached, coverage.Reach says %v %v", s.Kind, g.SchoolType, o.ID, ok, err)
					}
					if o.SchoolType != g.SchoolType {
						t.Errorf("%s: %s of school type %s in the %s group", s.Kind, o.ID, o.SchoolType, g.SchoolType)
					}
					if slices.Index([]catalog.Reach{catalog.ReachLocal, catalog.ReachNearby, catalog.ReachBlended, catalog.ReachOnline}, r) <
						slices.Index([]catalog.Reach{catalog.ReachLocal, catalog.ReachNearby, catalog.ReachBlended, catalog.ReachOnline}, c.Reach) {
						t.Errorf("%s: course reach %s, but intake %s is %s", o.Title, c.Reach, o.ID, r)
					}
				}
				if g.Requirement != nil && !slices.Contains(g.Requirement.Courses, c.Offering().Title) {
					t.Errorf("%q listed under %q", c.Offering().Title, g.Requirement.Label)
				}
			}
		}
	}
	sfi := group(p, pathway.StepSFI, "VUXSFI")
	for _, c := range sfi.Courses {
		if title := c.Offering().Title; !slices.ContainsFunc(c.Intakes, func(o *catalog.Offering) bool { return o.SchoolType == "VUXSFI" }) || title == "" {
			t.Errorf("SFI step lists %q", title)
		}
	}
	// The only labour-market training towards the occupation is held in
	// Östersund, beyond an hour's drive from Sveg: none reached, the
	// nearest shown with its distance.
	aub := group(p, pathway.StepVocational, "AUB")
	if aub == nil || len(aub.Courses) != 0 || len(aub.Nearest) == 0 {
		t.Fatalf("AUB group = %+v, want no course reached and the nearest", aub)
	}
	if n := aub.Nearest[0]; !slices.Contains(n.Offering().Municipalities, "2380") || n.Km <= params().MaxKm {
		t.Errorf("nearest AUB course %s at %.0f km in %v, want Östersund beyond %.0f km", n.Offering().ID, n.Km, n.Offering().Municipalities, params().MaxKm)
	}
	// The same course is reached from Östersund itself.
	if g := group(build(t, "5321", "2380", pathway.FromNoSwedish), pathway.StepVocational, "AUB"); g == nil || len(g.Courses) == 0 || g.Courses[0].Reach != catalog.ReachLocal {
		t.Errorf("AUB group from Östersund = %+v, want the course on site", g)
	}
}

// Each starting point skips the steps it has done: with a gymnasium
// diploma no SFI, no compulsory level and no basic eligibility courses.
func TestStartingPoints(t *testing.T) {
	for _, tc := range []struct {
		from  pathway.Start
		first pathway.StepKind
		basic bool
	}{
		{pathway.FromNoSwedish, pathway.StepSFI, true},
		{pathway.FromCompulsory, pathway.StepEligibility, true},
		{pathway.FromUpperSecondary, pathway.StepVocational, false},
		{pathway.FromDegree, pathway.StepVocational, false},
	} {
		p := build(t, "5321", "2380", tc.from)
		if len(p.Steps) == 0 || p.Steps[0].Kind != tc.first {
			t.Errorf("from %s: steps %v, want the first to be %s", tc.from, kinds(p), tc.first)
		}
		basic := false
		for _, s := range p.Steps {
			for _, g := range s.Groups {
				basic = basic || g.Requirement != nil && g.Requirement.Basic
			}
		}
		if basic != tc.basic {
			t.Errorf("from %s: basic eligibility courses shown %v, want %v", tc.from, basic, tc.basic)
		}
	}
}

// University courses that build on earlier university studies (a degree,
// credits in the main field) are left out below a degree, and counted.
func TestHigherEducationPrerequisites(t *testing.T) {
	found := false
	for _, ssyk := range []string{"2227", "2352"} {
		below, degree := build(t, ssyk, "2380", pathway.FromUpperSecondary), build(t, ssyk, "2380", pathway.FromDegree)
		if below.NeedsHigher == 0 {
			continue
		}
		found = true
		if degree.NeedsHigher != 0 {
			t.Errorf("%s from a degree: %d left out", ssyk, degree.NeedsHigher)
		}
		count := func(p pathway.Pathway) int {
			g := group(p, pathway.StepHigher, "HS")
			if g == nil {
				return 0
			}
			return len(g.Courses) + g.Elsewhere
		}
		if count(degree) <= count(below) {
			t.Errorf("%s: %d university courses from a degree, %d below it; want more from a degree", ssyk, count(degree), count(below))
		}
	}
	if !found {
		t.Fatal("no bundled occupation has a university course that builds on earlier studies")
	}
}

// A specific requirement a programme states (Matematik 2a/2b/2c) becomes
// a step with the komvux courses that meet it.
func TestSpecificRequirementFromEligibility(t *testing.T) {
	for _, ssyk := range []string{"2221", "2412", "2224", "3422", "2343", "3334", "2352"} {
		p := build(t, ssyk, "2380", pathway.FromUpperSecondary)
		for _, s := range p.Steps {
			for _, g := range s.Groups {
				if g.Requirement != nil && g.Requirement.Label == "Matematik 2a/2b/2c" {
					if len(g.Courses) == 0 || g.NeededBy == 0 {
						t.Errorf("%s: Matematik 2a/2b/2c group %+v, want courses in Östersund", ssyk, g)
					}
					return
				}
			}
		}
	}
	t.Fatal("no bundled occupation asks for Matematik 2a/2b/2c")
}

func TestNoCourseNoPathway(t *testing.T) {
	if p := build(t, "2611", "2380", pathway.FromNoSwedish); len(p.Steps) != 0 {
		t.Errorf("judges (2611): steps %v, want none: nothing leads there", kinds(p))
	}
}

func TestBadInput(t *testing.T) {
	_, err := pathway.Build(coverage.List(offeringsOf(t)), pathway.Query{Occupation: "5321", Municipality: "9999", Params: params()})
	var ce *catalog.Error
	if !errors.As(err, &ce) || ce.Parameter != "municipality" {
		t.Errorf("unknown municipality: %v, want an error naming municipality", err)
	}
	if _, err := pathway.ParseStart("phd"); !errors.As(err, &ce) || ce.Parameter != "from" {
		t.Errorf("ParseStart(phd) = %v, want an error naming from", err)
	}
	if s, err := pathway.ParseStart(""); err != nil || s != pathway.FromNoSwedish {
		t.Errorf("ParseStart() = %v, %v; want the first step", s, err)
	}
}
