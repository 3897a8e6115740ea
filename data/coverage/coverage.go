package coverage

import (
	"math"
	"slices"
	"strings"

	"kurskatalog/data/catalog"
)

// Input is what a report is computed from.
type Input struct {
	Offerings Offerings
	// Occupations returns the occupations an offering prepares for: the
	// stored Offering.Occupations, or a Mapper's Map.
	Occupations func(catalog.Offering) []catalog.OccupationMatch
	// Demand holds Yrkesbarometer rows; those of Params.Region's newest
	// round give the shortage signal.
	Demand []catalog.Demand
	// Names, when set, names an SSYK group in the cells.
	Names func(ssyk string) string
	// Transit holds the bus travel times that Params.MaxBusMinutes needs.
	Transit *catalog.Transit
}

// Report is a coverage matrix and its gaps.
type Report struct {
	Cells []catalog.CoverageCell `json:"cells"` // by municipality, then SSYK group
	Gaps  []catalog.Gap          `json:"gaps"`  // by municipality, then occupation
	// Travel says how "on site nearby" was measured.
	Travel Travel `json:"travel"`
}

// Travel is the rule a report measured travel by: a straight line within
// MaxKm, or by bus within MaxBusMinutes on the timetable's weekday morning.
type Travel struct {
	Rule          string               `json:"rule"` // TravelStraightLine or TravelBus
	MaxKm         float64              `json:"max_km,omitempty"`
	MaxBusMinutes int                  `json:"max_bus_minutes,omitempty"`
	Timetable     *catalog.TransitFeed `json:"timetable,omitempty"`
}

// The travel rules.
const (
	TravelStraightLine = "straight_line"
	TravelBus          = "bus"
)

// severity orders recruitment situations by how pressing they are.
var severity = map[string]int{catalog.RecruitmentShortage: 4, catalog.RecruitmentParadox: 3,
	catalog.RecruitmentBalance: 2, catalog.RecruitmentSurplus: 1}

// Compute builds the coverage matrix for every municipality and occupation
// of p, and the gaps: shortage occupations of the county without a
// reachable start.
func Compute(in Input, p Params) (Report, error) {
	p, err := p.normalise()
	if err != nil {
		return Report{}, err
	}
	bus, err := p.busTimes(in.Transit)
	if err != nil {
		return Report{}, err
	}
	county := CountyDemand(in.Demand, p.Region)
	n := in.Offerings.Len()
	matches := make([][]string, n)
	groups := map[string]bool{}
	var buf catalog.Offering
	if in.Occupations != nil {
		for i := range n {
			for _, m := range in.Occupations(*in.Offerings.At(i, &buf)) {
				if !slices.Contains(matches[i], m.SSYK) {
					matches[i] = append(matches[i], m.SSYK)
					groups[m.SSYK] = true
				}
			}
		}
	}
	for _, d := range county {
		for _, s := range d.SSYK {
			groups[s] = true
		}
	}
	wanted := p.Occupations
	if len(wanted) == 0 {
		for s := range groups {
			wanted = append(wanted, s)
		}
	}
	slices.Sort(wanted)
	wanted = slices.Compact(wanted)

	rep := Report{Travel: Travel{Rule: TravelStraightLine, MaxKm: p.MaxKm}}
	if bus != nil {
		rep.Travel = Travel{Rule: TravelBus, MaxBusMinutes: p.MaxBusMinutes, Timetable: &in.Transit.Feed}
	}
	for _, muni := range p.Municipalities {
		origin := p.Places[muni]
		cells := make(map[string]*catalog.CoverageCell, len(wanted))
		for _, s := range wanted {
			c := &catalog.CoverageCell{Municipality: muni, SSYK: s}
			if in.Names != nil {
				c.Occupation = in.Names(s)
			}
			signal(c, county)
			cells[s] = c
		}
		for i := range n {
			if len(matches[i]) == 0 {
				continue
			}
			o := in.Offerings.At(i, &buf)
			r, ok := p.reach(o, muni, origin, bus)
			if !ok {
				continue
			}
			for _, s := range matches[i] {
				if c := cells[s]; c != nil {
					count(c, r, o.ID)
				}
			}
		}
		for _, s := range wanted {
			rep.Cells = append(rep.Cells, *cells[s])
		}
		rep.Gaps = append(rep.Gaps, gaps(in.Offerings, matches, county, cells, muni, origin, &p, bus)...)
	}
	return rep, nil
}

