// Package sqlite is the catalogue's storage: the source of truth every other
// view (the search index, the API) is derived from. It uses modernc.org/sqlite
// (pure Go) in WAL mode with embedded, append-only migrations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open catalogue database. The queries SQLite reads like
// PostgreSQL are the shared store's; applying a batch, migrating, backing
// up and restoring are SQLite's own.
type DB struct {
	*sqlstore.Store
	db *sql.DB
}

// dialect is how SQLite differs in the shared queries.
var dialect = sqlstore.Dialect{Name: "sqlite", Time: sqlstore.FormatTime}

// maxConns bounds the pool: the writer of an import and readers for the
// requests in flight. Beyond it a request waits for a connection instead
// of opening one, which under load would only add work.
const maxConns = 16

// mmapSize is how much of the file is mapped unless MapSize says
// otherwise: none. The pages a connection reads through a map count in the
// process's resident size once touched, once for each connection that
// maps them, and a national store's searches touch most of the file over
// time (0.8-1.2 GiB resident at 270,000 offerings, over 1 GiB in five
// runs of six, against 0.8 GiB without the map, for the same requests a
// second within the machine's spread; docs/benchmarks.md). Read with
// calls, the pages are the kernel's file cache, outside it.
const mmapSize = 0

// pageSize is the page size of a new database. A record is some 2 KB of
// JSON: SQLite's default 4 KiB pages held one or two each, and a third of
// the file was the rest of the pages, written twice by an import (to the
// log, then to the file). An existing file keeps the size it was made
// with: SQLite changes it only by rewriting the whole file (VACUUM). It
// must be set before WAL mode, which fixes the size of a new file.
const pageSize = 16 << 10

// Option adjusts how Open opens a database whose pages are pageSize bytes.
type Option func(pragmas []string, pageSize int) []string

// MaxSize caps the database file at about bytes (0: no cap). A write that
// would grow it further fails as on a full disk, and its transaction
// changes nothing: an operator's bound on the disk the catalogue may take.
func MaxSize(bytes int64) Option {
	return func(pragmas []string, pageSize int) []string {
		if bytes <= 0 {
			return pragmas
		}
		// SQLite caps the pages; the cap never goes below the current size.
		return append(pragmas, fmt.Sprintf("max_page_count(%d)", max(bytes/int64(pageSize), 1)))
	}
}

// BusyTimeout is how long a connection waits for another's write to end
// before its own write fails with SQLITE_BUSY (10 s unless set).
func BusyTimeout(d time.Duration) Option {
	return func(pragmas []string, _ int) []string { return setPragma(pragmas, "busy_timeout", d.Milliseconds()) }
}

// MapSize is how much of the file is read through a memory map (none
// unless set, see mmapSize). Mapped, a page of hits read from the store
// costs about a third less (BenchmarkPageOfHits), and the pages the
// searches read count in the service's resident size (a read of every
// offering lets go of its own, see EachOffering).
func MapSize(bytes int64) Option {
	return func(pragmas []string, _ int) []string { return setPragma(pragmas, "mmap_size", bytes) }
}

// setPragma sets pragma name to value in pragmas, in place of its default.
func setPragma(pragmas []string, name string, value int64) []string {
	return append(slices.DeleteFunc(pragmas, func(p string) bool { return strings.HasPrefix(p, name+"(") }),
		fmt.Sprintf("%s(%d)", name, value))
}

// Open opens (creating if needed) the database at path and migrates it.
// Pragmas are in the DSN so that every pooled connection gets them.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	q := url.Values{}
	pragmas := []string{"page_size(" + strconv.Itoa(pageSize) + ")", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)", "mmap_size(" + strconv.Itoa(mmapSize) + ")"}
	size, err := filePageSize(path)
	if err != nil {
		return nil, err
	}
	for _, o := range opts {
		pragmas = o(pragmas, size)
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	// The driver runs the _pragma list in its own (sorted) order and
	// _journal_mode after it, so that page_size comes first.
	q.Set("_journal_mode", "WAL")
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
	d := &DB{Store: sqlstore.New(db, dialect), db: db}
	if err := d.Migrate(ctx, sqlstore.Migrations{FS: migrations, Table: "migrations"}); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// filePageSize is the page size of the database at path: its header's, or
// pageSize for a file not made yet.
func filePageSize(path string) (int, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return pageSize, nil
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	defer f.Close()
	// The header's bytes 16-17, big-endian; 1 stands for 65536
	// (https://www.sqlite.org/fileformat.html#the_database_header).
	var h [18]byte
	if _, err := io.ReadFull(f, h[:]); errors.Is(err, io.EOF) {
		return pageSize, nil // empty: SQLite makes it new
	} else if err != nil {
		return 0, fmt.Errorf("sqlite: %s: not a database: %w", path, err)
	}
	if n := int(binary.BigEndian.Uint16(h[16:])); n != 1 {
		return n, nil
	}
	return 1 << 16, nil
}

// EachOffering calls fn for every live offering, in id order. When the
// file is mapped (MapSize), it then lets go of the map through which it
// read them. A start reads the whole store twice this way (the facets, the
// coverage views): kept mapped, every page of the file stayed in the
// service's resident size, some 600 MB of a national store that the
// searches after it mostly do not read. The pages stay in the kernel's
// file cache; the connection maps the file again as it reads on.
func (d *DB) EachOffering(ctx context.Context, fn func(catalog.Offering) error) error {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: each offering: %w", err)
	}
	defer conn.Close()
	var size int64
	if err := conn.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&size); err != nil {
		return fmt.Errorf("sqlite: each offering: %w", err)
	}
	err = d.Store.EachOfferingOn(ctx, conn, fn)
	if size > 0 {
		// SQLite unmaps the file when the limit changes, and maps it
		// afresh, untouched, at the next read under the old limit.
		for _, n := range []int64{0, size} {
			if _, perr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA mmap_size="+strconv.FormatInt(n, 10)); perr != nil && err == nil {
				err = fmt.Errorf("sqlite: each offering: %w", perr)
			}
		}
	}
	return err
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

var _ catalog.Store = (*DB)(nil)
