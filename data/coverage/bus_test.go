package coverage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/crawler/gtfs/gtfstest"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/occupation"
)

// bundledTransit is the travel times the gtfs source stores from the
// bundled feed, on the snapshot's weekday.
func bundledTransit(t *testing.T) *catalog.Transit {
	t.Helper()
	tr, err := gtfstest.Bundled(time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestBundledReportByBus computes the bundled report with "within 60
// minutes by bus" and compares it with the straight-line hour.
func TestBundledReportByBus(t *testing.T) {
	offerings, err := emil3test.ImportBundled(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	mapper, err := occupation.DefaultMapper()
	if err != nil {
		t.Fatal(err)
	}
	in := coverage.Input{Offerings: coverage.List(offerings), Occupations: mapper.Map, Transit: bundledTransit(t)}
	p := coverage.DefaultParams(time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm))
	byKm, err := coverage.Compute(in, p)
	if err != nil {
		t.Fatal(err)
	}
	p.MaxBusMinutes = 60
	byBus, err := coverage.Compute(in, p)
	if err != nil {
		t.Fatal(err)
	}
	if byBus.Travel.Rule != coverage.TravelBus || byBus.Travel.Timetable == nil || byKm.Travel.Rule != coverage.TravelStraightLine {
		t.Fatalf("travel rules: %+v, %+v", byKm.Travel, byBus.Travel)
	}
	nearby := map[string][2]int{} // municipality -> nearby starts by km, by bus
	for i, c := range byBus.Cells {
		k := byKm.Cells[i]
		if c.Municipality != k.Municipality || c.SSYK != k.SSYK {
			t.Fatalf("cell %d: %s/%s by bus, %s/%s by km", i, c.Municipality, c.SSYK, k.Municipality, k.SSYK)
		}
		// The travel rule changes neither the courses at home nor the
		// ones at a distance without sessions.
		if c.Local != k.Local || c.Online != k.Online {
			t.Errorf("%s/%s: local %d/%d, online %d/%d by km/bus", c.Municipality, c.SSYK, k.Local, c.Local, k.Online, c.Online)
		}
		n := nearby[c.Municipality]
		nearby[c.Municipality] = [2]int{n[0] + k.Nearby, n[1] + c.Nearby}
	}
	t.Logf("nearby starts by km and by bus within 60 minutes: %v", nearby)
	// Krokom is 24 minutes from Östersund by bus: its courses are near.
	if nearby["2309"][1] == 0 {
		t.Errorf("Krokom reaches no course in Östersund within 60 minutes by bus")
	}
	// Sveg's nearest other seat is Svenstavik, 100 minutes away by bus and
	// 82 km: nothing on site elsewhere counts either way.
	if nearby["2361"] != [2]int{0, 0} {
		t.Errorf("Härjedalen: nearby %v, want none by km or bus", nearby["2361"])
	}
	for _, g := range byBus.Gaps {
		if g.NearestBusMinutes != 0 && g.NearestBusMinutes <= 60 {
			t.Errorf("gap %s/%s: the nearest start is %d minutes away by bus, within the limit", g.Municipality, g.Occupation, g.NearestBusMinutes)
		}
	}

	// Without a timetable the bus rule is refused by name.
	in.Transit = nil
	var e *catalog.Error
	if _, err := coverage.Compute(in, p); !errors.As(err, &e) || e.Parameter != "max_bus_minutes" {
		t.Errorf("no timetable: %v, want an error naming max_bus_minutes", err)
	}
}
