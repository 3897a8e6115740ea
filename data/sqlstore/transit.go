package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"kurskatalog/data/catalog"
)

// ReplaceTransit stores one GTFS source's travel times in a single
// transaction: the source's feed row and times become exactly these. It
// refuses an empty set, so that a broken import cannot wipe good times,
// and a set naming one origin and stop twice. The result names times as
// "origin/stop_id". The times are written many to a statement: on
// PostgreSQL each statement is a round trip.
func (s *Store) ReplaceTransit(ctx context.Context, feed catalog.TransitFeed, times []catalog.TransitTime) (catalog.ApplyResult, error) {
	var res catalog.ApplyResult
	if feed.Source == "" || len(times) == 0 {
		return res, catalog.Errorf(catalog.EInvalid, "transit feed %q has no travel times", feed.Source)
	}
	kept := make(map[string]bool, len(times))
	rows := make([][]any, 0, len(times))
	for _, t := range times {
		key := t.Origin + "/" + t.StopID
		if kept[key] {
			return res, catalog.Errorf(catalog.EConflict, "transit time %s twice in %s", key, feed.Source)
		}
		kept[key] = true
		rows = append(rows, []any{feed.Source, t.Origin, t.StopID, t.StopName, t.Lat, t.Lon, t.Minutes, t.Depart, t.Arrive})
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		prev, err := s.transitTimes(ctx, tx, feed.Source)
		if err != nil {
			return err
		}
		old := make(map[string]catalog.TransitTime, len(prev))
		for _, t := range prev {
			old[t.Origin+"/"+t.StopID] = t
		}
		// Deleting the feed row deletes its times (ON DELETE CASCADE); both
		// are written again below.
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM transit_times WHERE source = ?`), feed.Source); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM transit_feeds WHERE source = ?`), feed.Source); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO transit_feeds (source, version, day, leave, arrive_by, stored) VALUES (?, ?, ?, ?, ?, ?)`),
			feed.Source, feed.Version, feed.Day.Format(time.DateOnly), feed.Leave, feed.ArriveBy, s.now()); err != nil {
			return err
		}
		if err := s.insertRows(ctx, tx, `INSERT INTO transit_times (source, origin, stop_id, stop_name, lat, lon, minutes, depart, arrive)
			VALUES %s`, rows); err != nil {
			return err
		}
		for _, t := range times {
			key := t.Origin + "/" + t.StopID
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
		return nil
	})
	if err != nil {
		return catalog.ApplyResult{}, s.errorf("replace transit %s: %w", feed.Source, err)
	}
	return res, nil
}

// transitTimes reads the times of source, or of every source for "",
// ordered by origin and stop.
func (s *Store) transitTimes(ctx context.Context, q Querier, source string) ([]catalog.TransitTime, error) {
	query := `SELECT origin, stop_id, stop_name, lat, lon, minutes, depart, arrive FROM transit_times`
	var args []any
	if source != "" {
		query += ` WHERE source = ?`
		args = append(args, source)
	}
	rows, err := q.QueryContext(ctx, s.q(query+` ORDER BY origin, stop_id, source`), args...)
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
func (s *Store) Transit(ctx context.Context) (catalog.Transit, error) {
	var tr catalog.Transit
	var day string
	err := s.DB.QueryRowContext(ctx, `SELECT source, version, day, leave, arrive_by FROM transit_feeds ORDER BY stored DESC, source LIMIT 1`).
		Scan(&tr.Feed.Source, &tr.Feed.Version, &day, &tr.Feed.Leave, &tr.Feed.ArriveBy)
	if errors.Is(err, sql.ErrNoRows) {
		return tr, nil
	}
	if err != nil {
		return tr, s.errorf("transit: %w", err)
	}
	tr.Feed.Day, _ = time.ParseInLocation(time.DateOnly, day, catalog.Stockholm)
	if tr.Times, err = s.transitTimes(ctx, s.DB, ""); err != nil {
		return tr, s.errorf("transit: %w", err)
	}
	return tr, nil
}
