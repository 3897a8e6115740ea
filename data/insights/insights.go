// Package insights records the searches that find few courses or none and
// publishes them, aggregated and k-anonymous, to the learning centres: the
// demand no course meets. A search is recorded as a group of one (its
// municipality, ISO week, words and filters) and the store adds groups up;
// nothing that points to who searched is kept.
package insights

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// K is the least number of searches a group must have to be published. A
// group of a few searches may be one person's, and its words may say who
// (a name, a rare condition, a workplace); from five searches of the same
// words and filters in one municipality and week, the group is a demand,
// not a person: the threshold national statistics offices use for small
// counts. Groups of a finished week below K are deleted, as they can never
// be published.
const K = 5

// Store keeps the search groups (both stores do: data/sqlstore).
type Store interface {
	// AddSearches adds the groups' counts to the stored ones.
	AddSearches(ctx context.Context, groups []catalog.SearchGroup) error
	SearchGroups(ctx context.Context, f catalog.SearchGroupFilter) ([]catalog.SearchGroup, error)
	// PruneSearches deletes the weeks before keepFrom, and the groups of
	// the weeks before current searched fewer than min times.
	PruneSearches(ctx context.Context, keepFrom, current string, min int) (int64, error)
}

// Week is the ISO week of t in Sweden, as 2026-W47: text that sorts in
// time order.
func Week(t time.Time) string {
	y, w := t.In(catalog.Stockholm).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// WeeksBack is the ISO week n-1 weeks before now's: with the current one,
// the first of n weeks.
func WeeksBack(now time.Time, n int) string {
	return Week(now.In(catalog.Stockholm).AddDate(0, 0, -7*(n-1)))
}

// NormaliseWords makes equal searches equal: case-folded, trimmed, and
// every run of white space one space.
func NormaliseWords(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// Published returns the groups of the last weeks weeks (the current one
// included) searched at least K times, of one municipality or of all ("").
// Nothing of a group below K is in the answer, not even in a sum.
func Published(ctx context.Context, store Store, now time.Time, municipality string, weeks int) ([]catalog.SearchGroup, error) {
	return store.SearchGroups(ctx, catalog.SearchGroupFilter{Municipality: municipality, FromWeek: WeeksBack(now, weeks), MinSearches: K})
}

// CSVHeader is the header of WriteCSV.
var CSVHeader = []string{"week", "municipality", "municipality_name", "words", "filters", "searches", "results"}

// WriteCSV writes groups, one row each, with a header.
func WriteCSV(w io.Writer, groups []catalog.SearchGroup) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	for _, g := range groups {
		name, _ := data.MunicipalityName(g.Municipality)
		cw.Write([]string{g.Week, g.Municipality, name, cellText(g.Words), g.Filters, strconv.Itoa(g.Searches), strconv.Itoa(g.Results)})
	}
	cw.Flush()
	return cw.Error()
}

// cellText keeps words a spreadsheet would run as a formula (=, +, -, @
// first) as text, with a leading apostrophe: the words are anyone's input,
// and the file is opened by the learning centres in a spreadsheet.
func cellText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
