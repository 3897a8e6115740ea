package gtfs

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
)

// Origin is a locality travel times are computed from: ID is the SCB code
// of the municipality whose seat it is.
type Origin struct {
	ID       string
	Lat, Lon float64
}

// Window is the morning a learner travels in: on Day, leaving home at or
// after Leave and arriving by ArriveBy (seconds after midnight).
type Window struct {
	Day             time.Time
	Leave, ArriveBy int
	// TransferMetres is how far apart two stops may be for a walking
	// transfer between them.
	TransferMetres float64
}

// DefaultWindow is the weekday morning of the coverage report: leave from
// 06:00, arrive by 10:00, walk up to 400 m between stops.
func DefaultWindow(day time.Time) Window {
	return Window{Day: day, Leave: 6 * 3600, ArriveBy: 10 * 3600, TransferMetres: 400}
}

// connection is one bus ride between two consecutive stops of a trip.
type connection struct {
	from, to       int // stop indexes
	depart, arrive int
	trip           int
	// A passenger on board rides through a stop where the bus only sets
	// down or only picks up; board and alight say what they can do.
	board, alight bool
}

// footpath is a walking transfer to another stop.
type footpath struct{ to, seconds int }

// network is a feed's stops and one day's connections, sorted by departure,
// as the Connection Scan Algorithm reads them.
type network struct {
	stops []Stop
	conns []connection
	walks [][]footpath
	trips int
}

// TravelTimes computes, for each origin, the quickest journey to every stop
// reachable in the window: leaving home on foot to a stop within
// catalog.WalkRadiusMetres, riding, changing buses at a stop or on foot to
// another within TransferMetres. The minutes are from leaving home to
// arriving at the stop; a later departure that arrives as early is
// quicker, so every departure from the origin's stops is tried and the
// shortest journey kept (earliest-arrival Connection Scan, once per
// departure).
func (f *Feed) TravelTimes(origins []Origin, w Window) []catalog.TransitTime {
	n := f.network(w)
	var out []catalog.TransitTime
	for _, o := range origins {
		out = append(out, n.fromOrigin(o, w)...)
	}
	return out
}

