package index

import (
	"strings"
	"time"

	"kurskatalog/data/catalog"
)

// Ranking by date. Bleve scores how well the words match; the hits are
// ordered by that score times a factor of when the offering can be taken,
// so that among equally good matches the one open for application and
// starting soon comes first. "Today" comes with the query, so the order is
// the same in every test.

// maxDateFactor bounds dateFactor from above (open for application and
// starting within three months), with a margin for rounding.
const maxDateFactor = 1.08 * 1.06 * (1 + 1e-9)

// dateFactor weighs an offering by when it can be taken, on day today.
func dateFactor(o *catalog.Offering, today time.Time) float64 {
	if !catalog.IsCurrent(o, today) {
		return 0.5
	}
	f := 1.0
	if catalog.OpenForApplication(o, today) {
		f *= 1.08
	}
	switch catalog.StartPeriod(o, today) {
	case catalog.StartWithin3, catalog.StartRolling:
		f *= 1.06
	case catalog.Start3To6:
		f *= 1.02
	case catalog.StartLater, catalog.StartStarted:
		f *= 0.95
	}
	return f
}

// timingOf is the stored form of an offering's dates: start, end, first
// and last day of application, and "r" for a rolling start.
func timingOf(o *catalog.Offering) timing {
	return timing{o.Start, o.End, o.ApplicationFirst, o.ApplicationLast, o.RollingStart}
}

type timing struct {
	start, end, first, last time.Time
	rolling                 bool
}

func (t timing) String() string {
	day := func(d time.Time) string {
		if d.IsZero() {
			return ""
		}
		return d.Format(time.DateOnly)
	}
	r := ""
	if t.rolling {
		r = "r"
	}
	return strings.Join([]string{day(t.start), day(t.end), day(t.first), day(t.last), r}, "|")
}

// parseTiming reads a stored timing into an offering with only its dates.
func parseTiming(s string) catalog.Offering {
	f := strings.Split(s, "|")
	for len(f) < 5 {
		f = append(f, "")
	}
	day := func(s string) time.Time {
		t, _ := time.ParseInLocation(time.DateOnly, s, catalog.Stockholm)
		return t
	}
	return catalog.Offering{Start: day(f[0]), End: day(f[1]), ApplicationFirst: day(f[2]), ApplicationLast: day(f[3]),
		RollingStart: f[4] == "r"}
}
