package coverage

import (
	"slices"
	"strings"
	"time"

	"kurskatalog/data/catalog"
)

// DistanceOfferings returns the distance offerings a learner at a learning
// centre can take within the window of p: every online start, and the
// blended ones with at most MaxSessions mandatory sessions or with sessions
// within MaxKm of the centre. They are numbers of offerings (At), ordered
// by start date, then ID: at national size a centre reaches tens of
// thousands, and a copy of each per centre would be most of the coverage
// page's memory.
func DistanceOfferings(c catalog.LearningCentre, offerings Offerings, p Params) ([]int, error) {
	// A learning centre is not a municipality seat, which the bus times
	// start from: its sessions are measured in a straight line.
	p.MaxBusMinutes = 0
	p, err := p.normalise()
	if err != nil {
		return nil, err
	}
	origin := Point{c.Lat, c.Lon}
	type pick struct {
		i     int
		start time.Time
		id    string
	}
	var picks []pick
	var buf catalog.Offering
	for i := range offerings.Len() {
		o := offerings.At(i, &buf)
		if o.Mode == catalog.ModeOnsite {
			continue
		}
		if _, ok := p.reach(o, c.Municipality, origin, nil); ok {
			picks = append(picks, pick{i, o.Start, o.ID})
		}
	}
	slices.SortFunc(picks, func(a, b pick) int {
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	out := make([]int, len(picks))
	for k, pk := range picks {
		out[k] = pk.i
	}
	return out, nil
}
