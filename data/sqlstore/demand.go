package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"

	"kurskatalog/data/catalog"
)

// ReplaceDemand stores one Yrkesbarometer round in a single transaction:
// the round's rows become exactly rows, other rounds are kept. It refuses an
// empty or mixed set, so that a broken import cannot wipe a good round. The
// result names rows as "region/occupation".
func (s *Store) ReplaceDemand(ctx context.Context, round string, rows []catalog.Demand) (catalog.ApplyResult, error) {
	var res catalog.ApplyResult
	if round == "" || len(rows) == 0 {
		return res, catalog.Errorf(catalog.EInvalid, "demand round %q has no rows", round)
	}
	now := s.now()
	docs := make(map[string]string, len(rows))
	keys := make([]string, 0, len(rows))
	values := make([][]any, 0, len(rows))
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
		if _, twice := docs[key]; twice {
			return res, catalog.Errorf(catalog.EConflict, "demand row %s twice in round %s", key, round)
		}
		docs[key] = string(doc)
		keys = append(keys, key)
		values = append(values, []any{round, r.Region, r.Occupation, r.Recruitment, string(doc), now})
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := s.demandDocs(ctx, tx, round)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM demand WHERE round = ?`), round); err != nil {
			return err
		}
		if err := s.insertRows(ctx, tx, `INSERT INTO demand (round, region, occupation, recruitment, doc, stored) VALUES %s`, values); err != nil {
			return err
		}
		for _, key := range keys {
			switch prev, ok := old[key]; {
			case !ok:
				res.Added = append(res.Added, key)
			case prev != docs[key]:
				res.Changed = append(res.Changed, key)
			default:
				res.Unchanged++
			}
		}
		for key := range old {
			if _, kept := docs[key]; !kept {
				res.Removed = append(res.Removed, key)
			}
		}
		slices.Sort(res.Removed)
		return nil
	})
	if err != nil {
		return catalog.ApplyResult{}, s.errorf("replace demand %s: %w", round, err)
	}
	return res, nil
}

// demandDocs returns the stored documents of a round by "region/occupation".
func (s *Store) demandDocs(ctx context.Context, tx *sql.Tx, round string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT region, occupation, doc FROM demand WHERE round = ?`), round)
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
func (s *Store) LatestDemand(ctx context.Context, regions ...string) ([]catalog.Demand, error) {
	q := `SELECT doc FROM demand WHERE round = (SELECT max(round) FROM demand)`
	args := []any{}
	if len(regions) > 0 {
		q += ` AND region IN (` + Placeholders(len(regions)) + `)`
		for _, r := range regions {
			args = append(args, r)
		}
	}
	rows, err := s.DB.QueryContext(ctx, s.q(q+` ORDER BY region, occupation`), args...)
	if err != nil {
		return nil, s.errorf("latest demand: %w", err)
	}
	docs, err := s.strings(rows, "latest demand")
	if err != nil {
		return nil, err
	}
	var out []catalog.Demand
	for _, doc := range docs {
		var dm catalog.Demand
		if err := json.Unmarshal([]byte(doc), &dm); err != nil {
			return nil, s.errorf("latest demand: %w", err)
		}
		out = append(out, dm)
	}
	return out, nil
}

// DemandRounds returns the stored rounds, newest first.
func (s *Store) DemandRounds(ctx context.Context) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT DISTINCT round FROM demand ORDER BY round DESC`)
	if err != nil {
		return nil, s.errorf("demand rounds: %w", err)
	}
	return s.strings(rows, "demand rounds")
}
