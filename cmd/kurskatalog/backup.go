package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"kurskatalog/data/sqlite"
)

// storeFile and indexDir are the data dir's store and search index.
const (
	storeFile = "kurskatalog.db"
	indexDir  = "index.bleve"
)

// backupCommand copies the store to file while whatever else runs goes on:
// it opens SQLite only, never the search index a running serve holds.
func backupCommand(ctx context.Context, dataDir, file string, out io.Writer) error {
	info, err := sqlite.Backup(ctx, filepath.Join(dataDir, storeFile), file)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Backed up %s to %s: %s.\n", filepath.Join(dataDir, storeFile), file, describe(info))
	return nil
}

// restoreCommand puts the store in file in place of the data dir's, with
// no process on the data dir. The search index is removed first, so that
// whatever happens after it matches the store on disk: the next start
// rebuilds it from the restored store.
func restoreCommand(ctx context.Context, dataDir, file string, out io.Writer) error {
	if _, err := sqlite.Inspect(ctx, file); err != nil {
		return fmt.Errorf("nothing restored: %w", err)
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	lock, err := lockDataDir(dataDir, "restore")
	var inUse *inUseError
	if errors.As(err, &inUse) {
		return fmt.Errorf("%w: stop it (for example systemctl stop kurskatalog) and run restore again", inUse)
	}
	if err != nil {
		return err
	}
	defer lock.Close()
	if err := os.RemoveAll(filepath.Join(dataDir, indexDir)); err != nil {
		return fmt.Errorf("remove the search index: %w", err)
	}
	store := filepath.Join(dataDir, storeFile)
	info, err := sqlite.Restore(ctx, file, store)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Restored %s into %s: %s.\n", file, store, describe(info))
	fmt.Fprintf(out, "The search index is rebuilt from it when serve next starts (or run kurskatalog reindex).\n")
	if _, err := os.Stat(store + ".before-restore"); err == nil {
		fmt.Fprintf(out, "The store it replaced is kept as %s.before-restore.\n", store)
	}
	return nil
}

func describe(info sqlite.StoreInfo) string {
	last := "no successful run"
	if !info.LastRun.IsZero() {
		last = "last successful run " + info.LastRun.Local().Format("2006-01-02 15:04")
	}
	return fmt.Sprintf("%d records, %s, schema %s", info.Records, last, info.Migration)
}

// storeFileCommand runs backup or restore with its one FILE argument and
// returns the exit code.
func storeFileCommand(ctx context.Context, cmd, dataDir string, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintf(stderr, "kurskatalog %s: want one FILE argument, after the flags\n", cmd)
		return 2
	}
	run := backupCommand
	if cmd == "restore" {
		run = restoreCommand
	}
	if err := run(ctx, dataDir, args[0], stdout); err != nil {
		fmt.Fprintf(stderr, "kurskatalog %s: %v\n", cmd, err)
		return 1
	}
	return 0
}
