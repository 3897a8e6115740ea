package sqlite

import (
	"context"
	"fmt"
)

// Seq returns this database's identity and its change sequence number: how
// many batches have changed records since it was created.
func (d *DB) Seq(ctx context.Context) (store string, seq uint64, err error) {
	if err := d.db.QueryRowContext(ctx, `SELECT store, seq FROM sequence`).Scan(&store, &seq); err != nil {
		return "", 0, fmt.Errorf("sqlite: sequence: %w", err)
	}
	return store, seq, nil
}

// ChangedSince returns the offering ids whose records changed (were added,
// rewritten or removed) after change seq. Removed ones are included: the
// index must drop them.
func (d *DB) ChangedSince(ctx context.Context, seq uint64) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT DISTINCT canonical FROM records WHERE seq > ? ORDER BY canonical`, seq)
	if err != nil {
		return nil, fmt.Errorf("sqlite: changed since %d: %w", seq, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: changed since %d: %w", seq, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
