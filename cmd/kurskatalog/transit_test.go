package main

import (
	"net/http"
	"testing"
)

// checkCoverageByBus asks the service on the bundled data (with the
// bundled bus timetable imported by the crawl) for the report by bus, and
// compares it with the straight-line one.
func checkCoverageByBus(t *testing.T, base string) {
	t.Helper()
	type report struct {
		Cells []struct {
			Local, Nearby int
		} `json:"cells"`
		Travel struct {
			Rule          string  `json:"rule"`
			MaxKm         float64 `json:"max_km"`
			MaxBusMinutes int     `json:"max_bus_minutes"`
			Timetable     *struct {
				Source, Day, Leave string
			} `json:"timetable"`
		} `json:"travel"`
	}
	nearby := func(r report) (local, near int) {
		for _, c := range r.Cells {
			local, near = local+c.Local, near+c.Nearby
		}
		return
	}
	// Bräcke: Östersund is 62 km away in a straight line, beyond the hour,
	// but Brunflo's courses are 53 minutes away by bus.
	var km, bus report
	getJSON(t, base+"/api/v1/coverage?municipality=2305&view=cells", http.StatusOK, &km)
	getJSON(t, base+"/api/v1/coverage?municipality=2305&view=cells&max_bus_minutes=60", http.StatusOK, &bus)
	if km.Travel.Rule != "straight_line" || km.Travel.MaxKm != 60 || km.Travel.Timetable != nil {
		t.Errorf("straight-line report says %+v", km.Travel)
	}
	if bus.Travel.Rule != "bus" || bus.Travel.MaxBusMinutes != 60 || bus.Travel.Timetable == nil || bus.Travel.Timetable.Source != "jlt" {
		t.Fatalf("bus report says %+v", bus.Travel)
	}
	kmLocal, kmNear := nearby(km)
	busLocal, busNear := nearby(bus)
	if kmLocal != busLocal || busNear <= kmNear {
		t.Errorf("Bräcke: local %d/%d, nearby %d/%d in a straight line/by bus; want the same local and more nearby by bus", kmLocal, busLocal, kmNear, busNear)
	}
	var e errorBodyJSON
	getJSON(t, base+"/api/v1/coverage?max_bus_minutes=-5", http.StatusBadRequest, &e)
	if e.Error.Parameter != "max_bus_minutes" {
		t.Errorf("bad max_bus_minutes: %+v", e.Error)
	}
}
