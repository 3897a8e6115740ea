package browsertest

import (
	"context"
	"time"

	"kurskatalog/crawler/gtfs/gtfstest"
	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
)

// importTransit stores the travel times of the bundled bus timetable, which
// the coverage and occupation pages offer as "within N minutes by bus".
func importTransit(ctx context.Context, db *sqlite.DB) error {
	tr, err := gtfstest.Bundled(time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm))
	if err != nil {
		return err
	}
	_, err = db.ReplaceTransit(ctx, tr.Feed, tr.Times)
	return err
}
