package emil3gen

import (
	"time"
)

// Date layouts of the feed: calendar dates, and date-time-local stamps.
const (
	dateLayout  = "2006-01-02"
	stampLayout = "2006-01-02T15:04:05"
)

// day parses a table date; tables are code, so a bad one is a bug.
func day(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ymd(t time.Time) string { return t.Format(dateLayout) }

// midnight is a date as a date-time-local stamp, the form expires takes.
func midnight(t time.Time) string { return t.Format(dateLayout) + "T00:00:00" }

// weeks adds n weeks and lands on the Friday of the last week, when courses
// end.
func weeks(start time.Time, n int) time.Time {
	if n < 1 {
		n = 1
	}
	return start.AddDate(0, 0, 7*n-3)
}

// lastEdited is a working-hours stamp in the 260 days before RefDate: most
// records were touched this year, few very recently.
func (g *gen) lastEdited() string {
	d := RefDate.AddDate(0, 0, -1-g.r.IntN(260))
	secs := 7*3600 + g.r.IntN(10*3600)
	return d.Add(time.Duration(secs) * time.Second).Format(stampLayout)
}

// termCode is the UH term of a start date: year and 1 (spring, including
// summer) or 2 (autumn), as in e.uoh.kth.dd1420.60090.20251.
func termCode(t time.Time) string {
	if t.Month() >= time.July {
		return itoa(t.Year()) + "2"
	}
	return itoa(t.Year()) + "1"
}

// slot is a start date with its application window.
type slot struct {
	Start, First, Last string
	Weight             float64
}

// pickSlot draws a slot by weight.
func (g *gen) pickSlot(slots []slot) slot {
	total := 0.0
	for _, s := range slots {
		total += s.Weight
	}
	x := g.r.Float64() * total
	for _, s := range slots {
		x -= s.Weight
		if x < 0 {
			return s
		}
	}
	return slots[len(slots)-1]
}

// University terms: full-term and mid-term starts, applications through
// the national rounds (autumn term applications close 15 April, spring term
// 15 October).
var hsSlots = []slot{
	{"2026-08-31", "2026-03-16", "2026-04-15", 12},
	{"2026-11-02", "2026-03-16", "2026-04-15", 5},
	{"2027-01-18", "2026-09-15", "2026-10-15", 33},
	{"2027-03-22", "2026-09-15", "2026-10-15", 10},
	{"2027-06-07", "2027-03-15", "2027-04-15", 5},
	{"2027-08-30", "2027-03-15", "2027-04-15", 28},
	{"2027-11-01", "2027-03-15", "2027-04-15", 7},
}

// Komvux fixed starts through the year; application closes some weeks
// before. The January and August starts are the big ones.
var komvuxSlots = []slot{
	{"2026-08-17", "2026-04-01", "2026-05-31", 10},
	{"2026-10-19", "2026-08-17", "2026-09-20", 6},
	{"2027-01-11", "2026-10-01", "2026-11-30", 24},
	{"2027-02-15", "2026-11-15", "2027-01-10", 8},
	{"2027-03-22", "2026-12-01", "2027-02-14", 10},
	{"2027-06-07", "2027-03-01", "2027-04-30", 5},
	{"2027-08-16", "2027-03-15", "2027-05-31", 25},
	{"2027-10-18", "2027-08-16", "2027-09-19", 7},
}

// YH intakes: the autumn start dominates; last year's intake is running.
var yhSlots = []slot{
	{"2026-08-24", "2026-02-01", "2026-04-15", 25},
	{"2027-01-18", "2026-09-15", "2026-11-30", 15},
	{"2027-08-23", "2027-02-01", "2027-04-15", 60},
}

// Folk high school terms.
var fhsSlots = []slot{
	{"2026-08-17", "2026-01-15", "2026-04-15", 25},
	{"2027-01-11", "2026-09-01", "2026-11-30", 25},
	{"2027-08-16", "2027-01-15", "2027-04-15", 50},
}
