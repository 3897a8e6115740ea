package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"kurskatalog/crawler"
	"kurskatalog/crawler/progress"
	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
	"kurskatalog/index"
)

// app is the wired service: store, index, sources and the runner that
// connects them.
type app struct {
	cfg     *Config
	log     *slog.Logger
	db      *sqlite.DB
	ix      *index.Index
	runner  *crawler.Runner
	sources []crawler.Source
	// cron and entries are set while serving, for the next-run times.
	cron    *cron.Cron
	entries map[string]cron.EntryID
}

// openApp opens the store and index in dataDir, rebuilding the index from
// the store when it is new or was built with another mapping.
func openApp(ctx context.Context, cfg *Config, dataDir string, log *slog.Logger) (*app, error) {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(dataDir, "kurskatalog.db"))
	if err != nil {
		return nil, err
	}
	ix, fresh, err := index.Open(filepath.Join(dataDir, "index.bleve"))
	if err != nil {
		db.Close()
		return nil, err
	}
	a := &app{cfg: cfg, log: log, db: db, ix: ix, entries: map[string]cron.EntryID{},
		runner: &crawler.Runner{Store: db, Index: ix, Log: log, FullEvery: time.Duration(cfg.FullEvery), Margin: time.Hour}}
	if fresh {
		if err := a.reindex(ctx); err != nil {
			a.Close()
			return nil, err
		}
	}
	for _, sc := range cfg.Sources {
		src, err := newSource(cfg, sc)
		if err != nil {
			a.Close()
			return nil, err
		}
		a.sources = append(a.sources, src)
	}
	return a, nil
}

// Close closes the index and the store.
func (a *app) Close() error {
	return errors.Join(a.ix.Close(), a.db.Close())
}

func (a *app) reindex(ctx context.Context) error {
	start := time.Now()
	n, err := a.ix.Rebuild(ctx, a.db.EachOffering)
	if err != nil {
		return err
	}
	a.log.Info("Index rebuilt", "offerings", n, "duration_ms", time.Since(start).Milliseconds())
	return nil
}

// crawl runs the sources with the given ids (all when none) concurrently
// and returns their runs. Each source commits its own work; the error joins
// every source's failure. watch, when not nil, is told each source's
// progress counter before it starts.
func (a *app) crawl(ctx context.Context, ids []string, watch func(id string, c *progress.Counter)) ([]catalog.Run, error) {
	var chosen []crawler.Source
	for _, id := range ids {
		found := false
		for _, s := range a.sources {
			if s.ID() == id {
				chosen, found = append(chosen, s), true
			}
		}
		if !found {
			return nil, fmt.Errorf("no source with id %q", id)
		}
	}
	if len(ids) == 0 {
		chosen = a.sources
	}
	runs := make([]catalog.Run, len(chosen))
	errs := make([]error, len(chosen))
	var wg sync.WaitGroup
	for i, src := range chosen {
		counter := &progress.Counter{}
		if watch != nil {
			watch(src.ID(), counter)
		}
		wg.Go(func() {
			ctx := progress.With(ctx, counter)
			ctx, cancel := context.WithTimeout(ctx, a.timeout(src.ID()))
			defer cancel()
			runs[i], errs[i] = a.runner.Run(ctx, src)
			if errs[i] != nil {
				errs[i] = fmt.Errorf("%s: %w", src.ID(), errs[i])
			}
		})
	}
	wg.Wait()
	return runs, errors.Join(errs...)
}

func (a *app) timeout(id string) time.Duration {
	for _, sc := range a.cfg.Sources {
		if sc.ID == id {
			return time.Duration(sc.Timeout)
		}
	}
	return 30 * time.Minute
}
