package catalog

import (
	"time"
	_ "time/tzdata" // Europe/Stockholm must resolve on machines without zoneinfo
)

// Stockholm is the zone of every calendar date in the catalogue: a course
// starting "2027-01-18" starts on that day in Sweden.
var Stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err) // tzdata is embedded
	}
	return loc
}()

// Day is t's calendar day in Sweden, at midnight there: what "today" is
// for every search, count and report, whatever the machine's zone.
func Day(t time.Time) time.Time {
	y, m, d := t.In(Stockholm).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Stockholm)
}
