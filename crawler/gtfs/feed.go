// Package gtfs reads a static GTFS feed (the county's buses, as Trafiklab's
// GTFS Regional publishes them for Länstrafiken Jämtland) and turns it into
// travel times by public transport from the county's localities to every
// stop on a weekday morning. It is a reach source, not an offering source:
// the times go to the store's transit tables and feed the coverage report's
// "within N minutes by bus".
package gtfs

import (
	"time"

	"kurskatalog/data/catalog"
)

// Feed is what the router needs from a GTFS feed. Times are seconds after
// the service day's midnight (GTFS "noon minus 12h"), so a trip past
// midnight has times over 24 hours.
type Feed struct {
	Stops     map[string]Stop
	Routes    map[string]Route
	Trips     map[string]Trip
	StopTimes map[string][]StopTime // by trip, in stop_sequence order
	Calendar  map[string]Service    // by service_id
	// Dates are calendar_dates.txt: by service_id and YYYYMMDD, 1 added,
	// 2 removed.
	Dates   map[string]map[string]int
	Version string // feed_info.txt's feed_version, when given
	// Rows counts the data rows read; Skipped the ones left out, with why.
	Rows    int
	Skipped []catalog.Skip
}

// Stop is a row of stops.txt. Stations (location_type 1) group stop
// points; only stop points (0) are served by trips.
type Stop struct {
	ID, Name     string
	Lat, Lon     float64
	LocationType int
	Parent       string
}

// Route is a row of routes.txt.
type Route struct {
	ID, ShortName, LongName string
	Type                    int
}

// Trip is a row of trips.txt.
type Trip struct {
	ID, RouteID, ServiceID, Headsign string
}

// StopTime is a row of stop_times.txt.
type StopTime struct {
	StopID             string
	Sequence           int
	Arrive, Depart     int // seconds after midnight of the service day
	NoPickup, NoAlight bool
}

// Service is a row of calendar.txt.
type Service struct {
	Days       [7]bool // by time.Weekday: Sunday first
	Start, End string  // YYYYMMDD, inclusive
}

// Runs reports whether service runs on day: calendar.txt's weekly pattern
// within its dates, overridden by calendar_dates.txt.
func (f *Feed) Runs(service string, day time.Time) bool {
	date := day.Format("20060102")
	switch f.Dates[service][date] {
	case 1:
		return true
	case 2:
		return false
	}
	s, ok := f.Calendar[service]
	return ok && s.Days[day.Weekday()] && s.Start <= date && date <= s.End
}

// TripsOn counts the trips that run on day.
func (f *Feed) TripsOn(day time.Time) int {
	n := 0
	for _, t := range f.Trips {
		if f.Runs(t.ServiceID, day) {
			n++
		}
	}
	return n
}
