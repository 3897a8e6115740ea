package main

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"kurskatalog/data/catalog"
)

// sqliteContender is SQLite doing it all: FTS5 for the words (unicode61,
// no Swedish stemming), one row per facet value, and one GROUP BY per facet
// with every filter but its own.
type sqliteContender struct {
	db  *sql.DB
	doc map[string]int64 // offering ID -> rowid, for re-imports
}

const sqliteSchema = `
CREATE TABLE offering (
	doc        INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE,
	cancelled  INTEGER NOT NULL,
	start      INTEGER NOT NULL, -- Unix seconds; unknown sorts last
	deadline   INTEGER NOT NULL,
	title_sort TEXT NOT NULL
);
CREATE INDEX offering_start ON offering (start, title_sort, id);
CREATE INDEX offering_title ON offering (title_sort, start, id);
CREATE TABLE facet (
	name  TEXT NOT NULL,
	value TEXT NOT NULL,
	doc   INTEGER NOT NULL,
	PRIMARY KEY (name, value, doc)
) WITHOUT ROWID;
CREATE INDEX facet_doc ON facet (doc, name);
CREATE VIRTUAL TABLE fts USING fts5(title, title_en, keywords, provider, towns, description,
	tokenize = "unicode61 remove_diacritics 0");
`

// openSQLite opens the database at path, creating the schema if asked.
func openSQLite(path string, create bool) (*sqliteContender, error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(OFF)", "cache_size(-262144)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	c := &sqliteContender{db: db, doc: map[string]int64{}}
	if create {
		if _, err := db.Exec(sqliteSchema); err != nil {
			db.Close()
			return nil, fmt.Errorf("searchbench: sqlite schema: %w", err)
		}
		return c, nil
	}
	rows, err := db.Query(`SELECT id, doc FROM offering`)
	if err != nil {
		db.Close()
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var doc int64
		if err := rows.Scan(&id, &doc); err != nil {
			return nil, err
		}
		c.doc[id] = doc
	}
	return c, rows.Err()
}

func (c *sqliteContender) Name() string { return "sqlite" }

func (c *sqliteContender) Close() error { return c.db.Close() }

