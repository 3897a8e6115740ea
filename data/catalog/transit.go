package catalog

import "time"

// Walking between a place and a bus stop, and between stops at a transfer:
// a straight line at an adult's pace, a little slower than the usual 5 km/h
// because roads rarely run straight and winter pavements are slow.
const (
	// WalkMetresPerMinute is the walking pace, 4.5 km/h.
	WalkMetresPerMinute = 75.0
	// WalkRadiusMetres is how far a learner walks from home to a stop, or
	// from a stop to where the course is held.
	WalkRadiusMetres = 1000.0
)

// WalkMinutes is the time to walk metres, rounded up to whole minutes.
func WalkMinutes(metres float64) int {
	m := int(metres / WalkMetresPerMinute)
	if float64(m)*WalkMetresPerMinute < metres {
		m++
	}
	return m
}

// TransitFeed describes the bus travel times imported from one GTFS feed:
// the service day they were computed for and the morning window.
type TransitFeed struct {
	Source  string    `json:"source"`
	Version string    `json:"version,omitempty"` // feed_info's feed_version
	Day     time.Time `json:"day"`               // the weekday the timetable was read for
	// Leave is the earliest a learner leaves home and ArriveBy the latest
	// they arrive, as "HH:MM" on Day.
	Leave    string `json:"leave"`
	ArriveBy string `json:"arrive_by"`
}

// TransitTime is the quickest journey by public transport on a weekday
// morning from a locality (Origin: the SCB code of the municipality whose
// seat it is) to one stop: door-to-stop minutes, including the walk to the
// first stop, waits and walking transfers.
type TransitTime struct {
	Origin   string  `json:"origin"`
	StopID   string  `json:"stop_id"`
	StopName string  `json:"stop_name"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Minutes  int     `json:"minutes"`
	Depart   string  `json:"depart"` // leaving home, "HH:MM"
	Arrive   string  `json:"arrive"` // at the stop, "HH:MM"
}

// Transit is the stored bus travel times: the feed and its times.
type Transit struct {
	Feed  TransitFeed   `json:"feed"`
	Times []TransitTime `json:"times"`
}
