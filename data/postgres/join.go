package postgres

import (
	"context"
	"database/sql"
	"slices"
)

// joinOfferings sets the offering id (canonical) of the batch's new
// records, as data/sqlite does one record at a time: that of another
// source's live record with the same id, else of another source's live
// record with the same match key whose offering has no live record of this
// source yet (the first by id), else the record's own. One source's
// distinct records (two intakes on the same day) are thus never made one
// offering, counting the records placed earlier in the same batch. The
// candidates are read with three queries, then placed in batch order.
func joinOfferings(ctx context.Context, tx *sql.Tx, source string, fresh []*record) error {
	if len(fresh) == 0 {
		return nil
	}
	ids := make([]string, 0, len(fresh))
	var keys []string
	for _, r := range fresh {
		ids = append(ids, r.id)
		if r.key != "" {
			keys = append(keys, r.key)
		}
	}
	byID := map[string]string{}
	err := eachRow(ctx, tx, func(rows *sql.Rows) error {
		var id, canonical string
		err := rows.Scan(&id, &canonical)
		byID[id] = canonical
		return err
	}, `SELECT DISTINCT ON (id) id, canonical FROM records
		WHERE id = ANY($1) AND source <> $2 AND removed_at IS NULL ORDER BY id, canonical`, ids, source)
	if err != nil {
		return err
	}
	byKey := map[string][]string{} // in canonical order
	var candidates []string
	if len(keys) > 0 {
		err = eachRow(ctx, tx, func(rows *sql.Rows) error {
			var key, canonical string
			err := rows.Scan(&key, &canonical)
			byKey[key] = append(byKey[key], canonical)
			candidates = append(candidates, canonical)
			return err
		}, `SELECT DISTINCT match_key, canonical FROM records
			WHERE match_key = ANY($1) AND match_key <> '' AND source <> $2 AND removed_at IS NULL
			ORDER BY match_key, canonical`, keys, source)
		if err != nil {
			return err
		}
	}
	// taken: offerings that already have a live record of this source.
	taken := map[string]bool{}
	if len(candidates) > 0 {
		err = eachRow(ctx, tx, func(rows *sql.Rows) error {
			var canonical string
			err := rows.Scan(&canonical)
			taken[canonical] = true
			return err
		}, `SELECT DISTINCT canonical FROM records WHERE source = $1 AND removed_at IS NULL AND canonical = ANY($2)`,
			source, candidates)
		if err != nil {
			return err
		}
	}
	for _, r := range fresh {
		r.canonical = byID[r.id]
		if r.canonical == "" && r.key != "" {
			if i := slices.IndexFunc(byKey[r.key], func(c string) bool { return !taken[c] }); i >= 0 {
				r.canonical = byKey[r.key][i]
			}
		}
		if r.canonical == "" {
			r.canonical = r.id
		}
		taken[r.canonical] = true
	}
	return nil
}

func eachRow(ctx context.Context, tx *sql.Tx, row func(*sql.Rows) error, query string, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
