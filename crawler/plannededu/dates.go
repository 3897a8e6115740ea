package plannededu

import (
	"fmt"
	"kurskatalog/data/catalog"
	"strings"
	"time"
)

// stockholm is the zone every calendar date in the catalogue is in.
var stockholm = catalog.Stockholm

// sentinelYear is the year of the "apply any time" last day (see
// clean.LastApplicationDay); the tests check that it never reaches an offering.
const sentinelYear = 2099

// Layouts seen in real data: plain dates, local date-times without zone
// ("2024-11-28T23:59:59") and zoned ones ("2024-10-15T00:00:00.000+02:00").
var (
	zonedLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.000Z0700", "2006-01-02T15:04:05Z0700"}
	localLayouts = []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02"}
)

// calendarDate parses s into midnight of its calendar date in Stockholm. A
// zoned instant is first moved to Stockholm time, so 22:00Z on the 14th of
// October is the 15th. Empty and "null" give the zero time.
func calendarDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "null") {
		return time.Time{}, nil
	}
	for _, layout := range zonedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return midnight(t.In(stockholm)), nil
		}
	}
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, stockholm); err == nil {
			return midnight(t), nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q: unknown layout", s)
}

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, stockholm)
}
