package coverage

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"kurskatalog/data/catalog"
)

// WriteCellsCSV writes the coverage matrix, one row per municipality and
// occupation, with a header.
func WriteCellsCSV(w io.Writer, cells []catalog.CoverageCell) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"municipality", "ssyk", "occupation", "local", "nearby", "blended", "online", "total",
		"recruitment", "shortage", "barometer"})
	for _, c := range cells {
		cw.Write([]string{c.Municipality, c.SSYK, c.Occupation, itoa(c.Local), itoa(c.Nearby), itoa(c.Blended),
			itoa(c.Online), itoa(c.Total), c.Recruitment, strconv.FormatBool(c.Shortage), strings.Join(c.Barometer, "; ")})
	}
	cw.Flush()
	return cw.Error()
}

// WriteGapsCSV writes the gaps, one row per municipality and shortage
// occupation without a reachable start, with a header. nearest_km is in a
// straight line; nearest_bus_minutes, in a report by bus, the journey.
func WriteGapsCSV(w io.Writer, gaps []catalog.Gap) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"municipality", "occupation", "concept_id", "ssyk", "recruitment", "forecast", "nearest_id", "nearest_km",
		"nearest_bus_minutes"})
	for _, g := range gaps {
		km, bus := "", ""
		if g.NearestID != "" {
			km = strconv.FormatFloat(g.NearestKm, 'f', 0, 64)
		}
		if g.NearestBusMinutes > 0 {
			bus = itoa(g.NearestBusMinutes)
		}
		cw.Write([]string{g.Municipality, g.Occupation, g.ConceptID, strings.Join(g.SSYK, " "), g.Recruitment, g.Forecast,
			g.NearestID, km, bus})
	}
	cw.Flush()
	return cw.Error()
}

func itoa(n int) string { return strconv.Itoa(n) }
