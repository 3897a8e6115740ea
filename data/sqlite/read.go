package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"kurskatalog/data/catalog"
)

var zeroTime time.Time

// FindOfferingByID returns the offering with id, merged over all sources
// that have it. The id of any of its records finds it too, so links with a
// provider page's own id keep working after a merge.
func (d *DB) FindOfferingByID(ctx context.Context, id string) (*catalog.Offering, error) {
	canonical := id
	err := d.db.QueryRowContext(ctx, `SELECT canonical FROM records WHERE id = ? AND removed_at IS NULL
		ORDER BY canonical = id DESC LIMIT 1`, id).Scan(&canonical)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: find %s: %w", id, err)
	}
	found, err := d.OfferingsByIDs(ctx, []string{canonical})
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, catalog.Errorf(catalog.ENotFound, "no offering with id %q", id)
	}
	return &found[0], nil
}

// OfferingsByIDs returns the offerings with the given ids in that order,
// leaving out ids that do not exist (any more).
func (d *DB) OfferingsByIDs(ctx context.Context, ids []string) ([]catalog.Offering, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	byID := map[string][]record{}
	// SQLite limits bound variables; chunk large requests.
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := d.db.QueryContext(ctx, `SELECT source, id, canonical, doc, first_seen, last_seen, last_changed
			FROM records WHERE removed_at IS NULL AND canonical IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: offerings by id: %w", err)
		}
		err = scanRecords(rows, func(r record) error {
			byID[r.offering.ID] = append(byID[r.offering.ID], r)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]catalog.Offering, 0, len(ids))
	for _, id := range ids {
		if recs, ok := byID[id]; ok {
			out = append(out, merge(recs))
		}
	}
	return out, nil
}

// EachOffering calls fn for every live offering, in id order. It is how the
// search index is rebuilt.
func (d *DB) EachOffering(ctx context.Context, fn func(catalog.Offering) error) error {
	rows, err := d.db.QueryContext(ctx, `SELECT source, id, canonical, doc, first_seen, last_seen, last_changed
		FROM records WHERE removed_at IS NULL ORDER BY canonical, source`)
	if err != nil {
		return fmt.Errorf("sqlite: each offering: %w", err)
	}
	var group []record
	err = scanRecords(rows, func(r record) error {
		if len(group) > 0 && group[0].offering.ID != r.offering.ID {
			if err := fn(merge(group)); err != nil {
				return err
			}
			group = group[:0]
		}
		group = append(group, r)
		return nil
	})
	if err != nil {
		return err
	}
	if len(group) > 0 {
		return fn(merge(group))
	}
	return nil
}

// CountOfferings returns the number of live offerings.
func (d *DB) CountOfferings(ctx context.Context) (int, error) {
	var n int
	err := d.db.QueryRowContext(ctx, `SELECT count(DISTINCT canonical) FROM records WHERE removed_at IS NULL`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: count offerings: %w", err)
	}
	return n, nil
}

type record struct {
	size     int
	offering catalog.Offering
}

func scanRecords(rows *sql.Rows, fn func(record) error) error {
	defer rows.Close()
	for rows.Next() {
		var source, id, canonical, doc, first, last, changed string
		if err := rows.Scan(&source, &id, &canonical, &doc, &first, &last, &changed); err != nil {
			return fmt.Errorf("sqlite: scan record: %w", err)
		}
		r := record{size: len(doc)}
		if err := json.Unmarshal([]byte(doc), &r.offering); err != nil {
			return fmt.Errorf("sqlite: record %s/%s: %w", source, id, err)
		}
		r.offering.ID = canonical
		r.offering.Provenance.ID = id
		r.offering.Provenance.Source = source
		r.offering.Provenance.FirstSeen = parseTime(first)
		r.offering.Provenance.LastSeen = parseTime(last)
		r.offering.Provenance.LastChanged = parseTime(changed)
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// merge orders a group's records richest first (the longest document), so
// that the record with the most fields is the base of the merge.
func merge(recs []record) catalog.Offering {
	sort.SliceStable(recs, func(i, j int) bool {
		if recs[i].size != recs[j].size {
			return recs[i].size > recs[j].size
		}
		return recs[i].offering.Provenance.Source < recs[j].offering.Provenance.Source
	})
	offs := make([]catalog.Offering, len(recs))
	for i, r := range recs {
		offs[i] = r.offering
	}
	return catalog.Merge(offs)
}
