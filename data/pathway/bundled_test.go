package pathway_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/pathway"
)

// bundled imports the bundled Susa-navet snapshot once and maps its
// offerings to occupations, as the service does at import.
var bundled = sync.OnceValues(func() ([]catalog.Offering, error) {
	return emil3test.ImportBundledMapped(context.Background())
})

// snapshotDay is the day the bundled snapshot describes.
var snapshotDay = time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm)

func offeringsOf(t *testing.T) []catalog.Offering {
	t.Helper()
	offerings, err := bundled()
	if err != nil {
		t.Fatal(err)
	}
	return offerings
}

func params() coverage.Params { return coverage.DefaultParams(snapshotDay) }

// kept is a coverage store over a slice of offerings, without demand.
type kept []catalog.Offering

func (k kept) EachOffering(_ context.Context, fn func(catalog.Offering) error) error {
	for _, o := range k {
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}

func (kept) LatestDemand(context.Context, ...string) ([]catalog.Demand, error) { return nil, nil }

// The service lays pathways out over the offerings coverage.Data keeps,
// which leaves out what no view reads: every pathway of the bundled
// catalogue, for every occupation its offerings lead to, from two
// municipalities and every starting point, is the same over those as
// over all offerings.
func TestPathwaysOverKeptOfferings(t *testing.T) {
	all := offeringsOf(t)
	data, err := coverage.Load(context.Background(), kept(all), "23", snapshotDay)
	if err != nil {
		t.Fatal(err)
	}
	if data.Len() >= len(all) {
		t.Fatalf("the data keeps %d of %d offerings: nothing to compare", data.Len(), len(all))
	}
	occupations := map[string]bool{}
	for _, o := range all {
		for _, m := range o.Occupations {
			occupations[m.SSYK] = true
		}
	}
	laid := 0
	for ssyk := range occupations {
		for _, muni := range []string{"2361", "2380"} {
			for _, from := range pathway.Starts {
				q := pathway.Query{Occupation: ssyk, Municipality: muni, From: from, Params: params()}
				want, err := pathway.Build(coverage.List(all), q)
				if err != nil {
					t.Fatal(err)
				}
				got, err := pathway.Build(data, q)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := layout(got), layout(want); g != w {
					t.Fatalf("%s from %s (%s): over the kept offerings\n%s\nover all\n%s", ssyk, muni, from, g, w)
				}
				laid += len(want.Steps)
			}
		}
	}
	if laid == 0 {
		t.Fatal("no pathway had a step")
	}
}

// layout is a pathway's steps, groups, courses and intakes, by id.
func layout(p pathway.Pathway) string {
	var b strings.Builder
	fmt.Fprintf(&b, "needs higher %d\n", p.NeedsHigher)
	courses := func(name string, list []pathway.Course) {
		for _, c := range list {
			fmt.Fprintf(&b, "    %s %s %.0f:", name, c.Reach, c.Km)
			for _, o := range c.Intakes {
				b.WriteString(" " + o.ID)
			}
			b.WriteString("\n")
		}
	}
	for _, s := range p.Steps {
		fmt.Fprintf(&b, "%s\n", s.Kind)
		for _, g := range s.Groups {
			fmt.Fprintf(&b, "  %s needed by %d, %d elsewhere", g.SchoolType, g.NeededBy, g.Elsewhere)
			if g.Requirement != nil {
				b.WriteString(" for " + g.Requirement.Label)
			}
			b.WriteString("\n")
			courses("course", g.Courses)
			courses("nearest", g.Nearest)
		}
	}
	return b.String()
}