// Put inserts or replaces offerings in one transaction.
func (c *sqliteContender) Put(ctx context.Context, offerings []catalog.Offering) error {
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt := func(s string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, s)
		return st
	}
	insOff := stmt(`INSERT INTO offering (doc, id, cancelled, start, deadline, title_sort) VALUES (?, ?, ?, ?, ?, ?)`)
	insFacet := stmt(`INSERT INTO facet (name, value, doc) VALUES (?, ?, ?)`)
	insFTS := stmt(`INSERT INTO fts (rowid, title, title_en, keywords, provider, towns, description) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	delOff := stmt(`DELETE FROM offering WHERE doc = ?`)
	delFacet := stmt(`DELETE FROM facet WHERE doc = ?`)
	delFTS := stmt(`DELETE FROM fts WHERE rowid = ?`)
	if err != nil {
		return err
	}
	for i := range offerings {
		o := &offerings[i]
		doc, known := c.doc[o.ID]
		if known {
			for _, st := range []*sql.Stmt{delOff, delFacet, delFTS} {
				if _, err := st.ExecContext(ctx, doc); err != nil {
					return err
				}
			}
		} else {
			doc = int64(len(c.doc) + 1)
			c.doc[o.ID] = doc
		}
		if _, err := insOff.ExecContext(ctx, doc, o.ID, o.Cancelled, sortKey(o.Start), sortKey(o.ApplicationLast),
			strings.ToLower(o.Title)); err != nil {
			return err
		}
		for _, f := range staticFacets() {
			for _, v := range distinct(f.Values(o, time.Time{})) {
				if _, err := insFacet.ExecContext(ctx, f.Name, v, doc); err != nil {
					return err
				}
			}
		}
		if _, err := insFTS.ExecContext(ctx, doc, o.Title, o.TitleEN, strings.Join(o.Keywords, " "), o.Provider.Name,
			strings.Join(o.Towns, " "), o.DescriptionText()); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func sortKey(t time.Time) int64 {
	if t.IsZero() {
		return math.MaxInt64
	}
	return t.Unix()
}

func distinct(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v == "" {
			continue
		}
		dup := false
		for _, w := range out {
			dup = dup || w == v
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

// staticFacets are the catalog facets whose values do not depend on the
// day: the ones SQLite counts, and the ones compared with the index.
func staticFacets() []catalog.Facet {
	var out []catalog.Facet
	for _, f := range catalog.Facets {
		if !f.Dated {
			out = append(out, f)
		}
	}
	return out
}

// ftsColumns are the columns of the fts table, in order.
var ftsColumns = []string{"title", "title_en", "keywords", "provider", "towns", "description"}

// ftsQuery is "all words in one column, in any column", each word quoted.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return ""
	}
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	all := "(" + strings.Join(words, " AND ") + ")"
	var cols []string
	for _, f := range ftsColumns {
		cols = append(cols, "{"+f+"} : "+all)
	}
	return strings.Join(cols, " OR ")
}

// where builds the conditions of q, leaving out the filter of facet skip.
func (c *sqliteContender) where(q *catalog.SearchQuery, fts, skip string) (string, []any) {
	conds := []string{"o.cancelled = 0"}
	var args []any
	if fts != "" {
		conds = append(conds, "o.doc IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
		args = append(args, fts)
	}
	for _, f := range staticFacets() {
		values := q.Filters[f.Name]
		if len(values) == 0 || f.Name == skip {
			continue
		}
		conds = append(conds, "o.doc IN (SELECT doc FROM facet WHERE name = ? AND value IN (?"+strings.Repeat(", ?", len(values)-1)+"))")
		args = append(args, f.Name)
		for _, v := range values {
			args = append(args, v)
		}
	}
	if !q.StartFrom.IsZero() {
		conds = append(conds, "o.start >= ?")
		args = append(args, q.StartFrom.Unix())
	}
	if !q.StartTo.IsZero() {
		conds = append(conds, "o.start < ?")
		args = append(args, q.StartTo.AddDate(0, 0, 1).Unix())
	}
	return strings.Join(conds, " AND "), args
}

func (c *sqliteContender) Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	fts := ftsQuery(q.Text)
	if q.Text != "" && fts == "" {
		return &catalog.SearchResult{Facets: map[string][]catalog.FacetValue{}}, nil
	}
	res := &catalog.SearchResult{Facets: map[string][]catalog.FacetValue{}}
	where, args := c.where(&q, fts, "")
	if err := c.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM offering o WHERE `+where, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("searchbench: sqlite count: %w", err)
	}
	order := map[string]string{catalog.SortTitle: "o.title_sort, o.start, o.id",
		catalog.SortDeadline: "o.deadline, o.start, o.id"}[q.Sort]
	if order == "" {
		order = "o.start, o.title_sort, o.id"
	}
	page := `SELECT o.id FROM offering o WHERE ` + where + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?`
	pargs := append(args, q.PerPage, (q.Page-1)*q.PerPage)
	if fts != "" && q.Sort == catalog.SortRelevance {
		w, a := c.where(&q, "", "")
		page = `SELECT o.id FROM fts JOIN offering o ON o.doc = fts.rowid WHERE fts MATCH ? AND ` + w +
			` ORDER BY bm25(fts, 3, 2, 2, 1.5, 1.5, 1), o.start, o.id LIMIT ? OFFSET ?`
		pargs = append(append([]any{fts}, a...), q.PerPage, (q.Page-1)*q.PerPage)
	}
	rows, err := c.db.QueryContext(ctx, page, pargs...)
	if err != nil {
		return nil, fmt.Errorf("searchbench: sqlite page: %w", err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		res.IDs = append(res.IDs, id)
	}
	rows.Close()
	for _, f := range staticFacets() {
		w, a := c.where(&q, fts, f.Name)
		rows, err := c.db.QueryContext(ctx, `SELECT v.value, COUNT(*) FROM facet v JOIN offering o ON o.doc = v.doc
			WHERE v.name = ? AND `+w+` GROUP BY v.value`, append([]any{f.Name}, a...)...)
		if err != nil {
			return nil, fmt.Errorf("searchbench: sqlite facet %s: %w", f.Name, err)
		}
		list := []catalog.FacetValue{}
		for rows.Next() {
			var fv catalog.FacetValue
			if err := rows.Scan(&fv.Value, &fv.Count); err != nil {
				rows.Close()
				return nil, err
			}
			list = append(list, fv)
		}
		rows.Close()
		if len(list) > 0 {
			res.Facets[f.Name] = sortValues(list, f.Name)
		}
	}
	return res, nil
}

// sortValues orders a facet's values as the index does: in the facet's
// Order, or by count and then value.
func sortValues(list []catalog.FacetValue, facet string) []catalog.FacetValue {
	var order []string
	if f, ok := catalog.FacetNamed(facet); ok {
		order = f.Order
	}
	slices.SortFunc(list, func(a, b catalog.FacetValue) int {
		if order != nil {
			return cmp.Or(cmp.Compare(slices.Index(order, a.Value), slices.Index(order, b.Value)), strings.Compare(a.Value, b.Value))
		}
		return cmp.Or(b.Count-a.Count, strings.Compare(a.Value, b.Value))
	})
	return list
}
