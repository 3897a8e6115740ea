package catalog

import (
	"testing"
	"time"
)

func TestIsCurrent(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.ParseInLocation(time.DateOnly, s, Stockholm)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	today := day("2027-03-15")
	tests := []struct {
		name string
		o    Offering
		want bool
	}{
		{"fixed start ahead", Offering{Start: day("2027-08-30")}, true},
		{"fixed start today", Offering{Start: day("2027-03-15")}, true},
		{"fixed start passed, still running", Offering{Start: day("2027-01-18"), End: day("2027-06-04")}, false},
		{"deadline passed, start ahead", Offering{Start: day("2027-08-30"), ApplicationLast: day("2027-03-14")}, false},
		{"deadline today", Offering{Start: day("2027-08-30"), ApplicationLast: day("2027-03-15")}, true},
		{"rolling, running", Offering{RollingStart: true, Start: day("2026-08-17"), End: day("2027-06-30")}, true},
		{"rolling, no end", Offering{RollingStart: true}, true},
		{"rolling, ended", Offering{RollingStart: true, End: day("2027-02-28")}, false},
		{"rolling, application closed", Offering{RollingStart: true, ApplicationLast: day("2027-01-10")}, false},
		{"no dates", Offering{}, true},
		{"no start, ended", Offering{End: day("2027-01-01")}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsCurrent(&tc.o, today); got != tc.want {
				t.Errorf("IsCurrent = %v, want %v", got, tc.want)
			}
		})
	}
}
