package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"kurskatalog/data/catalog"
)

// StartRun records that a run of source has started and returns it.
func (d *DB) StartRun(ctx context.Context, source string, full bool) (catalog.Run, error) {
	r := catalog.Run{Source: source, Started: d.now(), Status: catalog.RunRunning, Full: full}
	res, err := d.db.ExecContext(ctx, `INSERT INTO runs (source, started, status, full) VALUES (?, ?, ?, ?)`,
		source, formatTime(r.Started), r.Status, full)
	if err != nil {
		return r, fmt.Errorf("sqlite: start run %s: %w", source, err)
	}
	r.ID, err = res.LastInsertId()
	return r, err
}

// FinishRun stores a run's outcome and figures.
func (d *DB) FinishRun(ctx context.Context, r *catalog.Run) error {
	if r.Finished.IsZero() {
		r.Finished = d.now()
	}
	reasons, err := json.Marshal(r.Reasons)
	if err != nil {
		return err
	}
	_, err = d.db.ExecContext(ctx, `UPDATE runs SET finished = ?, status = ?, fetched = ?, filtered = ?, added = ?,
		changed = ?, removed = ?, skipped = ?, reasons = ?, error = ? WHERE id = ?`,
		formatTime(r.Finished), r.Status, r.Fetched, r.Filtered, r.Added, r.Changed, r.Removed, r.Skipped,
		string(reasons), r.Error, r.ID)
	if err != nil {
		return fmt.Errorf("sqlite: finish run %d: %w", r.ID, err)
	}
	return nil
}

// LastSuccess returns when the last successful run of source started, and
// when the last successful full run did. Zero times mean never.
func (d *DB) LastSuccess(ctx context.Context, source string) (any, full time.Time, err error) {
	var a, f sql.NullString
	err = d.db.QueryRowContext(ctx, `SELECT max(started), max(CASE WHEN full THEN started END)
		FROM runs WHERE source = ? AND status = ?`, source, catalog.RunOK).Scan(&a, &f)
	if err != nil {
		return any, full, fmt.Errorf("sqlite: last success %s: %w", source, err)
	}
	return parseTime(a.String), parseTime(f.String), nil
}

// LatestRuns returns the most recent run of each source.
func (d *DB) LatestRuns(ctx context.Context) (map[string]catalog.Run, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, source, started, coalesce(finished, ''), status, full, fetched, filtered,
		added, changed, removed, skipped, reasons, error
		FROM runs WHERE id IN (SELECT max(id) FROM runs GROUP BY source)`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: latest runs: %w", err)
	}
	defer rows.Close()
	out := map[string]catalog.Run{}
	for rows.Next() {
		var r catalog.Run
		var started, finished, reasons string
		if err := rows.Scan(&r.ID, &r.Source, &started, &finished, &r.Status, &r.Full, &r.Fetched, &r.Filtered,
			&r.Added, &r.Changed, &r.Removed, &r.Skipped, &reasons, &r.Error); err != nil {
			return nil, fmt.Errorf("sqlite: latest runs: %w", err)
		}
		r.Started, r.Finished = parseTime(started), parseTime(finished)
		if err := json.Unmarshal([]byte(reasons), &r.Reasons); err != nil {
			return nil, fmt.Errorf("sqlite: run %d reasons: %w", r.ID, err)
		}
		out[r.Source] = r
	}
	return out, rows.Err()
}

// InterruptRuns marks the runs still recorded as running as interrupted:
// their process ended without finishing them. Only the process that owns the
// data dir may call it, when no run of its own has started. It returns the
// sources whose runs it marked.
func (d *DB) InterruptRuns(ctx context.Context) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, `UPDATE runs SET status = ?, finished = ?, error = ?
		WHERE status = ? RETURNING source`, catalog.RunInterrupted, formatTime(d.now()),
		"the process stopped before the run finished; whatever it did was applied whole or not at all", catalog.RunRunning)
	if err != nil {
		return nil, fmt.Errorf("sqlite: interrupt runs: %w", err)
	}
	defer rows.Close()
	var sources []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("sqlite: interrupt runs: %w", err)
		}
		sources = append(sources, s)
	}
	return sources, rows.Err()
}
