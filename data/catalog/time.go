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
