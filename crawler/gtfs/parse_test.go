package gtfs

import (
	"io/fs"
	"maps"
	"strings"
	"testing"
	"time"

	"kurskatalog/data"
	"kurskatalog/data/coverage"
)

func TestParseBundledSnapshot(t *testing.T) {
	fsys, err := data.Snapshot("gtfs")
	if err != nil {
		t.Fatal(err)
	}
	body, err := fs.ReadFile(fsys, "jlt.zip")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Skipped) != 0 {
		t.Errorf("skipped %d rows of the bundled feed: %v", len(feed.Skipped), feed.Skipped[:min(5, len(feed.Skipped))])
	}
	if len(feed.Routes) < 7 || len(feed.StopTimes) < 50 || feed.Version == "" {
		t.Errorf("routes %d, trips %d, version %q: the bundled feed should have the county's main lines", len(feed.Routes), len(feed.StopTimes), feed.Version)
	}
	day, err := feed.ServiceDay(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		t.Errorf("service day %s is a %s", day.Format(time.DateOnly), wd)
	}
	// Christmas Eve has the weekend timetable: fewer trips than a weekday.
	if eve, usual := feed.TripsOn(time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC)), feed.TripsOn(day); eve >= usual {
		t.Errorf("trips on 24 December %d, on %s %d: the holiday should run the thinner timetable", eve, day.Format(time.DateOnly), usual)
	}

	// Every municipality seat reaches the county town on a weekday
	// morning, and the county town reaches every seat.
	places, err := coverage.DefaultPlaces()
	if err != nil {
		t.Fatal(err)
	}
	var origins []Origin
	for _, code := range data.JamtlandMunicipalities {
		origins = append(origins, Origin{ID: code, Lat: places[code].Lat, Lon: places[code].Lon})
	}
	times := feed.TravelTimes(origins, DefaultWindow(day))
	toTown := map[string]int{}
	fromTown := map[string]bool{}
	for _, tt := range times {
		if tt.Origin != "2380" && strings.HasPrefix(tt.StopName, "Östersund Resecentrum") {
			toTown[tt.Origin] = tt.Minutes
		}
		if tt.Origin == "2380" {
			for _, code := range data.JamtlandMunicipalities {
				if p := places[code]; coverage.DistanceKm(coverage.Point{Lat: tt.Lat, Lon: tt.Lon}, p) < 1 {
					fromTown[code] = true
				}
			}
		}
		if tt.Minutes <= 0 || tt.Depart < "06:00" || tt.Arrive > "10:00" {
			t.Errorf("journey outside the morning: %+v", tt)
		}
	}
	for _, code := range data.JamtlandMunicipalities {
		if code == "2380" {
			continue
		}
		if _, ok := toTown[code]; !ok {
			t.Errorf("%s does not reach Östersund Resecentrum by 10:00 (reached: %v)", code, toTown)
		}
		if !fromTown[code] {
			t.Errorf("Östersund does not reach the seat of %s by 10:00", code)
		}
	}
}

func TestParseBrokenFeeds(t *testing.T) {
	tests := []struct {
		name   string
		change func(map[string]string)
		want   string // in the error
	}{
		{"no stop_times.txt", func(f map[string]string) { delete(f, "stop_times.txt") }, "no stop_times.txt"},
		{"no calendar at all", func(f map[string]string) { delete(f, "calendar.txt"); delete(f, "calendar_dates.txt") }, "neither calendar.txt nor calendar_dates.txt"},
		{"stops without stop_lat", func(f map[string]string) {
			f["stops.txt"] = strings.Replace(f["stops.txt"], "stop_lat", "latitude", 1)
		}, "stops.txt has no column stop_lat"},
		{"trips without service_id", func(f map[string]string) {
			f["trips.txt"] = strings.Replace(f["trips.txt"], "service_id", "service", 1)
		}, "trips.txt has no column service_id"},
		{"empty agency.txt", func(f map[string]string) { f["agency.txt"] = "" }, "agency.txt is empty"},
		{"every stop time bad", func(f map[string]string) {
			f["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,7:0,7:0,A,1\n"
		}, "no usable trips"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := maps.Clone(tinyFeed())
			tc.change(files)
			_, err := Parse(feedZip(t, files))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
	if _, err := Parse([]byte("<html>Unauthorized</html>")); err == nil || !strings.Contains(err.Error(), "not a zip") {
		t.Errorf("an HTML page: error %v, want not a zip", err)
	}
}

func TestParseSkipsBadRows(t *testing.T) {
	files := tinyFeed()
	files["stops.txt"] += "X,\"Ingenstans\",,14.0,0,\n"       // no latitude
	files["trips.txt"] += "R9,WK,T9\n"                        // unknown route
	files["stop_times.txt"] += "T4,09:75:00,09:75:00,D,3\n" + // no such minute
		"T4,10:00:00,10:00:00,X,4\n" + // the stop that was skipped
		"T4,10:10:00,10:10:00\n" // too few fields
	feed, err := Parse(feedZip(t, files))
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]int{}
	for _, s := range feed.Skipped {
		reasons[s.Reason]++
	}
	want := map[string]int{"bad stop_lat or stop_lon": 1, "unknown route_id": 1, "bad arrival_time or departure_time": 1,
		"unknown stop_id": 1, "malformed row": 1}
	if !maps.Equal(reasons, want) {
		t.Errorf("skipped %v, want %v", reasons, want)
	}
	if n := len(feed.StopTimes["T4"]); n != 2 {
		t.Errorf("T4 has %d stop times, want its 2 good ones", n)
	}
}
