package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlstore"
)

// ReplaceTransit stores one GTFS source's travel times in a single
// transaction: the source's feed row and times become exactly these. It
// refuses an empty set, so that a broken import cannot wipe good times.
// The result names times as "origin/stop_id".
func (d *DB) ReplaceTransit(ctx context.Context, feed catalog.TransitFeed, times []catalog.TransitTime) (catalog.ApplyResult, error) {
	var res catalog.ApplyResult
	if feed.Source == "" || len(times) == 0 {
		return res, catalog.Errorf(catalog.EInvalid, "transit feed %q has no travel times", feed.Source)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("sqlite: replace transit %s: %w", feed.Source, err)
	}
	defer tx.Rollback()
	old := map[string]catalog.TransitTime{}
	prev, err := transitTimes(ctx, tx, feed.Source)
	if err != nil {
		return res, fmt.Errorf("sqlite: replace transit %s: %w", feed.Source, err)
	}
	for _, t := range prev {
		old[t.Origin+"/"+t.StopID] = t
	}
	// Deleting the feed row deletes its times (ON DELETE CASCADE); both
	// are written again below.
	if _, err := tx.ExecContext(ctx, `DELETE FROM transit_times WHERE source = ?`, feed.Source); err != nil {
		return res, fmt.Errorf("sqlite: replace transit %s: %w", feed.Source, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM transit_feeds WHERE source = ?`, feed.Source); err != nil {
		return res, fmt.Errorf("sqlite: replace transit %s: %w", feed.Source, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO transit_feeds (source, version, day, leave, arrive_by, stored) VALUES (?, ?, ?, ?, ?, ?)`,
		feed.Source, feed.Version, feed.Day.Format(time.DateOnly), feed.Leave, feed.ArriveBy, sqlstore.FormatTime(d.Now())); err != nil {
		return res, fmt.Errorf("sqlite: replace transit %s: %w", feed.Source, err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO transit_times (source, origin, stop_id, stop_name, lat, lon, minutes, depart, arrive)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return res, fmt.Errorf("sqlite: replace transit %s: %w", feed.Source, err)
	}
	defer stmt.Close()
	kept := map[string]bool{}
	for _, t := range times {
		key := t.Origin + "/" + t.StopID
		if kept[key] {
			return res, catalog.Errorf(catalog.EConflict, "transit time %s twice in %s", key, feed.Source)
		}
		kept[key] = true
		if _, err := stmt.ExecContext(ctx, feed.Source, t.Origin, t.StopID, t.StopName, t.Lat, t.Lon, t.Minutes, t.Depart, t.Arrive); err != nil {
			return res, fmt.Errorf("sqlite: replace transit %s: %s: %w", feed.Source, key, err)
		}
		switch p, ok := old[key]; {
		case !ok:
			res.Added = append(res.Added, key)
		case p != t:
			res.Changed = append(res.Changed, key)
		default:
			res.Unchanged++
		}
	}
	for key := range old {
		if !kept[key] {
			res.Removed = append(res.Removed, key)
		}
	}
	slices.Sort(res.Removed)
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("sqlite: replace transit %s: commit: %w", feed.Source, err)
	}
	return res, nil
}

// queryer is what transitTimes reads through: the pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// transitTimes reads the times of source, or of every source for "",
// ordered by origin and stop.
func transitTimes(ctx context.Context, q queryer, source string) ([]catalog.TransitTime, error) {
	rows, err := q.QueryContext(ctx, `SELECT origin, stop_id, stop_name, lat, lon, minutes, depart, arrive
		FROM transit_times WHERE ? = '' OR source = ? ORDER BY origin, stop_id, source`, source, source)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []catalog.TransitTime
	for rows.Next() {
		var t catalog.TransitTime
		if err := rows.Scan(&t.Origin, &t.StopID, &t.StopName, &t.Lat, &t.Lon, &t.Minutes, &t.Depart, &t.Arrive); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Transit returns the stored travel times, of every GTFS source, with the
// feed of the most recently stored one. An empty store returns a zero
// Transit and no error: bus times are optional context.
func (d *DB) Transit(ctx context.Context) (catalog.Transit, error) {
	var tr catalog.Transit
	var day string
	err := d.db.QueryRowContext(ctx, `SELECT source, version, day, leave, arrive_by FROM transit_feeds ORDER BY stored DESC, source LIMIT 1`).
		Scan(&tr.Feed.Source, &tr.Feed.Version, &day, &tr.Feed.Leave, &tr.Feed.ArriveBy)
	if errors.Is(err, sql.ErrNoRows) {
		return tr, nil
	}
	if err != nil {
		return tr, fmt.Errorf("sqlite: transit: %w", err)
	}
	tr.Feed.Day, _ = time.ParseInLocation(time.DateOnly, day, catalog.Stockholm)
	if tr.Times, err = transitTimes(ctx, d.db, ""); err != nil {
		return tr, fmt.Errorf("sqlite: transit: %w", err)
	}
	return tr, nil
}
