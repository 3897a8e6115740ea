// Package postgres is the catalogue's store on PostgreSQL, for a service
// whose machines share one store: the same schema, change sequence, runs,
// demand, source documents, search groups and bus travel times as
// data/sqlite, in PostgreSQL's dialect.
//
// It goes through database/sql with pgx's stdlib driver rather than
// pgxpool: the queries SQLite and PostgreSQL read alike (data/sqlstore)
// are then one code over *sql.DB for both stores, and the one part that
// must differ, applying a batch in a few round trips instead of one per
// record, needs nothing pgxpool has that the driver does not (arrays are
// passed as parameters either way).
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open catalogue store on PostgreSQL.
type DB struct {
	*sqlstore.Store
	db *sql.DB
}

var _ catalog.Store = (*DB)(nil)

// dialect is how PostgreSQL differs in the shared queries.
var dialect = sqlstore.Dialect{Name: "postgres", Numbered: true, Time: func(t time.Time) any { return t.UTC() },
	WriteLock: fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", writerLock)}

// maxConns bounds the pool, as for SQLite: the writer of an import and
// readers for the requests in flight.
const maxConns = 16

// Advisory lock keys, in the database's one space of them. writerLock is
// taken by each batch and each replacement of a feed's bus times for its
// transaction (the dialect's WriteLock), migrateLock by each migration:
// two processes applying batches would otherwise join records to
// offerings and raise the sequence without seeing each other, and two
// replacing one feed's times would collide on the rows the other wrote.
const (
	migrateLock = 0x6b6b0001
	writerLock  = 0x6b6b0002
)

// Open connects to the database at url (postgres://user@host/db?...) and
// migrates it.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect to %s@%s/%s: %w", cfg.User, cfg.Host, cfg.Database, err)
	}
	d := &DB{Store: sqlstore.New(db, dialect), db: db}
	m := sqlstore.Migrations{FS: migrations, Table: "schema_migrations", Lock: fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", migrateLock)}
	if err := d.Migrate(ctx, m); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// Close closes the pool.
func (d *DB) Close() error { return d.db.Close() }
