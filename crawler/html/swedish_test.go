package html

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, stockholm)
	if err != nil {
		panic(err)
	}
	return t
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// TestParseSchedule reads start texts as the bundled and real sites write
// them.
func TestParseSchedule(t *testing.T) {
	tests := []struct {
		in         string
		start, end string
		condition  int
		rolling    bool
	}{
		{"18 januari 2027", "2027-01-18", "", 1, false},
		{"2027-01-18", "2027-01-18", "", 1, false},
		{"Start: 2027-1-8", "2027-01-08", "", 1, false},
		{"Måndag 18 januari 2027 kl. 09.00", "2027-01-18", "", 1, false},
		{"18 jan. 2027", "2027-01-18", "", 1, false},
		{"18:e januari 2027", "2027-01-18", "", 1, false},
		{"18 JANUARI 2027", "2027-01-18", "", 1, false},
		{"18/1 2027", "2027-01-18", "", 1, false},
		{"18/1-2027", "2027-01-18", "", 1, false},
		{"v. 3 2027", "2027-01-18", "", 1, false},
		{"v.3 2027", "2027-01-18", "", 1, false},
		{"Vecka 35, 2027", "2027-08-30", "", 1, false},
		{"v3/2027", "2027-01-18", "", 1, false},
		{"vecka 1 2027", "2027-01-04", "", 1, false}, // 1 January 2027 is a Friday
		{"v. 53 2026", "2026-12-28", "", 1, false},   // 2026 has 53 ISO weeks
		{"12–14 mars 2027", "2027-03-12", "2027-03-14", 1, false},
		{"12-14 mars 2027", "2027-03-12", "2027-03-14", 1, false},
		{"28 juni–2 juli 2027", "2027-06-28", "2027-07-02", 1, false},
		{"1 februari–30 april 2027", "2027-02-01", "2027-04-30", 1, false},
		{"28 december–8 januari 2027", "2026-12-28", "2027-01-08", 1, false},
		{"2027-01-18 – 2027-03-12", "2027-01-18", "2027-03-12", 1, false},
		{"18 januari 2027 till 12 mars 2027", "2027-01-18", "2027-03-12", 1, false},
		{"2027-02-09T18:00:00+01:00", "2027-02-09", "", 1, false},
		{"2027-01-17T23:30:00Z", "2027-01-18", "", 1, false}, // JSON-LD in UTC: already the 18th in Sweden
		{"Löpande start", "", "", 2, true},
		{"löpande", "", "", 2, true},
		{"Löpande, nästa grupp 18 januari 2027", "2027-01-18", "", 2, true},
		{"Start när du vill", "", "", 2, true},
		{"Enligt överenskommelse", "", "", 3, true},
		{"Datum meddelas senare", "", "", 0, false},
		{"-", "", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSchedule(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if dateString(got.start) != tt.start || dateString(got.end) != tt.end || got.condition != tt.condition || got.rolling != tt.rolling {
				t.Errorf("got start %q end %q condition %d rolling %v; want %q %q %d %v",
					dateString(got.start), dateString(got.end), got.condition, got.rolling, tt.start, tt.end, tt.condition, tt.rolling)
			}
			if !got.start.IsZero() && got.start.Location() != stockholm {
				t.Errorf("start in %v, want Europe/Stockholm", got.start.Location())
			}
		})
	}
}

func TestParseScheduleErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"18 januari", "without year"},
		{"v. 3", "without year"},
		{"30 februari 2027", "no such date"},
		{"2027-13-01", "no such date"},
		{"vecka 60 2027", "week 60"},
		{"Hösten 2027", "no date"},
		{"Kontakta skolan", "no date"}, // "kontakta oss" is known; this is not
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := parseSchedule(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestParseDeadline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2027-01-25", "2027-01-25"},
		{"30 november 2026", "2026-11-30"},
		{"Sista anmälan: 11 januari 2027.", "2027-01-11"},
		{"senast fredag 5 mars 2027", "2027-03-05"},
		{"Löpande", ""},
		{"Löpande antagning", ""},
		{"Snarast", ""},
		{"Så länge platser finns", ""},
		{"-", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseDeadline(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if dateString(got) != tt.want {
				t.Errorf("got %q, want %q", dateString(got), tt.want)
			}
		})
	}
	if _, err := parseDeadline("Vid terminsstart"); err == nil {
		t.Error("a text without a date or a known phrase must be an error")
	}
}

func TestISOWeekMonday(t *testing.T) {
	for _, y := range []int{2024, 2025, 2026, 2027, 2028} {
		for _, w := range []int{1, 10, 33, 52} {
			m := isoWeekMonday(y, w)
			if gy, gw := m.ISOWeek(); gy != y || gw != w || m.Weekday() != time.Monday {
				t.Errorf("isoWeekMonday(%d, %d) = %s, which is %s of week %d/%d", y, w, dateString(m), m.Weekday(), gw, gy)
			}
		}
	}
}
