package sqlstore

import (
	"context"
	"database/sql"
	"time"
)

// FirstSeen returns when the catalogue first saw each of ids: the earliest
// first sighting over the sources that have it. Ids that are not live are
// left out. It reads no documents, so a feed can order thousands of matches
// by age and hydrate only the newest.
func (s *Store) FirstSeen(ctx context.Context, ids []string) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(ids))
	err := s.eachIn(ctx, `SELECT id, first_seen FROM records WHERE removed_at IS NULL AND id IN (%s)`, nil, ids,
		func(rows *sql.Rows) error {
			var id string
			var first Time
			if err := rows.Scan(&id, &first); err != nil {
				return err
			}
			// Compared as times: RFC 3339 with trimmed fractions does not sort as text.
			if old, ok := out[id]; !ok || first.Before(old) {
				out[id] = first.Time
			}
			return nil
		})
	if err != nil {
		return nil, s.errorf("first seen: %w", err)
	}
	return out, nil
}
