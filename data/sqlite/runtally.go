package sqlite

import (
	"context"
	"fmt"

	"kurskatalog/data/catalog"
)

// RunTallies sums the runs of each source by status, in source and status
// order.
func (d *DB) RunTallies(ctx context.Context) ([]catalog.RunTally, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT source, status, count(*), sum(fetched), sum(added), sum(changed),
		sum(removed), sum(skipped), coalesce(max(finished), '')
		FROM runs GROUP BY source, status ORDER BY source, status`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: run tallies: %w", err)
	}
	defer rows.Close()
	var out []catalog.RunTally
	for rows.Next() {
		var t catalog.RunTally
		var finished string
		if err := rows.Scan(&t.Source, &t.Status, &t.Runs, &t.Fetched, &t.Added, &t.Changed, &t.Removed, &t.Skipped,
			&finished); err != nil {
			return nil, fmt.Errorf("sqlite: run tallies: %w", err)
		}
		t.LastFinished = parseTime(finished)
		out = append(out, t)
	}
	return out, rows.Err()
}
