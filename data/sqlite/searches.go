package sqlite

import (
	"context"
	"fmt"

	"kurskatalog/data/catalog"
)

// AddSearches adds a batch of search groups in one transaction: a group
// already stored for its municipality, week, words and filters has its count
// raised and takes the batch's result count; a new one is inserted.
func (d *DB) AddSearches(ctx context.Context, groups []catalog.SearchGroup) error {
	if len(groups) == 0 {
		return nil
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: add searches: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO searches (municipality, week, words, filters, searches, results)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (municipality, week, words, filters)
		DO UPDATE SET searches = searches.searches + excluded.searches, results = excluded.results`)
	if err != nil {
		return fmt.Errorf("sqlite: add searches: %w", err)
	}
	defer stmt.Close()
	for _, g := range groups {
		if _, err := stmt.ExecContext(ctx, g.Municipality, g.Week, g.Words, g.Filters, g.Searches, g.Results); err != nil {
			return fmt.Errorf("sqlite: add searches: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: add searches: commit: %w", err)
	}
	return nil
}

// SearchGroups returns the stored groups f selects, newest week first, then
// by municipality, the most searched first, and by words and filters.
func (d *DB) SearchGroups(ctx context.Context, f catalog.SearchGroupFilter) ([]catalog.SearchGroup, error) {
	q := `SELECT municipality, week, words, filters, searches, results FROM searches WHERE searches >= ? AND week >= ?`
	args := []any{f.MinSearches, f.FromWeek}
	if f.Municipality != "" {
		q += ` AND municipality = ?`
		args = append(args, f.Municipality)
	}
	rows, err := d.db.QueryContext(ctx, q+` ORDER BY week DESC, municipality, searches DESC, words, filters`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search groups: %w", err)
	}
	defer rows.Close()
	var out []catalog.SearchGroup
	for rows.Next() {
		var g catalog.SearchGroup
		if err := rows.Scan(&g.Municipality, &g.Week, &g.Words, &g.Filters, &g.Searches, &g.Results); err != nil {
			return nil, fmt.Errorf("sqlite: search groups: %w", err)
		}
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search groups: %w", err)
	}
	return out, nil
}

// PruneSearches deletes the groups of the weeks before keepFrom, and those
// of the weeks before current searched fewer than min times, and returns
// how many it deleted.
func (d *DB) PruneSearches(ctx context.Context, keepFrom, current string, min int) (int64, error) {
	res, err := d.db.ExecContext(ctx, `DELETE FROM searches WHERE week < ? OR (week < ? AND searches < ?)`, keepFrom, current, min)
	if err != nil {
		return 0, fmt.Errorf("sqlite: prune searches: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("sqlite: prune searches: %w", err)
	}
	return n, nil
}
