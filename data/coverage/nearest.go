package coverage

import "math"

// NearestKm is the straight-line distance from the main locality of
// municipality from to the closest of municipalities, and false when from
// or all of them are unknown. The reach of an offering is measured this
// way, so a distance shown beside it agrees with whether it is reached.
func (p Places) NearestKm(from string, municipalities []string) (float64, bool) {
	origin, ok := p[from]
	if !ok {
		return 0, false
	}
	return p.nearest(origin, municipalities)
}

func (p Places) nearest(origin Point, municipalities []string) (float64, bool) {
	best, ok := math.Inf(1), false
	for _, m := range municipalities {
		if pt, known := p[m]; known {
			best, ok = math.Min(best, DistanceKm(origin, pt)), true
		}
	}
	return best, ok
}
