package main

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"

	"kurskatalog/crawler/gtfs"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/insights"
	"kurskatalog/data/postgres"
	"kurskatalog/data/sqlite"
)

// Both stores keep the searches and the bus travel times besides the
// catalogue (data/sqlstore); the app finds them by these interfaces.
var (
	_ insights.Store        = (*sqlite.DB)(nil)
	_ insights.Store        = (*postgres.DB)(nil)
	_ gtfs.Store            = (*sqlite.DB)(nil)
	_ gtfs.Store            = (*postgres.DB)(nil)
	_ coverage.TransitStore = (*sqlite.DB)(nil)
	_ coverage.TransitStore = (*postgres.DB)(nil)
)

// openStore opens the configured store, migrating it: SQLite in the data
// dir, or the PostgreSQL database of store:.
func openStore(ctx context.Context, cfg *Config, dataDir string) (catalog.Store, error) {
	if cfg.Store != "" {
		return postgres.Open(ctx, cfg.Store)
	}
	opts := []sqlite.Option{sqlite.MaxSize(int64(cfg.MaxDBMB * (1 << 20)))}
	if cfg.DBMapMB != nil {
		opts = append(opts, sqlite.MapSize(int64(*cfg.DBMapMB*(1<<20))))
	}
	return sqlite.Open(ctx, filepath.Join(dataDir, storeFile), opts...)
}

// validateStore checks store:, without its password in what it says.
func validateStore(store string, maxDBMB float64) error {
	if store == "" {
		return nil
	}
	u, err := url.Parse(store)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return fmt.Errorf("store: want postgres://user@host/database (unset: SQLite in the data dir)")
	}
	if maxDBMB != 0 {
		return fmt.Errorf("max_db_mb: caps SQLite's file; with store: PostgreSQL, set a quota on the server instead")
	}
	return nil
}

// pgDumpAdvice is what backup and restore say on a PostgreSQL store.
const pgDumpAdvice = "the store is PostgreSQL (store: in the config), which this command does not copy: " +
	"back it up with pg_dump -Fc and restore it with pg_restore; the search index in the data dir is rebuilt from it"
