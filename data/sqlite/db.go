// Package sqlite is the catalogue's storage: the source of truth every other
// view (the search index, the API) is derived from. It uses modernc.org/sqlite
// (pure Go) in WAL mode with embedded, append-only migrations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"kurskatalog/data/catalog"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open catalogue database.
type DB struct {
	db  *sql.DB
	now func() time.Time
}

// maxConns bounds the pool: the writer of an import and readers for the
// requests in flight. Beyond it a request waits for a connection instead
// of opening one, which under load would only add work.
const maxConns = 16

// mmapSize is the most of the file mapped; the rest is read with calls.
// The mapped pages are the kernel's page cache, shared by the connections
// and given back under memory pressure.
const mmapSize = 1 << 30

// Option adjusts how Open opens a database.
type Option func(pragmas []string) []string

// MaxSize caps the database file at about bytes (0: no cap). A write that
// would grow it further fails as on a full disk, and its transaction
// changes nothing: an operator's bound on the disk the catalogue may take.
func MaxSize(bytes int64) Option {
	return func(pragmas []string) []string {
		if bytes <= 0 {
			return pragmas
		}
		// SQLite's default page size; the cap never goes below the current size.
		return append(pragmas, fmt.Sprintf("max_page_count(%d)", max(bytes/4096, 1)))
	}
}

// Open opens (creating if needed) the database at path and migrates it.
// Pragmas are in the DSN so that every pooled connection gets them. The
// file is read through a memory map: at national size a start reads every
// offering and a page of hits reads records all over the file, and without
// the map each page of the file is a system call (a count of 100,000
// offerings took 4.4 s with them, 0.45 s without).
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	q := url.Values{}
	pragmas := []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)", "mmap_size(" + strconv.Itoa(mmapSize) + ")"}
	for _, o := range opts {
		pragmas = o(pragmas)
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// database/sql keeps 2 idle connections unless told: under a burst of
	// requests the rest are opened and closed each time, each with its
	// pragmas. WAL lets readers run beside the one writer, so keep enough
	// for the concurrent requests of a busy server, and bound them.
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	d := &DB{db: db, now: time.Now}
	if err := d.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// SetClock replaces the clock, for tests that need repeatable times.
func (d *DB) SetClock(now func() time.Time) { d.now = now }

func (d *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	// A database that is up to date is only read: a reader beside a running
	// service (gaps) must not queue for the writer's lock, which an import
	// holds for as long as its transaction takes.
	if done, err := d.migrated(ctx); err == nil && len(done) == len(names) {
		return nil
	}
	if _, err := d.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY)`); err != nil {
		return fmt.Errorf("sqlite: migrations table: %w", err)
	}
	for _, name := range names {
		if err := d.migrateOne(ctx, name); err != nil {
			return fmt.Errorf("sqlite: migration %s: %w", name, err)
		}
	}
	return nil
}

// migrated returns the names of the applied migrations; an error when the
// database has no migrations table yet.
func (d *DB) migrated(ctx context.Context) ([]string, error) {
	return appliedMigrations(ctx, d.db)
}

func (d *DB) migrateOne(ctx context.Context, name string) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name) VALUES (?)`, name); err != nil {
		return err
	}
	return tx.Commit()
}

const timeFormat = time.RFC3339Nano

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeFormat, s)
	return t
}

// placeholders returns "?,?,?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

var _ catalog.Store = (*DB)(nil)
