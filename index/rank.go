package index

import (
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
