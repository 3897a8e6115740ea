// Package gtfstest gives tests the travel times the gtfs source computes
// from the bundled timetable, without a data dir or an HTTP round trip.
package gtfstest

import (
	"io/fs"
	"time"

	"kurskatalog/crawler/gtfs"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
)

// Bundled parses data/snapshots/gtfs/jlt.zip and computes the weekday
// morning's travel times from the county's municipality seats, on the
// service day the source would pick at today, as source "jlt".
func Bundled(today time.Time) (*catalog.Transit, error) {
	fsys, err := data.Snapshot("gtfs")
	if err != nil {
		return nil, err
	}
	body, err := fs.ReadFile(fsys, "jlt.zip")
	if err != nil {
		return nil, err
	}
	feed, err := gtfs.Parse(body)
	if err != nil {
		return nil, err
	}
	day, err := feed.ServiceDay(today)
	if err != nil {
		return nil, err
	}
	places, err := coverage.DefaultPlaces()
	if err != nil {
		return nil, err
	}
	var origins []gtfs.Origin
	for _, code := range data.JamtlandMunicipalities {
		origins = append(origins, gtfs.Origin{ID: code, Lat: places[code].Lat, Lon: places[code].Lon})
	}
	w := gtfs.DefaultWindow(day)
	return &catalog.Transit{
		Feed:  catalog.TransitFeed{Source: "jlt", Version: feed.Version, Day: day, Leave: "06:00", ArriveBy: "10:00"},
		Times: feed.TravelTimes(origins, w),
	}, nil
}
