package server

import (
	"runtime"
	"testing"
	"time"
	"weak"

	"kurskatalog/data/catalog"
)

// An intake the API keeps holds its facts, not the offering they came
// from: the offerings kept are bounded apart, and an intake that held its
// offering (description and all) would make the intakes kept cost as much.
func TestKeptIntakeLetsItsOfferingGo(t *testing.T) {
	start := time.Date(2027, 2, 1, 0, 0, 0, 0, catalog.Stockholm)
	o := &catalog.Offering{ID: "e.1", Title: "Svenska 1", Description: "<p>Lång text.</p>", Pace: 50, Start: start,
		Municipalities: []string{"2380"}, Towns: []string{"Östersund"}, URL: "https://example.se/svenska1"}
	in := toIntake(o)
	gone := weak.Make(o)
	o = nil
	for range 3 {
		runtime.GC()
	}
	if gone.Value() != nil {
		t.Error("the offering is still reachable from its intake")
	}
	if in.Pace == nil || *in.Pace != 50 || in.ID != "e.1" || *in.Start != "2027-02-01" {
		t.Errorf("intake %+v", in)
	}
	runtime.KeepAlive(in)
}
