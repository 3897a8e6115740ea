package sqlite

import (
	"context"
	"fmt"
	"time"
)

// FirstSeen returns when the catalogue first saw each of ids: the earliest
// first sighting over the sources that have it. Ids that are not live are
// left out. It reads no documents, so a feed can order thousands of matches
// by age and hydrate only the newest.
func (d *DB) FirstSeen(ctx context.Context, ids []string) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := d.db.QueryContext(ctx, `SELECT id, first_seen FROM records
			WHERE removed_at IS NULL AND id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: first seen: %w", err)
		}
		for rows.Next() {
			var id, first string
			if err := rows.Scan(&id, &first); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: first seen: %w", err)
			}
			// Compared as times: RFC 3339 with trimmed fractions does not sort as text.
			t := parseTime(first)
			if old, ok := out[id]; !ok || t.Before(old) {
				out[id] = t
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sqlite: first seen: %w", err)
		}
	}
	return out, nil
}
