package sqlite

import (
	"context"
	"database/sql"
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

// stamp raises the change sequence inside an apply's transaction and marks
// the source's records that the apply changed, which are those whose
// last_changed or removed_at is the apply's time. (A record of an earlier
// apply with the very same time is stamped again: that only re-indexes it.)
func stamp(ctx context.Context, tx *sql.Tx, source, now string) (uint64, error) {
	var seq uint64
	if err := tx.QueryRowContext(ctx, `UPDATE sequence SET seq = seq + 1 RETURNING seq`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("sqlite: sequence: %w", err)
	}
	_, err := tx.ExecContext(ctx, `UPDATE records SET seq = ? WHERE source = ? AND (last_changed = ? OR removed_at = ?)`,
		seq, source, now, now)
	if err != nil {
		return 0, fmt.Errorf("sqlite: stamp changes: %w", err)
	}
	return seq, nil
}

// currentSeq reads the sequence inside a transaction, for an apply that
// changed nothing.
func currentSeq(ctx context.Context, tx *sql.Tx) (uint64, error) {
	var seq uint64
	if err := tx.QueryRowContext(ctx, `SELECT seq FROM sequence`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("sqlite: sequence: %w", err)
	}
	return seq, nil
}