// network builds the connections of the trips that run on w.Day.
func (f *Feed) network(w Window) *network {
	n := &network{}
	index := map[string]int{}
	ids := make([]string, 0, len(f.Stops))
	for id, s := range f.Stops {
		if s.LocationType == 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for i, id := range ids {
		index[id] = i
		n.stops = append(n.stops, f.Stops[id])
	}
	tripIDs := make([]string, 0, len(f.StopTimes))
	for id := range f.StopTimes {
		if f.Runs(f.Trips[id].ServiceID, w.Day) {
			tripIDs = append(tripIDs, id)
		}
	}
	slices.Sort(tripIDs)
	for t, id := range tripIDs {
		sts := f.StopTimes[id]
		for i := 0; i+1 < len(sts); i++ {
			a, b := sts[i], sts[i+1]
			n.conns = append(n.conns, connection{from: index[a.StopID], to: index[b.StopID], depart: a.Depart,
				arrive: b.Arrive, trip: t, board: !a.NoPickup, alight: !b.NoAlight})
		}
	}
	n.trips = len(tripIDs)
	sort.SliceStable(n.conns, func(i, j int) bool { return n.conns[i].depart < n.conns[j].depart })
	// Walking transfers: stops by latitude, so that each is compared only
	// with those less than the transfer distance north or south of it
	// (a degree of latitude is 111 km); a county feed has thousands.
	n.walks = make([][]footpath, len(n.stops))
	byLat := make([]int, len(n.stops))
	for i := range byLat {
		byLat[i] = i
	}
	slices.SortFunc(byLat, func(a, b int) int { return cmp.Compare(n.stops[a].Lat, n.stops[b].Lat) })
	band := w.TransferMetres / 111000
	for x, i := range byLat {
		for _, j := range byLat[x+1:] {
			if n.stops[j].Lat-n.stops[i].Lat > band {
				break
			}
			if d := metres(n.stops[i].Lat, n.stops[i].Lon, n.stops[j].Lat, n.stops[j].Lon); d <= w.TransferMetres {
				secs := catalog.WalkMinutes(d) * 60
				n.walks[i] = append(n.walks[i], footpath{to: j, seconds: secs})
				n.walks[j] = append(n.walks[j], footpath{to: i, seconds: secs})
			}
		}
	}
	return n
}

// fromOrigin is one origin's quickest journey to every stop.
func (n *network) fromOrigin(o Origin, w Window) []catalog.TransitTime {
	access := map[int]int{} // stop -> seconds on foot from home
	for i, s := range n.stops {
		if d := metres(o.Lat, o.Lon, s.Lat, s.Lon); d <= catalog.WalkRadiusMetres {
			access[i] = catalog.WalkMinutes(d) * 60
		}
	}
	if len(access) == 0 {
		return nil
	}
	// The moments worth leaving home: just in time for a bus from one of
	// the origin's stops.
	var leaves []int
	for _, c := range n.conns {
		if walk, ok := access[c.from]; ok && c.depart-walk >= w.Leave && c.depart <= w.ArriveBy {
			leaves = append(leaves, c.depart-walk)
		}
	}
	slices.Sort(leaves)
	leaves = slices.Compact(leaves)

	best := make([]int, len(n.stops)) // quickest journey in seconds, 0 = none
	leftAt := make([]int, len(n.stops))
	arrivedAt := make([]int, len(n.stops))
	arrival := make([]int, len(n.stops))
	boarded := make([]bool, n.trips)
	for _, leave := range leaves {
		n.scan(access, leave, w.ArriveBy, arrival, boarded)
		for i, a := range arrival {
			if a > w.ArriveBy {
				continue
			}
			if d := a - leave; best[i] == 0 || d < best[i] {
				best[i], leftAt[i], arrivedAt[i] = d, leave, a
			}
		}
	}
	var out []catalog.TransitTime
	for i, d := range best {
		if d == 0 {
			continue
		}
		s := n.stops[i]
		out = append(out, catalog.TransitTime{Origin: o.ID, StopID: s.ID, StopName: s.Name, Lat: s.Lat, Lon: s.Lon,
			Minutes: (d + 59) / 60, Depart: clock(leftAt[i]), Arrive: clock(arrivedAt[i])})
	}
	return out
}

// scan is the Connection Scan Algorithm: the earliest arrival at every stop
// for a learner leaving home at leave, in arrival (unreached stops get
// math.MaxInt).
func (n *network) scan(access map[int]int, leave, arriveBy int, arrival []int, boarded []bool) {
	for i := range arrival {
		arrival[i] = math.MaxInt
	}
	clear(boarded)
	for s, walk := range access {
		arrival[s] = min(arrival[s], leave+walk)
	}
	first := sort.Search(len(n.conns), func(i int) bool { return n.conns[i].depart >= leave })
	for _, c := range n.conns[first:] {
		if c.depart > arriveBy {
			break
		}
		if !boarded[c.trip] && (!c.board || arrival[c.from] > c.depart) {
			continue // the bus left before we got to the stop
		}
		boarded[c.trip] = true
		if c.alight && c.arrive < arrival[c.to] {
			arrival[c.to] = c.arrive
			for _, fp := range n.walks[c.to] {
				arrival[fp.to] = min(arrival[fp.to], c.arrive+fp.seconds)
			}
		}
	}
}

// ServiceDay picks the weekday to read the timetable for: of the ten days
// from today, the Monday to Friday with the most trips, the earliest of
// equals, so that a holiday's thin timetable is not taken for the usual
// one. It fails when no weekday in that time has a trip.
func (f *Feed) ServiceDay(today time.Time) (time.Time, error) {
	y, m, d := today.Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var best time.Time
	most := 0
	for i := range 10 {
		day := start.AddDate(0, 0, i)
		if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			continue
		}
		if n := f.TripsOn(day); n > most {
			best, most = day, n
		}
	}
	if most == 0 {
		return best, fmt.Errorf("gtfs: no trips on any weekday from %s for ten days", start.Format(time.DateOnly))
	}
	return best, nil
}

// clock formats seconds after midnight as "HH:MM".
func clock(s int) string { return fmt.Sprintf("%02d:%02d", s/3600, s/60%60) }

// metres is the great-circle distance between two WGS84 points.
func metres(lat1, lon1, lat2, lon2 float64) float64 {
	return 1000 * coverage.DistanceKm(coverage.Point{Lat: lat1, Lon: lon1}, coverage.Point{Lat: lat2, Lon: lon2})
}
