package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"kurskatalog/data/catalog"
)

// ReplaceDemand stores one Yrkesbarometer round in a single transaction:
// the round's rows become exactly rows, other rounds are kept. It refuses an
// empty or mixed set, so that a broken import cannot wipe a good round. The
// result names rows as "region/occupation".
func (d *DB) ReplaceDemand(ctx context.Context, round string, rows []catalog.Demand) (catalog.ApplyResult, error) {
	var res catalog.ApplyResult
	if round == "" || len(rows) == 0 {
		return res, catalog.Errorf(catalog.EInvalid, "demand round %q has no rows", round)
	}
	now := formatTime(d.now())
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("sqlite: replace demand %s: %w", round, err)
	}
	defer tx.Rollback()

	old, err := demandDocs(ctx, tx, round)
	if err != nil {
		return res, fmt.Errorf("sqlite: replace demand %s: %w", round, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM demand WHERE round = ?`, round); err != nil {
		return res, fmt.Errorf("sqlite: replace demand %s: %w", round, err)
	}
	kept := map[string]bool{}
	for i := range rows {
		r := &rows[i]
		if r.Round != round {
			return res, catalog.Errorf(catalog.EInvalid, "demand row %s/%s is of round %q, not %q", r.Region, r.Occupation, r.Round, round)
		}
		doc, err := json.Marshal(r)
		if err != nil {
			return res, err
		}
		key := r.Region + "/" + r.Occupation
		if kept[key] {
			return res, catalog.Errorf(catalog.EConflict, "demand row %s twice in round %s", key, round)
		}
		kept[key] = true
		if _, err := tx.ExecContext(ctx, `INSERT INTO demand (round, region, occupation, recruitment, doc, stored) VALUES (?, ?, ?, ?, ?, ?)`,
			round, r.Region, r.Occupation, r.Recruitment, string(doc), now); err != nil {
			return res, fmt.Errorf("sqlite: replace demand %s: %s: %w", round, key, err)
		}
		switch prev, ok := old[key]; {
		case !ok:
			res.Added = append(res.Added, key)
		case prev != string(doc):
			res.Changed = append(res.Changed, key)
		default:
			res.Unchanged++
		}
	}
	for key := range old {
		if !kept[key] {
			res.Removed = append(res.Removed, key)
		}
	}
	slices.Sort(res.Removed)
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("sqlite: replace demand %s: commit: %w", round, err)
	}
	return res, nil
}

// demandDocs returns the stored documents of a round by "region/occupation".
func demandDocs(ctx context.Context, tx *sql.Tx, round string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT region, occupation, doc FROM demand WHERE round = ?`, round)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var region, occupation, doc string
		if err := rows.Scan(&region, &occupation, &doc); err != nil {
			return nil, err
		}
		m[region+"/"+occupation] = doc
	}
	return m, rows.Err()
}

// LatestDemand returns the rows of the newest stored round for the given
// regions (every region when none), ordered by region and occupation. An
// empty store returns no rows and no error: demand is optional context.
func (d *DB) LatestDemand(ctx context.Context, regions ...string) ([]catalog.Demand, error) {
	q := `SELECT doc FROM demand WHERE round = (SELECT max(round) FROM demand)`
	args := []any{}
	if len(regions) > 0 {
		q += ` AND region IN (` + placeholders(len(regions)) + `)`
		for _, r := range regions {
			args = append(args, r)
		}
	}
	rows, err := d.db.QueryContext(ctx, q+` ORDER BY region, occupation`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: latest demand: %w", err)
	}
	defer rows.Close()
	var out []catalog.Demand
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("sqlite: latest demand: %w", err)
		}
		var dm catalog.Demand
		if err := json.Unmarshal([]byte(doc), &dm); err != nil {
			return nil, fmt.Errorf("sqlite: latest demand: %w", err)
		}
		out = append(out, dm)
	}
	return out, rows.Err()
}

// DemandRounds returns the stored rounds, newest first.
func (d *DB) DemandRounds(ctx context.Context) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT DISTINCT round FROM demand ORDER BY round DESC`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: demand rounds: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
