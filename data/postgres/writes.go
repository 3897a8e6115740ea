package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// writes are what a batch changes, written as arrays, perStatement records
// to a statement: a round trip per few thousand records, not per record.
type writes struct {
	source string
	now    time.Time
	seq    int64

	update, insert []*record
	touch, remove  []string
}

// perStatement bounds the records of one statement, so that a national
// batch is not one message of hundreds of megabytes.
const perStatement = 2000

func (w *writes) apply(ctx context.Context, tx *sql.Tx) error {
	steps := []struct {
		what  string
		n     int
		query string
		args  func(lo, hi int) []any
	}{
		{"update", len(w.update), `UPDATE records AS r SET hash = u.hash, doc = u.doc, last_seen = $1, last_changed = $1,
				match_key = u.match_key, seq = $2
			FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS u (id, hash, doc, match_key)
			WHERE r.source = $3 AND r.id = u.id`,
			func(lo, hi int) []any {
				return append([]any{w.now, w.seq, w.source}, columns(w.update[lo:hi], false)...)
			}},
		{"touch", len(w.touch), `UPDATE records SET last_seen = $1 WHERE source = $2 AND id = ANY($3)`,
			func(lo, hi int) []any { return []any{w.now, w.source, w.touch[lo:hi]} }},
		// A tombstoned record that comes back is rewritten and keeps its
		// first sighting.
		{"insert", len(w.insert), `INSERT INTO records (source, id, hash, doc, match_key, canonical, first_seen, last_seen, last_changed, removed_at, seq)
			SELECT $3, u.id, u.hash, u.doc, u.match_key, u.canonical, $1, $1, $1, NULL, $2
			FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u (id, hash, doc, match_key, canonical)
			ON CONFLICT (source, id) DO UPDATE SET hash = excluded.hash, doc = excluded.doc,
				last_seen = excluded.last_seen, last_changed = excluded.last_changed, removed_at = NULL,
				match_key = excluded.match_key, canonical = excluded.canonical, seq = excluded.seq`,
			func(lo, hi int) []any {
				return append([]any{w.now, w.seq, w.source}, columns(w.insert[lo:hi], true)...)
			}},
		{"remove", len(w.remove), `UPDATE records SET removed_at = $1, seq = $2 WHERE source = $3 AND id = ANY($4) AND removed_at IS NULL`,
			func(lo, hi int) []any { return []any{w.now, w.seq, w.source, w.remove[lo:hi]} }},
	}
	for _, st := range steps {
		for lo := 0; lo < st.n; lo += perStatement {
			hi := min(lo+perStatement, st.n)
			if _, err := tx.ExecContext(ctx, st.query, st.args(lo, hi)...); err != nil {
				return fmt.Errorf("%s records %d-%d: %w", st.what, lo, hi, err)
			}
		}
	}
	return nil
}

// columns turns records into the arrays id, hash, doc, match_key (and
// canonical).
func columns(recs []*record, canonical bool) []any {
	ids, hashes, docs, keys, canonicals := make([]string, len(recs)), make([]string, len(recs)),
		make([]string, len(recs)), make([]string, len(recs)), make([]string, len(recs))
	for i, r := range recs {
		ids[i], hashes[i], docs[i], keys[i], canonicals[i] = r.id, r.hash, r.doc, r.key, r.canonical
	}
	if canonical {
		return []any{ids, hashes, docs, keys, canonicals}
	}
	return []any{ids, hashes, docs, keys}
}
