package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"maps"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlstore"
)

// ApplyBatch stores one source's batch in a single transaction, with the
// same outcome as data/sqlite's: new records added, changed ones
// rewritten, unchanged ones marked as seen, removed ones tombstoned (with
// Complete, every live record of the source the batch does not mention),
// the changed offering ids returned and stamped with the next change
// number. A failed batch changes nothing.
//
// Where SQLite, in the process, looks each record up and writes it with a
// statement of its own, here each statement is a round trip to the server:
// the batch is read with a few queries and written a few thousand records
// to a statement, as arrays.
func (d *DB) ApplyBatch(ctx context.Context, b *catalog.Batch) (res catalog.ApplyResult, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("postgres: apply %s: %w", b.Source, err)
		}
	}()
	recs, seen, err := encodeBatch(b)
	if err != nil {
		return res, err
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, dialect.WriteLock); err != nil {
		return res, err
	}
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT seq + 1 FROM sequence`).Scan(&seq); err != nil {
		return res, fmt.Errorf("sequence: %w", err)
	}
	existing, err := liveRecords(ctx, tx, b, recs)
	if err != nil {
		return res, err
	}
	w := writes{source: b.Source, now: d.Now().UTC(), seq: seq}
	var fresh []*record
	for _, r := range recs {
		switch old, ok := existing[r.id]; {
		case !ok:
			fresh = append(fresh, r)
		case old.hash != r.hash:
			w.update = append(w.update, r)
			res.Changed = append(res.Changed, old.canonical)
		default:
			w.touch = append(w.touch, r.id)
			res.Unchanged++
		}
	}
	if err := joinOfferings(ctx, tx, b.Source, fresh); err != nil {
		return res, err
	}
	for _, r := range fresh {
		w.insert = append(w.insert, r)
		res.Added = append(res.Added, r.canonical)
	}
	for _, id := range sqlstore.Gone(b, seen, maps.Keys(existing)) {
		if old, ok := existing[id]; ok {
			w.remove = append(w.remove, id)
			res.Removed = append(res.Removed, old.canonical)
		}
	}
	if err := w.apply(ctx, tx); err != nil {
		return res, err
	}
	res.Seq = uint64(seq - 1)
	if len(res.Added)+len(res.Changed)+len(res.Removed) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE sequence SET seq = $1`, seq); err != nil {
			return res, fmt.Errorf("sequence: %w", err)
		}
		res.Seq = uint64(seq)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("commit: %w", err)
	}
	return res, nil
}

// record is one offering of a batch as it is stored.
type record struct{ id, doc, hash, key, canonical string }

type existingRecord struct{ hash, canonical string }

// encodeBatch encodes the batch's offerings to store before anything is
// written: an offering that cannot be stored fails the batch at once. seen
// holds the ids the batch mentions.
func encodeBatch(b *catalog.Batch) ([]*record, map[string]bool, error) {
	offerings, seen := sqlstore.Distinct(b)
	recs := make([]*record, 0, len(offerings))
	for _, o := range offerings {
		doc, hash, err := sqlstore.Encode(o)
		if err != nil {
			return nil, nil, fmt.Errorf("offering %s: %w", o.ID, err)
		}
		recs = append(recs, &record{id: o.ID, doc: doc, hash: hash, key: catalog.MatchKey(o)})
	}
	return recs, seen, nil
}

// liveRecords returns the source's live records the batch is about: all of
// them for a complete batch, which tombstones what it does not mention,
// else those it names.
func liveRecords(ctx context.Context, tx *sql.Tx, b *catalog.Batch, recs []*record) (map[string]existingRecord, error) {
	query := `SELECT id, hash, canonical FROM records WHERE source = $1 AND removed_at IS NULL`
	args := []any{b.Source}
	if !b.Complete {
		ids := make([]string, 0, len(recs)+len(b.Removed))
		for _, r := range recs {
			ids = append(ids, r.id)
		}
		ids = append(ids, b.Removed...)
		query += ` AND id = ANY($2)`
		args = append(args, ids)
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]existingRecord{}
	for rows.Next() {
		var id string
		var r existingRecord
		if err := rows.Scan(&id, &r.hash, &r.canonical); err != nil {
			return nil, err
		}
		out[id] = r
	}
	return out, rows.Err()
}
