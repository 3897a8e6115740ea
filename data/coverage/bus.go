package coverage

import (
	"strings"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// busTimes answers how many minutes the bus takes from a municipality's
// seat to where an offering is held, from the travel times computed at the
// import of the GTFS feed (door to stop) and a walk from the stop. A place
// is an offering's location with coordinates, else a town it names (at
// any stop named after the town: "Sveg Busstation" for Sveg), else the
// seat of its municipality.
type busTimes struct {
	byOrigin map[string][]catalog.TransitTime
	memo     map[busKey]int // minutes, -1 for no journey
}

type busKey struct {
	origin string
	place  Point
	town   string
}

// BusMinutes is the quickest bus journey on the timetable's weekday morning
// from the seat of municipality to where o is held, and false when the bus
// reaches none of its places by then or no timetable is imported.
func (d *Data) BusMinutes(o catalog.Offering, municipality string) (int, bool) {
	places, err := DefaultPlaces()
	if err != nil {
		return 0, false
	}
	origin, ok := places[municipality]
	bus := d.shared()
	if !ok || bus == nil {
		return 0, false
	}
	return bus.offering(&o, municipality, origin, places)
}

// shared is d's bus times without a memo, built once: Data is read by
// concurrent requests.
func (d *Data) shared() *busTimes {
	d.busOnce.Do(func() {
		if d.bus = newBusTimes(d.Transit); d.bus != nil {
			d.bus.memo = nil
		}
	})
	return d.bus
}

func newBusTimes(tr *catalog.Transit) *busTimes {
	if tr == nil || len(tr.Times) == 0 {
		return nil
	}
	b := &busTimes{byOrigin: map[string][]catalog.TransitTime{}, memo: map[busKey]int{}}
	for _, t := range tr.Times {
		b.byOrigin[t.Origin] = append(b.byOrigin[t.Origin], t)
	}
	return b
}

// offering is the quickest bus journey from the seat of home (at origin)
// to any of o's places, and false when none is reached by the morning's
// deadline.
func (b *busTimes) offering(o *catalog.Offering, home string, origin Point, places Places) (int, bool) {
	best := -1
	try := func(k busKey) {
		if m := b.minutes(k, origin); m >= 0 && (best < 0 || m < best) {
			best = m
		}
	}
	located := false
	for _, l := range o.Locations {
		if l.HasCoordinates() {
			located = true
			try(busKey{origin: home, place: Point{l.Lat, l.Lon}})
		}
	}
	if !located {
		for _, t := range o.Towns {
			try(busKey{origin: home, town: data.FoldName(t)})
		}
	}
	if !located && best < 0 {
		for _, m := range o.Municipalities {
			if pt, ok := places[m]; ok {
				try(busKey{origin: home, place: pt})
			}
		}
	}
	return best, best >= 0
}

// minutes is the quickest journey of k, memoised when b has a memo (one
// report's, which asks for the same few places many times; a shared
// busTimes has none, so that concurrent readers do not write).
func (b *busTimes) minutes(k busKey, origin Point) (m int) {
	if m, ok := b.memo[k]; ok {
		return m
	}
	defer func() {
		if b.memo != nil {
			b.memo[k] = m
		}
	}()
	m = -1
	if k.town == "" {
		// Within a walk of home: no bus needed.
		if d := DistanceKm(origin, k.place) * 1000; d <= catalog.WalkRadiusMetres {
			m = catalog.WalkMinutes(d)
		}
	}
	for _, t := range b.byOrigin[k.origin] {
		walk := 0
		if k.town != "" {
			if name := data.FoldName(t.StopName); name != k.town && !strings.HasPrefix(name, k.town+" ") {
				continue
			}
		} else {
			d := DistanceKm(Point{t.Lat, t.Lon}, k.place) * 1000
			if d > catalog.WalkRadiusMetres {
				continue
			}
			walk = catalog.WalkMinutes(d)
		}
		if total := t.Minutes + walk; m < 0 || total < m {
			m = total
		}
	}
	return m
}
