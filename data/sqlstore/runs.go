package sqlstore

import (
	"context"
	"encoding/json"
	"time"

	"kurskatalog/data/catalog"
)

// StartRun records that a run of source has started and returns it.
func (s *Store) StartRun(ctx context.Context, source string, full bool) (catalog.Run, error) {
	r := catalog.Run{Source: source, Started: s.Now(), Status: catalog.RunRunning, Full: full}
	err := s.DB.QueryRowContext(ctx, s.q(`INSERT INTO runs (source, started, status, "full") VALUES (?, ?, ?, ?) RETURNING id`),
		source, s.time(r.Started), r.Status, full).Scan(&r.ID)
	if err != nil {
		return r, s.errorf("start run %s: %w", source, err)
	}
	return r, nil
}

// FinishRun stores a run's outcome and figures.
func (s *Store) FinishRun(ctx context.Context, r *catalog.Run) error {
	if r.Finished.IsZero() {
		r.Finished = s.Now()
	}
	reasons, err := json.Marshal(r.Reasons)
	if err != nil {
		return err
	}
	_, err = s.DB.ExecContext(ctx, s.q(`UPDATE runs SET finished = ?, status = ?, fetched = ?, filtered = ?, added = ?,
		changed = ?, removed = ?, skipped = ?, reasons = ?, error = ? WHERE id = ?`),
		s.time(r.Finished), r.Status, r.Fetched, r.Filtered, r.Added, r.Changed, r.Removed, r.Skipped,
		string(reasons), r.Error, r.ID)
	if err != nil {
		return s.errorf("finish run %d: %w", r.ID, err)
	}
	return nil
}

// LastSuccess returns when the last successful run of source started, and
// when the last successful full run did. Zero times mean never.
func (s *Store) LastSuccess(ctx context.Context, source string) (any, full time.Time, err error) {
	var a, f Time
	err = s.DB.QueryRowContext(ctx, s.q(`SELECT max(started), max(CASE WHEN "full" THEN started END)
		FROM runs WHERE source = ? AND status = ?`), source, catalog.RunOK).Scan(&a, &f)
	if err != nil {
		return any, full, s.errorf("last success %s: %w", source, err)
	}
	return a.Time, f.Time, nil
}

// LatestRuns returns the most recent run of each source.
func (s *Store) LatestRuns(ctx context.Context) (map[string]catalog.Run, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id, source, started, finished, status, "full", fetched, filtered,
		added, changed, removed, skipped, reasons, error
		FROM runs WHERE id IN (SELECT max(id) FROM runs GROUP BY source)`)
	if err != nil {
		return nil, s.errorf("latest runs: %w", err)
	}
	defer rows.Close()
	out := map[string]catalog.Run{}
	for rows.Next() {
		var r catalog.Run
		var started, finished Time
		var reasons string
		if err := rows.Scan(&r.ID, &r.Source, &started, &finished, &r.Status, &r.Full, &r.Fetched, &r.Filtered,
			&r.Added, &r.Changed, &r.Removed, &r.Skipped, &reasons, &r.Error); err != nil {
			return nil, s.errorf("latest runs: %w", err)
		}
		r.Started, r.Finished = started.Time, finished.Time
		if err := json.Unmarshal([]byte(reasons), &r.Reasons); err != nil {
			return nil, s.errorf("run %d reasons: %w", r.ID, err)
		}
		out[r.Source] = r
	}
	return out, rows.Err()
}

// InterruptRuns marks the runs still recorded as running as interrupted:
// their process ended without finishing them. Only the process that owns the
// store's writing may call it, when no run of its own has started. It
// returns the sources whose runs it marked.
func (s *Store) InterruptRuns(ctx context.Context) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, s.q(`UPDATE runs SET status = ?, finished = ?, error = ?
		WHERE status = ? RETURNING source`), catalog.RunInterrupted, s.now(),
		"the process stopped before the run finished; whatever it did was applied whole or not at all", catalog.RunRunning)
	if err != nil {
		return nil, s.errorf("interrupt runs: %w", err)
	}
	return s.strings(rows, "interrupt runs")
}

// RunTallies sums the runs of each source by status, in source and status
// order.
func (s *Store) RunTallies(ctx context.Context) ([]catalog.RunTally, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT source, status, count(*), sum(fetched), sum(added), sum(changed),
		sum(removed), sum(skipped), max(finished)
		FROM runs GROUP BY source, status ORDER BY source, status`)
	if err != nil {
		return nil, s.errorf("run tallies: %w", err)
	}
	defer rows.Close()
	var out []catalog.RunTally
	for rows.Next() {
		var t catalog.RunTally
		var finished Time
		if err := rows.Scan(&t.Source, &t.Status, &t.Runs, &t.Fetched, &t.Added, &t.Changed, &t.Removed, &t.Skipped,
			&finished); err != nil {
			return nil, s.errorf("run tallies: %w", err)
		}
		t.LastFinished = finished.Time
		out = append(out, t)
	}
	return out, rows.Err()
}
