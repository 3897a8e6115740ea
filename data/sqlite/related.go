package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"kurskatalog/data/catalog"
)

// OfferingsByEducationID returns the live offerings that are starts of the
// course or programme educationID, merged over their sources, ordered by
// start date (unknown last), then id. The education id lives in the stored
// document; a catalogue of a few thousand offerings scans it in well under a
// millisecond, so it has no index of its own.
func (d *DB) OfferingsByEducationID(ctx context.Context, educationID string) ([]catalog.Offering, error) {
	if educationID == "" {
		return []catalog.Offering{}, nil
	}
	rows, err := d.db.QueryContext(ctx, `SELECT DISTINCT id FROM records
		WHERE removed_at IS NULL AND json_extract(doc, '$.education_id') = ?`, educationID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: offerings of education %s: %w", educationID, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: offerings of education %s: %w", educationID, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: offerings of education %s: %w", educationID, err)
	}
	out, err := d.OfferingsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b catalog.Offering) int {
		switch {
		case a.Start.IsZero() != b.Start.IsZero():
			if a.Start.IsZero() {
				return 1
			}
			return -1
		case !a.Start.Equal(b.Start):
			return a.Start.Compare(b.Start)
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

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
