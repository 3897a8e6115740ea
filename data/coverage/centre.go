package coverage

import (
	"slices"
	"strings"

	"kurskatalog/data/catalog"
)

// DistanceOfferings returns the distance offerings a learner at a learning
// centre can take within the window of p: every online start, and the
// blended ones with at most MaxSessions mandatory sessions or with sessions
// within MaxKm of the centre. They are ordered by start date, then ID, and
// point into offerings: at national size a copy per centre would be most of
// the coverage page's memory.
func DistanceOfferings(c catalog.LearningCentre, offerings []catalog.Offering, p Params) ([]*catalog.Offering, error) {
	// A learning centre is not a municipality seat, which the bus times
	// start from: its sessions are measured in a straight line.
	p.MaxBusMinutes = 0
	p, err := p.normalise()
	if err != nil {
		return nil, err
	}
	origin := Point{c.Lat, c.Lon}
	var out []*catalog.Offering
	for i := range offerings {
		o := &offerings[i]
		if o.Mode == catalog.ModeOnsite {
			continue
		}
		if _, ok := p.reach(o, c.Municipality, origin, nil); ok {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b *catalog.Offering) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}