// CountyDemand returns the rows of region's newest round.
func CountyDemand(demand []catalog.Demand, region string) []catalog.Demand {
	round := ""
	for _, d := range demand {
		if d.Region == region && d.Round > round {
			round = d.Round
		}
	}
	var out []catalog.Demand
	for _, d := range demand {
		if d.Region == region && d.Round == round {
			out = append(out, d)
		}
	}
	return out
}

// signal copies the county's demand for the cell's group into the cell.
func signal(c *catalog.CoverageCell, county []catalog.Demand) {
	for _, d := range county {
		if !slices.Contains(d.SSYK, c.SSYK) {
			continue
		}
		c.Barometer = append(c.Barometer, d.Occupation)
		if severity[d.Recruitment] > severity[c.Recruitment] {
			c.Recruitment = d.Recruitment
		}
	}
	c.Shortage = c.Recruitment == catalog.RecruitmentShortage
}

func count(c *catalog.CoverageCell, r catalog.Reach, id string) {
	switch r {
	case catalog.ReachLocal:
		c.Local++
	case catalog.ReachNearby:
		c.Nearby++
	case catalog.ReachBlended:
		c.Blended++
	case catalog.ReachOnline:
		c.Online++
	}
	c.Total++
	c.OfferingIDs = append(c.OfferingIDs, id)
}

// gaps lists the county's shortage occupations that a resident of muni
// cannot start training for, each with the nearest start beyond reach.
func gaps(offerings Offerings, matches [][]string, county []catalog.Demand,
	cells map[string]*catalog.CoverageCell, muni string, origin Point, p *Params, bus *busTimes) []catalog.Gap {
	var out []catalog.Gap
	for _, d := range county {
		if !d.Shortage() {
			continue
		}
		reported, reachable := false, false
		for _, s := range d.SSYK {
			if c := cells[s]; c != nil {
				reported = true
				reachable = reachable || c.Total > 0
			}
		}
		if !reported || reachable {
			continue
		}
		g := catalog.Gap{Municipality: muni, Occupation: d.Occupation, ConceptID: d.ConceptID, SSYK: d.SSYK,
			Recruitment: d.Recruitment, Forecast: d.Forecast}
		best := math.Inf(1)
		var buf catalog.Offering
		for i := range matches {
			if !overlaps(matches[i], d.SSYK) {
				continue
			}
			o := offerings.At(i, &buf)
			if o.Mode == catalog.ModeOnline || !p.inWindow(o) {
				continue
			}
			if km, ok := p.nearestKm(origin, o.Municipalities); ok && (km < best || km == best && o.ID < g.NearestID) {
				best, g.NearestID = km, o.ID
			}
		}
		if g.NearestID != "" {
			g.NearestKm = math.Round(best)
		}
		if bus != nil {
			quickestByBus(&g, offerings, matches, d.SSYK, muni, origin, p, bus)
		}
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b catalog.Gap) int { return strings.Compare(a.Occupation, b.Occupation) })
	return out
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// quickestByBus names in g the on-site start in the window that the bus
// reaches soonest (beyond MaxBusMinutes, or it would not be a gap), with
// its straight-line distance beside; g keeps the nearest in a straight
// line when the bus reaches none.
func quickestByBus(g *catalog.Gap, offerings Offerings, matches [][]string, ssyk []string,
	muni string, origin Point, p *Params, bus *busTimes) {
	best, id, at := -1, "", 0
	var buf catalog.Offering
	for i := range matches {
		if !overlaps(matches[i], ssyk) {
			continue
		}
		o := offerings.At(i, &buf)
		if o.Mode == catalog.ModeOnline || !p.inWindow(o) {
			continue
		}
		if m, ok := bus.offering(o, muni, origin, p.Places); ok && (best < 0 || m < best || m == best && o.ID < id) {
			best, id, at = m, o.ID, i
		}
	}
	if id == "" {
		return
	}
	g.NearestID, g.NearestBusMinutes = id, best
	if km, ok := p.nearestKm(origin, offerings.At(at, &buf).Municipalities); ok {
		g.NearestKm = math.Round(km)
	}
}
