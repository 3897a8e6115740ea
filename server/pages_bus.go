package server

import (
	"net/url"
	"slices"
	"strconv"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/frontend"
)

// The coverage and occupation pages measure "nearby" in a straight line
// (coverage.Params.MaxKm) or, with max_bus_minutes, by bus on a weekday
// morning (coverage.Params.MaxBusMinutes, from the imported GTFS
// timetable). Both pages offer the same choices and say which one a figure
// uses.

// busChoices are the journeys by bus the pages offer, in minutes.
var busChoices = []int{30, 45, 60, 90}

// parseBusMinutes reads a page's max_bus_minutes: 0 for the straight line,
// or one of busChoices.
func parseBusMinutes(v url.Values) (int, error) {
	s := v.Get("max_bus_minutes")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || !slices.Contains(busChoices, n) {
		return 0, catalog.Invalid("max_bus_minutes", "%q is not one of 30, 45, 60 or 90 minutes", s)
	}
	return n, nil
}

// travelView is the travel choice of a page's form and the sentence that
// says how "nearby" was measured.
type travelView struct {
	Options []option // empty when no timetable is imported: only km
	ByBus   bool
	// Note says, with the bus rule, which journeys count; the pages keep
	// their own sentence for the straight line.
	Note string
}

// travelFor builds the choice for a page whose params are p, with the
// timetable of cd when one is imported.
func travelFor(cd *coverage.Data, p coverage.Params, lang string) travelView {
	m := pages.Messages
	v := travelView{ByBus: p.MaxBusMinutes > 0}
	if cd.Transit == nil {
		return v
	}
	v.Options = []option{{Value: "", Label: m.T(lang, "travel.km", int(p.MaxKm)), Selected: !v.ByBus}}
	for _, n := range busChoices {
		v.Options = append(v.Options, option{Value: strconv.Itoa(n), Label: m.T(lang, "travel.bus", n), Selected: p.MaxBusMinutes == n})
	}
	if v.ByBus {
		f := cd.Transit.Feed
		v.Note = m.T(lang, "travel.bus.note", p.MaxBusMinutes, frontend.FormatDate(m, lang, f.Day), f.Leave, f.ArriveBy)
	}
	return v
}

// busWhere is what an intake's place gets on the occupation page with the
// bus rule: the journey from the chosen municipality's seat, and the
// straight-line distance beside it, each named for what it is.
func busWhere(cd *coverage.Data, o catalog.Offering, muni string, km int, knownKm bool, lang string) string {
	m := pages.Messages
	minutes, ok := cd.BusMinutes(o, muni)
	switch {
	case ok && knownKm:
		return m.T(lang, "travel.intake.bus", minutes, km)
	case ok:
		return m.T(lang, "travel.intake.bus_only", minutes)
	case knownKm:
		return m.T(lang, "travel.intake.no_bus", km)
	}
	return ""
}

// nearbyHeading names the occupation page's group of courses nearby, in
// km or by bus.
func nearbyHeading(p coverage.Params, lang string) string {
	if p.MaxBusMinutes > 0 {
		return pages.Messages.T(lang, "travel.group.nearby", p.MaxBusMinutes)
	}
	return pages.Messages.T(lang, "occupation.group.nearby", int(p.MaxKm))
}
