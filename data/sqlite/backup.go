package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"kurskatalog/data/sqlstore"
)

// StoreInfo describes a store file: what a backup holds, or what a restore
// is about to put in place.
type StoreInfo struct {
	// Migration is the last migration applied: the store's schema version.
	Migration string
	// Records counts the sources' live records (an offering two sources
	// describe counts twice).
	Records int
	// LastRun is when the last successful run finished; zero if none did.
	LastRun time.Time
}

// Backup writes a consistent copy of the store at src to dest, replacing
// dest. It opens src without migrating or writing it and copies one read
// transaction's view (VACUUM INTO), so it runs beside a service that is
// writing the store. dest appears whole or not at all.
func Backup(ctx context.Context, src, dest string) (StoreInfo, error) {
	if _, err := os.Stat(src); err != nil {
		return StoreInfo{}, fmt.Errorf("sqlite: backup: no store: %w", err)
	}
	db, err := sql.Open("sqlite", "file:"+src+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return StoreInfo{}, fmt.Errorf("sqlite: backup: open %s: %w", src, err)
	}
	defer db.Close()
	return writeAtomically(ctx, dest, func(tmp string) error {
		// VACUUM INTO wants a missing or empty file: the temporary file is empty.
		if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
			return fmt.Errorf("sqlite: backup %s: %w", src, err)
		}
		return nil
	}, nil)
}

// Restore replaces the store at path with a copy of the file src, after
// checking that src is a store this version can open (Inspect). The store
// it replaces is kept as path + ".before-restore". No process may have the
// store open for writing: the caller makes sure.
func Restore(ctx context.Context, src, path string) (StoreInfo, error) {
	return writeAtomically(ctx, path, func(tmp string) error { return copyFile(src, tmp) },
		func() error { return checkpoint(ctx, path) })
}

// checkpoint folds the write-ahead log of the store at path (if any) into
// the file and keeps that file as path + ".before-restore". A WAL left next
// to the restored file would be replayed into it.
func checkpoint(ctx context.Context, path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	_, err = db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sqlite: checkpoint %s: %w", path, err)
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return fmt.Errorf("sqlite: %s-wal still holds changes: is the store open elsewhere?", path)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	keep := path + ".before-restore"
	if err := os.Remove(keep); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	// A hard link, not a rename: the store stays in place until the new
	// one replaces it in one step.
	if err := os.Link(path, keep); err != nil {
		return fmt.Errorf("sqlite: keep the replaced store: %w", err)
	}
	return nil
}

// writeAtomically has fill write a store into an empty temporary file next
// to dest, checks it, syncs it, calls beforeRename (when not nil) and
// renames it over dest.
func writeAtomically(ctx context.Context, dest string, fill func(tmp string) error, beforeRename func() error) (StoreInfo, error) {
	f, err := os.CreateTemp(filepath.Dir(dest), filepath.Base(dest)+".*.tmp")
	if err != nil {
		return StoreInfo{}, fmt.Errorf("sqlite: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp) // after the rename there is nothing left to remove
	if err := fill(tmp); err != nil {
		return StoreInfo{}, err
	}
	info, err := Inspect(ctx, tmp)
	if err != nil {
		return info, err
	}
	// Neither VACUUM INTO nor a copy syncs: without it a crash after the
	// rename could leave a store with missing pages.
	if err := syncFile(tmp); err != nil {
		return info, err
	}
	if beforeRename != nil {
		if err := beforeRename(); err != nil {
			return info, err
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		return info, fmt.Errorf("sqlite: %w", err)
	}
	return info, syncFile(filepath.Dir(dest))
}

// Inspect checks that the file at path is an undamaged catalogue store of a
// schema version this program knows, and describes it. It reads only.
func Inspect(ctx context.Context, path string) (StoreInfo, error) {
	if _, err := os.Stat(path); err != nil {
		return StoreInfo{}, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=query_only(1)&_pragma=busy_timeout(10000)")
	if err != nil {
		return StoreInfo{}, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&check); err != nil {
		return StoreInfo{}, fmt.Errorf("%s is not an SQLite database: %w", path, err)
	}
	if check != "ok" {
		return StoreInfo{}, fmt.Errorf("%s is damaged: %s", path, check)
	}
	applied, err := sqlstore.AppliedMigrations(ctx, db, "migrations")
	if err != nil || !slices.Contains(applied, "migrations/0001_init.sql") {
		return StoreInfo{}, fmt.Errorf("%s is not a Kurskatalog store (it has no record of its migrations)", path)
	}
	known, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return StoreInfo{}, err
	}
	for _, name := range applied {
		if !slices.Contains(known, name) {
			return StoreInfo{}, fmt.Errorf("%s was made by a newer Kurskatalog: its migration %s is unknown to this version", path, strings.TrimPrefix(name, "migrations/"))
		}
	}
	info := StoreInfo{Migration: strings.TrimPrefix(slices.Max(applied), "migrations/")}
	var last sqlstore.Time
	err = db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM records WHERE removed_at IS NULL),
		(SELECT max(finished) FROM runs WHERE status = 'ok')`).Scan(&info.Records, &last)
	if err != nil {
		return info, fmt.Errorf("%s: %w", path, err)
	}
	info.LastRun = last.Time
	return info, nil
}

func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncFile flushes a file, or a directory's entries, to the disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
