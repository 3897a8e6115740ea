package catalog

import (
	"testing"
	"time"
)

// Day is the date in Sweden, not in the instant's own zone: late in the
// evening UTC it is already the next day there, an hour later in summer.
func TestDay(t *testing.T) {
	for _, c := range []struct{ at, want string }{
		{"2026-11-20T22:59:59Z", "2026-11-20"},      // 23:59:59 CET
		{"2026-11-20T23:00:00Z", "2026-11-21"},      // midnight CET
		{"2027-06-30T21:59:59Z", "2027-06-30"},      // 23:59:59 CEST
		{"2027-06-30T22:00:00Z", "2027-07-01"},      // midnight CEST
		{"2027-03-28T01:30:00+01:00", "2027-03-28"}, // the night clocks go forward
		{"2026-12-31T23:30:00-05:00", "2027-01-01"}, // New York's New Year's Eve
		{"2026-11-20T12:00:00+01:00", "2026-11-20"}, // noon in Östersund
	} {
		at, err := time.Parse(time.RFC3339, c.at)
		if err != nil {
			t.Fatal(err)
		}
		got := Day(at)
		if got.Format(time.DateOnly) != c.want || got.Location() != Stockholm || got.Hour() != 0 || got.Minute() != 0 {
			t.Errorf("Day(%s) = %s, want midnight of %s in Stockholm", c.at, got, c.want)
		}
	}
}
