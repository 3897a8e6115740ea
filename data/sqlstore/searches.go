package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"

	"kurskatalog/data/catalog"
)

// AddSearches adds a batch of search groups in one transaction: a group
// already stored for its municipality, week, words and filters has its count
// raised and takes the batch's result count; a new one is inserted.
//
// Every API machine adds its searches to a shared store, so no write lock
// is taken: the upsert adds to whatever count another transaction has
// committed, and the groups are written in key order, so that two
// transactions lock the rows they share in the same order and cannot
// deadlock. A group twice in the batch is added up first: one statement
// may update a row only once.
func (s *Store) AddSearches(ctx context.Context, groups []catalog.SearchGroup) error {
	if len(groups) == 0 {
		return nil
	}
	merged := mergeGroups(groups)
	rows := make([][]any, len(merged))
	for i, g := range merged {
		rows[i] = []any{g.Municipality, g.Week, g.Words, g.Filters, g.Searches, g.Results}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return s.insertRows(ctx, tx, `INSERT INTO searches (municipality, week, words, filters, searches, results) VALUES %s
			ON CONFLICT (municipality, week, words, filters)
			DO UPDATE SET searches = searches.searches + excluded.searches, results = excluded.results`, rows)
	})
	if err != nil {
		return s.errorf("add searches: %w", err)
	}
	return nil
}

// mergeGroups returns groups one per key, in key order, with the counts of
// a key's groups added up and the result count of its last.
func mergeGroups(groups []catalog.SearchGroup) []catalog.SearchGroup {
	type key struct{ municipality, week, words, filters string }
	at := make(map[key]int, len(groups))
	out := make([]catalog.SearchGroup, 0, len(groups))
	for _, g := range groups {
		k := key{g.Municipality, g.Week, g.Words, g.Filters}
		if i, ok := at[k]; ok {
			out[i].Searches += g.Searches
			out[i].Results = g.Results
			continue
		}
		at[k] = len(out)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b catalog.SearchGroup) int {
		return cmp.Or(cmp.Compare(a.Municipality, b.Municipality), cmp.Compare(a.Week, b.Week),
			cmp.Compare(a.Words, b.Words), cmp.Compare(a.Filters, b.Filters))
	})
	return out
}

// SearchGroups returns the stored groups f selects, newest week first, then
// by municipality, the most searched first, and by words and filters.
func (s *Store) SearchGroups(ctx context.Context, f catalog.SearchGroupFilter) ([]catalog.SearchGroup, error) {
	q := `SELECT municipality, week, words, filters, searches, results FROM searches WHERE searches >= ? AND week >= ?`
	args := []any{f.MinSearches, f.FromWeek}
	if f.Municipality != "" {
		q += ` AND municipality = ?`
		args = append(args, f.Municipality)
	}
	rows, err := s.DB.QueryContext(ctx, s.q(q+` ORDER BY week DESC, municipality, searches DESC, words, filters`), args...)
	if err != nil {
		return nil, s.errorf("search groups: %w", err)
	}
	defer rows.Close()
	var out []catalog.SearchGroup
	for rows.Next() {
		var g catalog.SearchGroup
		if err := rows.Scan(&g.Municipality, &g.Week, &g.Words, &g.Filters, &g.Searches, &g.Results); err != nil {
			return nil, s.errorf("search groups: %w", err)
		}
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("search groups: %w", err)
	}
	return out, nil
}

// PruneSearches deletes the groups of the weeks before keepFrom, and those
// of the weeks before current searched fewer than min times, and returns
// how many it deleted.
func (s *Store) PruneSearches(ctx context.Context, keepFrom, current string, min int) (int64, error) {
	res, err := s.DB.ExecContext(ctx, s.q(`DELETE FROM searches WHERE week < ? OR (week < ? AND searches < ?)`), keepFrom, current, min)
	if err != nil {
		return 0, s.errorf("prune searches: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, s.errorf("prune searches: %w", err)
	}
	return n, nil
}
