package server

import (
	"net/url"
	"slices"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

func TestParseCoverageParameters(t *testing.T) {
	s := &Server{Deps: Deps{Now: func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, catalog.Stockholm) }}}
	for _, tc := range []struct {
		name, query string
		munis       []string
		sessions    int
	}{
		{"codes", "municipality=2361&municipality=2380", []string{"2361", "2380"}, 5},
		{"names", "municipality=H%C3%A4rjedalen,%C3%B6stersunds+kommun,harjedalen", []string{"2361", "2380"}, 5},
		{"the search's name for the sessions limit", "max_mandatory_sessions=2", nil, 2},
		{"its former name", "max_sessions=3", nil, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := url.ParseQuery(tc.query)
			p, _, _, err := s.parseCoverage(v)
			if err != nil {
				t.Fatal(err)
			}
			if tc.munis != nil && !slices.Equal(p.Municipalities, tc.munis) {
				t.Errorf("municipalities %q, want %q", p.Municipalities, tc.munis)
			}
			if p.MaxSessions != tc.sessions {
				t.Errorf("max sessions %d, want %d", p.MaxSessions, tc.sessions)
			}
		})
	}
	for _, tc := range []struct{ query, param string }{
		{"municipality=Sveg", "municipality"},
		{"municipality=9999", "municipality"},
		{"max_sessions=1&max_mandatory_sessions=2", "max_sessions"},
		{"kommun=2361", "kommun"},
		{"max_km=NaN", "max_km"},
		{"max_km=nan", "max_km"},
		{"max_km=Inf", "max_km"},
		{"max_km=-Inf", "max_km"},
		{"max_km=-1", "max_km"},
		{"max_km=1000.5", "max_km"},
		{"max_bus_minutes=0", "max_bus_minutes"},
		{"max_bus_minutes=90.5", "max_bus_minutes"},
		{"max_bus_minutes=60&max_bus_minutes=90", "max_bus_minutes"},
	} {
		v, _ := url.ParseQuery(tc.query)
		_, _, _, err := s.parseCoverage(v)
		if e, ok := err.(*catalog.Error); !ok || e.Code != catalog.EInvalid || e.Parameter != tc.param {
			t.Errorf("%s: %v, want invalid naming %s", tc.query, err, tc.param)
		}
	}
}
