package index

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/search"

	"kurskatalog/data/catalog"
)

// Ranking by date. Bleve scores how well the words match; the first
// rescoreWindow hits are then reordered by that score times a factor of
// when the offering can be taken, so that among equally good matches the
// one open for application and starting soon comes first. "Today" comes
// with the query, so the order is the same in every test.

// rescoreWindow is how many of the best matches are reordered by date.
// Pages within it are stable; deeper pages keep Bleve's order.
const rescoreWindow = 200

// dateFactor weighs an offering by when it can be taken, on day today.
func dateFactor(o *catalog.Offering, today time.Time) float64 {
	if catalog.IsPast(o, today) {
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

// rescore reorders the first rescoreWindow hits by score times dateFactor,
// keeping Bleve's order between equal products.
func rescore(hits search.DocumentMatchCollection, today time.Time) {
	window := hits[:min(len(hits), rescoreWindow)]
	weighted := make(map[*search.DocumentMatch]float64, len(window))
	for _, h := range window {
		s, _ := h.Fields[fieldTiming].(string)
		o := parseTiming(s)
		weighted[h] = h.Score * dateFactor(&o, today)
	}
	slices.SortStableFunc(window, func(a, b *search.DocumentMatch) int {
		return cmp.Compare(weighted[b], weighted[a])
	})
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
