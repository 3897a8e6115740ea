package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"net/http/httptest"

	"kurskatalog/data/catalog"
	"kurskatalog/data/occupation"
	"kurskatalog/data/sqlite"
	"kurskatalog/server"
)

// The coverage fixture with a hand-made bus timetable: from Krokom's seat a
// bus reaches the stop in Östersund's centre in 24 minutes, from Sveg in
// 150; nothing else is served.
func newBusCoverageServer(t *testing.T) *httptest.Server {
	t.Helper()
	tax, err := occupation.Load()
	if err != nil {
		t.Fatal(err)
	}
	feed := catalog.TransitFeed{Source: "jlt", Day: pagesDay(2026, 11, 24), Leave: "06:00", ArriveBy: "10:00"}
	stop := func(origin string, minutes int, depart, arrive string) catalog.TransitTime {
		return catalog.TransitTime{Origin: origin, StopID: "9022023000100001", StopName: "Östersund Resecentrum",
			Lat: 63.177, Lon: 14.636, Minutes: minutes, Depart: depart, Arrive: arrive}
	}
	return serveCatalogue(t, server.Deps{Taxonomy: tax, Now: func() time.Time { return pagesToday }}, func(ctx context.Context, db *sqlite.DB) error {
		db.SetClock(func() time.Time { return pagesToday })
		if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: coverageFixture()}); err != nil {
			return err
		}
		if _, err := db.ReplaceDemand(ctx, "2025-2", coverageDemand()); err != nil {
			return err
		}
		_, err := db.ReplaceTransit(ctx, feed, []catalog.TransitTime{stop("2309", 24, "07:16", "07:40"), stop("2361", 150, "06:05", "08:35")})
		return err
	})
}

func TestPagesByBus(t *testing.T) {
	srv := newBusCoverageServer(t)
	for _, tc := range []struct {
		name, path string
		status     int
		contains   []string
		lacks      []string
	}{
		{"occupation, nearby by bus", "/yrke/8332?municipality=2309&max_bus_minutes=30", 200, []string{
			"På plats inom 30 minuter med buss", "Östersund (24 min med buss, cirka 20 km fågelvägen)",
			`<option value="30" selected>inom 30 minuter med buss</option>`, "tidtabellen för 24 november 2026",
			"avresa tidigast 06:00, framme senast 10:00"}, []string{"På plats inom 60 km"}},
		{"occupation, too far by bus", "/yrke/8332?municipality=2361&max_bus_minutes=90", 200, []string{
			"På plats inom 90 minuter med buss", "Östersund (150 min med buss, cirka 130 km fågelvägen)"}, nil},
		{"occupation, in a straight line", "/yrke/8332?municipality=2309", 200, []string{
			"På plats inom 60 km", "fågelvägen", `<option value="" selected>inom 60 km fågelvägen</option>`}, []string{"min med buss"}},
		{"occupation in English", "/yrke/8332?municipality=2309&max_bus_minutes=30&lang=en", 200, []string{
			"On site within 30 minutes by bus", "Östersund (24 min by bus, about 20 km as the crow flies)"}, nil},
		{"coverage by bus", "/tackning?max_bus_minutes=60&municipality=2361", 200, []string{
			"inom 60 minuter med buss", "max_bus_minutes=60&amp;municipality=2361", "/api/v1/coverage?format=csv"}, nil},
		{"coverage, a choice not offered", "/tackning?max_bus_minutes=50", 400, []string{"max_bus_minutes"}, nil},
		{"occupation, a choice not offered", "/yrke/8332?max_bus_minutes=abc", 400, []string{"max_bus_minutes"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := getPage(t, srv, tc.path)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d", r.status, tc.status)
			}
			for _, s := range tc.contains {
				if !strings.Contains(r.body, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tc.lacks {
				if strings.Contains(r.body, s) {
					t.Errorf("page has %q", s)
				}
			}
		})
	}
	// The CSV links of the page by bus ask the API for the same report.
	if r := getPage(t, srv, "/tackning?max_bus_minutes=60"); !strings.Contains(r.body, "max_bus_minutes=60&amp;months") &&
		!strings.Contains(r.body, "&amp;max_bus_minutes=60&amp;") {
		t.Errorf("the CSV links leave out max_bus_minutes")
	}
}

// Without an imported timetable the pages offer only km, and the bus rule
// is refused by name rather than shown as a county without buses.
func TestPagesWithoutTimetable(t *testing.T) {
	srv := newCoverageServer(t)
	if r := getPage(t, srv, "/tackning"); r.status != 200 || strings.Contains(r.body, `name="max_bus_minutes"`) {
		t.Errorf("status %d; the page offers the bus without a timetable: %v", r.status, strings.Contains(r.body, "max_bus_minutes"))
	}
	if r := getPage(t, srv, "/tackning?max_bus_minutes=60"); r.status != 400 || !strings.Contains(r.body, "max_bus_minutes") {
		t.Errorf("bus rule without a timetable: status %d", r.status)
	}
}
