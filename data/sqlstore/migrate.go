package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"slices"
)

// Migrations are a store's embedded, ordered, append-only .sql files.
type Migrations struct {
	// FS holds migrations/NNNN_name.sql; a file's path is its name in Table.
	FS fs.FS
	// Table records the migrations applied, one name a row.
	Table string
	// Lock, when set, is run first in each migration's transaction:
	// PostgreSQL's advisory lock, so that machines starting at once apply
	// a migration once, one after the other.
	Lock string
}

// Migrate applies the migrations the database lacks, each in its own
// transaction with its record in Table.
func (s *Store) Migrate(ctx context.Context, m Migrations) error {
	names, err := fs.Glob(m.FS, "migrations/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	// A database that is up to date is only read: a reader beside a running
	// service (gaps) must not queue for the writer's lock, which an import
	// holds for as long as its transaction takes.
	if done, err := AppliedMigrations(ctx, s.DB, m.Table); err == nil && len(done) == len(names) {
		return nil
	}
	for _, name := range names {
		if err := s.inTx(ctx, func(tx *sql.Tx) error { return s.migrateOne(ctx, tx, m, name) }); err != nil {
			return s.errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func (s *Store) migrateOne(ctx context.Context, tx *sql.Tx, m Migrations, name string) error {
	if m.Lock != "" {
		if _, err := tx.ExecContext(ctx, m.Lock); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+m.Table+` (name TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("%s table: %w", m.Table, err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM `+m.Table+` WHERE name = ?`), name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(m.FS, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO `+m.Table+` (name) VALUES (?)`), name)
	return err
}

// AppliedMigrations returns the names of the applied migrations; an error
// when the database has no table of them yet.
func AppliedMigrations(ctx context.Context, db *sql.DB, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM `+table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
