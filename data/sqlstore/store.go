// Package sqlstore is the part of the catalogue's store that SQLite and
// PostgreSQL share: the queries both databases read alike, over
// database/sql, with the few differences (placeholders, how a time is
// kept) in a Dialect. The adapters (data/sqlite, data/postgres) open the
// database, migrate it and apply batches in their own way, and embed a
// Store for the rest.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Dialect is what differs between the databases in the shared queries.
type Dialect struct {
	// Name prefixes errors: "sqlite", "postgres".
	Name string
	// Numbered says placeholders are written $1, $2... (PostgreSQL); the
	// shared queries are written with ?, and rewritten when it is set.
	Numbered bool
	// Time is how a time is written: SQLite keeps RFC 3339 text,
	// PostgreSQL a timestamptz. Either is read back by Time.Scan.
	Time func(time.Time) any
	// WriteLock, when set, is run first in the transaction of a write that
	// reads what it replaces (a batch, a feed's bus times), so that two
	// processes writing at once go one after the other and each reads what
	// the other committed: PostgreSQL's advisory lock. SQLite needs none:
	// its transactions take the database's one write lock as they begin.
	WriteLock string
}

// Store is a catalogue store over database/sql.
type Store struct {
	DB      *sql.DB
	Dialect Dialect
	clock   func() time.Time
}

// New returns the shared store over db.
func New(db *sql.DB, d Dialect) *Store {
	return &Store{DB: db, Dialect: d, clock: time.Now}
}

// SetClock replaces the clock, for tests that need repeatable times.
func (s *Store) SetClock(now func() time.Time) { s.clock = now }

// Now is the store's time, with which it stamps what it writes.
func (s *Store) Now() time.Time { return s.clock() }

func (s *Store) now() any { return s.Dialect.Time(s.clock()) }

func (s *Store) time(t time.Time) any { return s.Dialect.Time(t) }

func (s *Store) errorf(format string, args ...any) error {
	return fmt.Errorf(s.Dialect.Name+": "+format, args...)
}

// q rewrites a shared query's ? placeholders for the dialect. The shared
// queries hold no ? in literals.
func (s *Store) q(query string) string {
	if !s.Dialect.Numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for _, part := range strings.SplitAfter(query, "?") {
		if p, ok := strings.CutSuffix(part, "?"); ok {
			n++
			b.WriteString(p + "$" + strconv.Itoa(n))
			continue
		}
		b.WriteString(part)
	}
	return b.String()
}

// Placeholders returns "?,?,?" for n values.
func Placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// TimeFormat is how SQLite keeps a time.
const TimeFormat = time.RFC3339Nano

// FormatTime is SQLite's Dialect.Time.
func FormatTime(t time.Time) any { return t.UTC().Format(TimeFormat) }

// Time scans a time as either database keeps it; NULL is the zero time.
type Time struct{ time.Time }

// Scan reads RFC 3339 text (SQLite) or a time (PostgreSQL).
func (t *Time) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		t.Time = time.Time{}
	case time.Time:
		t.Time = v.UTC()
	case string:
		t.Time, _ = time.Parse(TimeFormat, v)
	case []byte:
		t.Time, _ = time.Parse(TimeFormat, string(v))
	default:
		return fmt.Errorf("a time cannot be read from %T", src)
	}
	return nil
}

// inChunk is how many ids one query's IN list takes: SQLite bounds the
// bound variables of a statement.
const inChunk = 500

// eachIn runs query once per chunk of ids, with head's values first and
// the chunk's placeholders in place of the query's %s, and calls row for
// each row.
func (s *Store) eachIn(ctx context.Context, query string, head []any, ids []string, row func(*sql.Rows) error) error {
	for start := 0; start < len(ids); start += inChunk {
		chunk := ids[start:min(start+inChunk, len(ids))]
		args := append(slices.Clip(head), make([]any, 0, len(chunk))...)
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := s.DB.QueryContext(ctx, s.q(fmt.Sprintf(query, Placeholders(len(chunk)))), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := row(rows); err != nil {
				rows.Close()
				return err
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// inTx runs fn in a transaction and commits it when fn succeeds.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// writeTx is inTx for a write that reads what it replaces: it takes the
// dialect's WriteLock first.
func (s *Store) writeTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if s.Dialect.WriteLock != "" {
			if _, err := tx.ExecContext(ctx, s.Dialect.WriteLock); err != nil {
				return fmt.Errorf("write lock: %w", err)
			}
		}
		return fn(tx)
	})
}

// rowsPerInsert bounds the rows of one multi-row INSERT, under both
// databases' limits on a statement's bound values.
const rowsPerInsert = 500

// insertRows writes rows (each the same number of values) with query, whose
// %s takes the VALUES tuples, many rows to a statement.
func (s *Store) insertRows(ctx context.Context, tx *sql.Tx, query string, rows [][]any) error {
	for start := 0; start < len(rows); start += rowsPerInsert {
		chunk := rows[start:min(start+rowsPerInsert, len(rows))]
		tuple := "(" + Placeholders(len(chunk[0])) + ")"
		tuples := make([]string, len(chunk))
		var args []any
		for i, r := range chunk {
			tuples[i] = tuple
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, s.q(fmt.Sprintf(query, strings.Join(tuples, ","))), args...); err != nil {
			return err
		}
	}
	return nil
}
