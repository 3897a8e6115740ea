package sqlite

import (
	"context"
	"fmt"
)

// SourceDocuments returns the documents of one kind that source saved,
// by id, leaving out the ids it has none for.
func (d *DB) SourceDocuments(ctx context.Context, source, kind string, ids []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := []any{source, kind}
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := d.db.QueryContext(ctx, `SELECT id, doc FROM source_documents
			WHERE source = ? AND kind = ? AND id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: %s %s documents: %w", source, kind, err)
		}
		for rows.Next() {
			var id string
			var doc []byte
			if err := rows.Scan(&id, &doc); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: %s %s documents: %w", source, kind, err)
			}
			out[id] = doc
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sqlite: %s %s documents: %w", source, kind, err)
		}
	}
	return out, nil
}

// CountSourceDocuments returns how many documents of one kind source saved.
func (d *DB) CountSourceDocuments(ctx context.Context, source, kind string) (int, error) {
	var n int
	err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM source_documents WHERE source = ? AND kind = ?`,
		source, kind).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: count %s %s documents: %w", source, kind, err)
	}
	return n, nil
}

// SaveSourceDocuments stores docs and forgets the documents in gone, in one
// transaction. With replace, docs are all of that kind the source has, and
// every other document of that kind is forgotten.
func (d *DB) SaveSourceDocuments(ctx context.Context, source, kind string, docs map[string][]byte, gone []string, replace bool) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: save %s %s documents: %w", source, kind, err)
	}
	defer tx.Rollback()
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM source_documents WHERE source = ? AND kind = ?`, source, kind); err != nil {
			return fmt.Errorf("sqlite: save %s %s documents: %w", source, kind, err)
		}
	}
	put, err := tx.PrepareContext(ctx, `INSERT INTO source_documents (source, kind, id, doc) VALUES (?, ?, ?, ?)
		ON CONFLICT (source, kind, id) DO UPDATE SET doc = excluded.doc`)
	if err != nil {
		return fmt.Errorf("sqlite: save %s %s documents: %w", source, kind, err)
	}
	defer put.Close()
	for id, doc := range docs {
		if _, err := put.ExecContext(ctx, source, kind, id, doc); err != nil {
			return fmt.Errorf("sqlite: save %s %s document %s: %w", source, kind, id, err)
		}
	}
	del, err := tx.PrepareContext(ctx, `DELETE FROM source_documents WHERE source = ? AND kind = ? AND id = ?`)
	if err != nil {
		return fmt.Errorf("sqlite: save %s %s documents: %w", source, kind, err)
	}
	defer del.Close()
	for _, id := range gone {
		if _, err := del.ExecContext(ctx, source, kind, id); err != nil {
			return fmt.Errorf("sqlite: forget %s %s document %s: %w", source, kind, id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: save %s %s documents: commit: %w", source, kind, err)
	}
	return nil
}
