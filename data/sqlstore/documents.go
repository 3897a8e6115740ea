package sqlstore

import (
	"context"
	"database/sql"
)

// SourceDocuments returns the documents of one kind that source saved,
// by id, leaving out the ids it has none for.
func (s *Store) SourceDocuments(ctx context.Context, source, kind string, ids []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(ids))
	err := s.eachIn(ctx, `SELECT id, doc FROM source_documents WHERE source = ? AND kind = ? AND id IN (%s)`,
		[]any{source, kind}, ids, func(rows *sql.Rows) error {
			var id string
			var doc []byte
			if err := rows.Scan(&id, &doc); err != nil {
				return err
			}
			out[id] = doc
			return nil
		})
	if err != nil {
		return nil, s.errorf("%s %s documents: %w", source, kind, err)
	}
	return out, nil
}

// CountSourceDocuments returns how many documents of one kind source saved.
func (s *Store) CountSourceDocuments(ctx context.Context, source, kind string) (int, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT count(*) FROM source_documents WHERE source = ? AND kind = ?`),
		source, kind).Scan(&n)
	if err != nil {
		return 0, s.errorf("count %s %s documents: %w", source, kind, err)
	}
	return n, nil
}

// SaveSourceDocuments stores docs and forgets the documents in gone, in one
// transaction. With replace, docs are all of that kind the source has, and
// every other document of that kind is forgotten. Documents are written
// many to a statement: on PostgreSQL each statement is a round trip.
func (s *Store) SaveSourceDocuments(ctx context.Context, source, kind string, docs map[string][]byte, gone []string, replace bool) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if replace {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM source_documents WHERE source = ? AND kind = ?`), source, kind); err != nil {
				return err
			}
		}
		rows := make([][]any, 0, len(docs))
		for id, doc := range docs {
			rows = append(rows, []any{source, kind, id, string(doc)})
		}
		if err := s.insertRows(ctx, tx, `INSERT INTO source_documents (source, kind, id, doc) VALUES %s
			ON CONFLICT (source, kind, id) DO UPDATE SET doc = excluded.doc`, rows); err != nil {
			return err
		}
		for start := 0; start < len(gone); start += inChunk {
			chunk := gone[start:min(start+inChunk, len(gone))]
			args := []any{source, kind}
			for _, id := range chunk {
				args = append(args, id)
			}
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM source_documents WHERE source = ? AND kind = ? AND id IN (`+
				Placeholders(len(chunk))+`)`), args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return s.errorf("save %s %s documents: %w", source, kind, err)
	}
	return nil
}
