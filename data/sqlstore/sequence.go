package sqlstore

import (
	"context"
	"database/sql"
)

// Seq returns this database's identity and its change sequence number: how
// many batches have changed records since it was created.
func (s *Store) Seq(ctx context.Context) (store string, seq uint64, err error) {
	if err := s.DB.QueryRowContext(ctx, `SELECT store, seq FROM sequence`).Scan(&store, &seq); err != nil {
		return "", 0, s.errorf("sequence: %w", err)
	}
	return store, seq, nil
}

// ChangedSince returns the offering ids whose records changed (were added,
// rewritten or removed) after change seq. Removed ones are included: the
// index must drop them.
func (s *Store) ChangedSince(ctx context.Context, seq uint64) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, s.q(`SELECT DISTINCT canonical FROM records WHERE seq > ? ORDER BY canonical`), int64(seq))
	if err != nil {
		return nil, s.errorf("changed since %d: %w", seq, err)
	}
	return s.strings(rows, "changed since")
}

// strings reads rows of one text column.
func (s *Store) strings(rows *sql.Rows, what string) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, s.errorf("%s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("%s: %w", what, err)
	}
	return out, nil
}
