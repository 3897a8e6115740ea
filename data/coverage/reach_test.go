package coverage

import (
	"math"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, catalog.Stockholm)
}

func TestDistanceKm(t *testing.T) {
	places, err := DefaultPlaces()
	if err != nil {
		t.Fatal(err)
	}
	if len(places) != 290 {
		t.Errorf("%d places, want 290", len(places))
	}
	tests := []struct {
		name string
		a, b Point
		want float64 // km, within 2 %
	}{
		{"one degree of latitude", Point{63, 14}, Point{64, 14}, 111.2},
		{"Östersund to Krokom", places["2380"], places["2309"], 19},
		{"Östersund to Sveg", places["2380"], places["2361"], 129},
		{"Östersund to Järpen", places["2380"], places["2321"], 60},
		{"same place", places["2380"], places["2380"], 0},
	}
	for _, tc := range tests {
		got := DistanceKm(tc.a, tc.b)
		if math.Abs(got-tc.want) > 0.02*tc.want+0.5 {
			t.Errorf("%s: %.1f km, want about %.0f", tc.name, got, tc.want)
		}
	}
}

func TestReach(t *testing.T) {
	p := Params{Today: date(2026, 11, 20), MaxKm: 50, MaxSessions: 3, Municipalities: []string{"2380"}}
	base := catalog.Offering{ID: "x", Mode: catalog.ModeOnsite, Municipalities: []string{"2380"}, Start: date(2027, 1, 18)}
	with := func(f func(o *catalog.Offering)) catalog.Offering {
		o := base
		f(&o)
		return o
	}
	tests := []struct {
		name string
		o    catalog.Offering
		want catalog.Reach // "" = not reachable
	}{
		{"on site at home", base, catalog.ReachLocal},
		{"on site in Krokom, 20 km", with(func(o *catalog.Offering) { o.Municipalities = []string{"2309"} }), catalog.ReachNearby},
		{"on site in Sveg, 129 km", with(func(o *catalog.Offering) { o.Municipalities = []string{"2361"} }), ""},
		{"on site in two places, one near", with(func(o *catalog.Offering) { o.Municipalities = []string{"2361", "2309"} }), catalog.ReachNearby},
		{"on site abroad (no place)", with(func(o *catalog.Offering) { o.Municipalities = nil }), ""},
		{"blended, 2 sessions in Stockholm", with(func(o *catalog.Offering) {
			o.Mode, o.MandatorySessions, o.Municipalities = catalog.ModeBlended, 2, []string{"0180"}
		}), catalog.ReachBlended},
		{"blended, 8 sessions in Stockholm", with(func(o *catalog.Offering) {
			o.Mode, o.MandatorySessions, o.Municipalities = catalog.ModeBlended, 8, []string{"0180"}
		}), ""},
		{"blended, 8 sessions in Krokom", with(func(o *catalog.Offering) {
			o.Mode, o.MandatorySessions, o.Municipalities = catalog.ModeBlended, 8, []string{"2309"}
		}), catalog.ReachBlended},
		{"online from anywhere", with(func(o *catalog.Offering) { o.Mode, o.Municipalities = catalog.ModeOnline, []string{"1280"} }), catalog.ReachOnline},
		{"cancelled", with(func(o *catalog.Offering) { o.Cancelled = true }), ""},
		{"started yesterday", with(func(o *catalog.Offering) { o.Start = date(2026, 11, 19) }), ""},
		{"starts today", with(func(o *catalog.Offering) { o.Start = date(2026, 11, 20) }), catalog.ReachLocal},
		{"starts on the window's last day", with(func(o *catalog.Offering) { o.Start = date(2027, 11, 20) }), catalog.ReachLocal},
		{"starts after the window", with(func(o *catalog.Offering) { o.Start = date(2027, 11, 21) }), ""},
		{"application closed", with(func(o *catalog.Offering) { o.ApplicationLast = date(2026, 10, 15) }), ""},
		{"application closes today", with(func(o *catalog.Offering) { o.ApplicationLast = date(2026, 11, 20) }), catalog.ReachLocal},
		{"start unknown", with(func(o *catalog.Offering) { o.Start = time.Time{} }), ""},
		{"rolling, running since last year", with(func(o *catalog.Offering) {
			o.RollingStart, o.Start, o.End = true, date(2025, 8, 1), date(2027, 6, 30)
		}), catalog.ReachLocal},
		{"rolling, ended", with(func(o *catalog.Offering) {
			o.RollingStart, o.Start, o.End = true, date(2025, 8, 1), date(2026, 6, 30)
		}), ""},
		{"rolling, without dates", with(func(o *catalog.Offering) { o.RollingStart, o.Start = true, time.Time{} }), catalog.ReachLocal},
		{"rolling, application closed", with(func(o *catalog.Offering) {
			o.RollingStart, o.Start, o.ApplicationLast = true, date(2025, 8, 1), date(2026, 11, 19)
		}), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok, err := Reach(tc.o, "2380", p)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("got %q %v, want %q", got, ok, tc.want)
			}
		})
	}
}

func TestParamsInvalid(t *testing.T) {
	for name, p := range map[string]Params{
		"no today":             {MaxKm: 10},
		"negative distance":    {Today: date(2026, 1, 1), MaxKm: -1},
		"negative sessions":    {Today: date(2026, 1, 1), MaxSessions: -1},
		"window ends early":    {Today: date(2026, 1, 1), Until: date(2025, 1, 1)},
		"unknown municipality": {Today: date(2026, 1, 1), Municipalities: []string{"9999"}},
	} {
		if _, err := Compute(Input{}, p); catalog.ErrorCodeOf(err) != catalog.EInvalid {
			t.Errorf("%s: error %v, want invalid", name, err)
		}
	}
}
