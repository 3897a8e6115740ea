package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"kurskatalog/data/occupation"
)

// tablesFile records, in the data directory, the version of the occupation
// tables the stored offerings are being mapped with and when the service
// first ran with it.
const tablesFile = "occupation-tables"

// followTables makes every source import completely once after the
// occupation tables changed: offerings are mapped when they are imported,
// and an incremental run maps only what its source changed, so without it
// stored offerings would keep the old mapping.
func (a *app) followTables() error {
	version, err := occupation.TablesVersion()
	if err != nil {
		return err
	}
	since, changed, err := tablesChangedAt(a.dataDir, version, time.Now())
	if err != nil {
		return err
	}
	if changed {
		a.log.Info("Occupation tables changed; every source imports completely to map its offerings again",
			"version", version)
	}
	a.runner.FullBefore = since
	return nil
}

// tablesChangedAt returns when the service using dataDir first ran with
// this version of the tables, recording it when the version is new (a
// missing or unreadable record counts as new).
func tablesChangedAt(dataDir, version string, now time.Time) (since time.Time, changed bool, err error) {
	path := filepath.Join(dataDir, tablesFile)
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return time.Time{}, false, fmt.Errorf("occupation tables record: %w", err)
	}
	if v, at, ok := strings.Cut(strings.TrimSpace(string(b)), " "); ok && v == version {
		if t, err := time.Parse(time.RFC3339, at); err == nil {
			return t, false, nil
		}
	}
	// Not truncated to the second: a run that started earlier in the same
	// second mapped with the old tables, and must count as older.
	now = now.UTC()
	if err := os.WriteFile(path, []byte(version+" "+now.Format(time.RFC3339Nano)+"\n"), 0o644); err != nil {
		return time.Time{}, false, fmt.Errorf("occupation tables record: %w", err)
	}
	return now, true, nil
}

// remapPending adds to pending the sources whose last complete run is
// older than the occupation tables: they import before the service serves,
// like the ones that never finished, so that the occupation filter and
// pages do not answer from a mix of old and new mappings.
func (a *app) remapPending(ctx context.Context, pending []string) ([]string, error) {
	for _, j := range a.jobs {
		last, full, err := a.db.LastSuccess(ctx, j.id)
		if err != nil {
			return nil, err
		}
		if !last.IsZero() && full.Before(a.runner.FullBefore) && !slices.Contains(pending, j.id) {
			pending = append(pending, j.id)
		}
	}
	return pending, nil
}
