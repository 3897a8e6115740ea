package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"kurskatalog/data/catalog"
)

// ApplyBatch stores one source's batch in a single transaction: new records
// are added, changed ones rewritten, unchanged ones only marked as seen, and
// removed ones tombstoned. When the batch is Complete, this source's records
// that the batch does not mention are tombstoned too. It returns the
// offering IDs whose content changed, so that only those are re-indexed,
// and the change sequence number the store is at after the batch.
//
// A new record joins the offering of another source's record with the same
// catalog.MatchKey; its offering id (canonical) is then that record's.
func (d *DB) ApplyBatch(ctx context.Context, b *catalog.Batch) (catalog.ApplyResult, error) {
	var res catalog.ApplyResult
	now := formatTime(d.now())
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("sqlite: apply %s: %w", b.Source, err)
	}
	defer tx.Rollback()

	existing, err := recordHashes(ctx, tx, b.Source)
	if err != nil {
		return res, fmt.Errorf("sqlite: apply %s: %w", b.Source, err)
	}
	seen := make(map[string]bool, len(b.Offerings)+len(b.Skipped))
	for _, s := range b.Skipped {
		if s.ID != "" {
			seen[s.ID] = true
		}
	}
	for i := range b.Offerings {
		o := &b.Offerings[i]
		if seen[o.ID] {
			continue // a duplicate within one batch: the first one counts
		}
		seen[o.ID] = true
		doc, hash, err := encode(o)
		if err != nil {
			return res, fmt.Errorf("sqlite: apply %s: offering %s: %w", b.Source, o.ID, err)
		}
		key := catalog.MatchKey(o)
		old, ok := existing[o.ID]
		switch {
		case !ok:
			canonical, cerr := canonicalFor(ctx, tx, b.Source, o.ID, key)
			if cerr != nil {
				return res, fmt.Errorf("sqlite: apply %s: offering %s: %w", b.Source, o.ID, cerr)
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO records (source, id, hash, doc, first_seen, last_seen, last_changed, removed_at, match_key, canonical)
				VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
				ON CONFLICT (source, id) DO UPDATE SET hash = excluded.hash, doc = excluded.doc,
					last_seen = excluded.last_seen, last_changed = excluded.last_changed, removed_at = NULL,
					match_key = excluded.match_key, canonical = excluded.canonical`,
				b.Source, o.ID, hash, doc, now, now, now, key, canonical)
			res.Added = append(res.Added, canonical)
		case old.hash != hash:
			_, err = tx.ExecContext(ctx, `UPDATE records SET hash = ?, doc = ?, last_seen = ?, last_changed = ?, match_key = ?
				WHERE source = ? AND id = ?`, hash, doc, now, now, key, b.Source, o.ID)
			res.Changed = append(res.Changed, old.canonical)
		default:
			_, err = tx.ExecContext(ctx, `UPDATE records SET last_seen = ? WHERE source = ? AND id = ?`, now, b.Source, o.ID)
			res.Unchanged++
		}
		if err != nil {
			return res, fmt.Errorf("sqlite: apply %s: offering %s: %w", b.Source, o.ID, err)
		}
	}

	var gone []string
	for _, id := range b.Removed {
		if _, ok := existing[id]; ok && !seen[id] {
			gone = append(gone, id)
		}
	}
	slices.Sort(gone)
	gone = slices.Compact(gone)
	if b.Complete {
		for id := range existing {
			if !seen[id] {
				gone = append(gone, id)
			}
		}
	}
	for _, id := range gone {
		r, err := tx.ExecContext(ctx, `UPDATE records SET removed_at = ? WHERE source = ? AND id = ? AND removed_at IS NULL`, now, b.Source, id)
		if err != nil {
			return res, fmt.Errorf("sqlite: remove %s: %w", id, err)
		}
		if n, _ := r.RowsAffected(); n > 0 {
			res.Removed = append(res.Removed, existing[id].canonical)
		}
	}
	if len(res.Added)+len(res.Changed)+len(res.Removed) > 0 {
		res.Seq, err = stamp(ctx, tx, b.Source, now)
	} else {
		res.Seq, err = currentSeq(ctx, tx)
	}
	if err != nil {
		return res, fmt.Errorf("sqlite: apply %s: %w", b.Source, err)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("sqlite: apply %s: commit: %w", b.Source, err)
	}
	return res, nil
}

type existingRecord struct{ hash, canonical string }

// recordHashes returns the content hash and offering id of each live record
// of a source.
func recordHashes(ctx context.Context, tx *sql.Tx, source string) (map[string]existingRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, hash, canonical FROM records WHERE source = ? AND removed_at IS NULL`, source)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]existingRecord{}
	for rows.Next() {
		var id string
		var r existingRecord
		if err := rows.Scan(&id, &r.hash, &r.canonical); err != nil {
			return nil, err
		}
		m[id] = r
	}
	return m, rows.Err()
}

// canonicalFor returns the offering id a new record belongs to: that of
// another source's live record with the same id or match key, else its own.
func canonicalFor(ctx context.Context, tx *sql.Tx, source, id, key string) (string, error) {
	// Two queries rather than one with OR, so that each uses its index.
	lookup := func(query, arg string) (string, error) {
		var canonical string
		err := tx.QueryRowContext(ctx, query, arg, source).Scan(&canonical)
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil
		}
		return canonical, err
	}
	c, err := lookup(`SELECT canonical FROM records WHERE id = ? AND source <> ? AND removed_at IS NULL LIMIT 1`, id)
	if err != nil || c != "" {
		return c, err
	}
	if key != "" {
		// Join only a group that has no record of this source yet: one
		// source's distinct records (two intakes on the same day) are never
		// made one offering. (match_key <> '' lets SQLite use the partial
		// index on match_key; without it every new record scans the table.)
		c, err = lookup(`SELECT r.canonical FROM records r
			WHERE r.match_key = ?1 AND r.match_key <> '' AND r.source <> ?2 AND r.removed_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM records s WHERE s.canonical = r.canonical AND s.source = ?2 AND s.removed_at IS NULL)
			ORDER BY r.canonical LIMIT 1`, key)
		if err != nil || c != "" {
			return c, err
		}
	}
	return id, nil
}

// encode serialises an offering without its provenance times, which the
// store keeps in columns, so that the hash changes only when content does.
func encode(o *catalog.Offering) (doc, hash string, err error) {
	c := *o
	c.Provenance.FirstSeen, c.Provenance.LastSeen, c.Provenance.LastChanged = zeroTime, zeroTime, zeroTime
	c.Sources = nil
	b, err := json.Marshal(&c)
	if err != nil {
		return "", "", err
	}
	sum := sha256.Sum256(b)
	return string(b), hex.EncodeToString(sum[:16]), nil
}
