package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"kurskatalog/crawler"
	"kurskatalog/crawler/progress"
	"kurskatalog/data/catalog"
	"kurskatalog/data/insights"
	"kurskatalog/data/occupation"
	"kurskatalog/index"
	"kurskatalog/server"
)

// app is the wired service: store, index, the configured sources as jobs,
// and the runner that connects offering sources to store and index.
type app struct {
	cfg    *Config
	log    *slog.Logger
	db     catalog.Store
	ix     *index.Index
	tax    *occupation.Taxonomy
	runner *crawler.Runner
	jobs   []job // one per configured source, in configuration order

	dataDir string // holds the store, the index, the lock and the admin socket
	// cron and entries are set while serving, for the next-run times.
	cron    *cron.Cron
	entries map[string]cron.EntryID
	// insights records searches while serving when enabled (insights.go).
	insights *insights.Recorder
	// rebuilt says that opening rebuilt the index from the store: a
	// reindex command has nothing left to do.
	rebuilt bool
	// site is the HTTP handler while serving, whose views of the whole
	// catalogue are made again after each run (afterRuns).
	site *server.Handler
	// role is roleWriter, roleAPI or roleIndex; release gives back the
	// store's writer lock.
	role    string
	release func()
	// savedAfterRuns is when serve last saved the facet engine after its
	// runs (saveFacetsAfterRuns); its mutex lets one save at a time.
	savedAfterRuns struct {
		sync.Mutex
		at time.Time
	}
}

// job is one configured source as crawl and the scheduler see it: offering
// sources run through the runner, demand sources import into the store.
type job struct {
	id   string
	kind string
	run  func(ctx context.Context) (catalog.Run, error)
}

// openApp opens the store and index in dataDir, which the caller has
// locked (lockDataDir). The index is rebuilt from the store when it is new,
// damaged, built with another mapping or from another store, and caught up
// when it is behind the store (a crash between the store's commit and the
// index's write). Runs a crash left running are marked interrupted.
// searches says whether the app answers searches (serve), and so needs the
// facet engine.
//
// role says what the process does with a store it may share with other
// machines (PostgreSQL): roleWriter imports (it waits for the store's
// writer lock, and then marks the runs left running as interrupted),
// roleAPI only reads and follows the store, roleIndex (reindex) writes
// only its own index.
func openApp(ctx context.Context, cfg *Config, dataDir string, log *slog.Logger, searches bool, role string) (*app, error) {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	db, err := openStore(ctx, cfg, dataDir)
	if err != nil {
		return nil, err
	}
	ix, fresh, err := index.Open(filepath.Join(dataDir, "index.bleve"))
	if err != nil {
		db.Close()
		return nil, err
	}
	tax, err := occupation.Load()
	if err != nil {
		ix.Close()
		db.Close()
		return nil, err
	}
	mapper, err := occupation.DefaultMapper()
	if err != nil {
		ix.Close()
		db.Close()
		return nil, err
	}
	ix.SetOccupationNames(func(code string) string { return tax.Label(code).SV })
	a := &app{cfg: cfg, dataDir: dataDir, log: log, db: db, ix: ix, tax: tax, entries: map[string]cron.EntryID{},
		runner: &crawler.Runner{Store: db, Index: ix, Log: log, Occupations: mapper,
			FullEvery: time.Duration(cfg.FullEvery), Margin: time.Hour}}
	if err := a.followTables(); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.reconcile(ctx, fresh, searches); err != nil {
		a.Close()
		return nil, err
	}
	a.role = role
	if err := a.takeWrites(ctx); err != nil {
		a.Close()
		return nil, err
	}
	if role == roleAPI {
		return a, nil // no sources: it never imports
	}
	for _, sc := range cfg.Sources {
		j, err := a.newJob(sc)
		if err != nil {
			a.Close()
			return nil, err
		}
		a.jobs = append(a.jobs, j)
	}
	return a, nil
}

// Close saves the facet engine for the next start (see loadFacets), then
// closes the index and the store.
func (a *app) Close() error {
	if a.release != nil {
		a.release()
	}
	a.saveFacets("at the stop")
	return errors.Join(a.ix.Close(), a.db.Close())
}

// reconcile makes the index agree with the store. The Bleve index is on
// disk, the facet engine in memory: a rebuild fills both, an index that is
// kept gets its engine from the store (when searches needs it: an import or
// a reindex never reads the engine, and reading the whole store into it
// takes longer than importing a day's changes) and then catches up with
// the changes it missed.
func (a *app) reconcile(ctx context.Context, fresh, searches bool) error {
	store, seq, err := a.db.Seq(ctx)
	if err != nil {
		return err
	}
	ixStore, ixSeq, err := a.ix.Applied()
	if err != nil {
		return err
	}
	if fresh || ixStore != store || ixSeq > seq {
		if !fresh {
			a.log.Warn("Index not built from this store's changes; rebuilding it", "index_store", ixStore,
				"index_seq", ixSeq, "store", store, "store_seq", seq)
		}
		a.rebuilt = true
		return a.reindex(ctx)
	}
	if searches {
		if err := a.loadFacets(ctx); err != nil {
			return err
		}
	}
	if ixSeq == seq {
		return nil
	}
	start := time.Now()
	n, err := a.runner.CatchUp(ctx)
	if err != nil {
		return fmt.Errorf("index: catch up: %w", err)
	}
	a.log.Info("Index caught up with the store", "offerings", n, "from_seq", ixSeq, "to_seq", seq,
		"duration_ms", time.Since(start).Milliseconds())
	return nil
}

// loadFacets fills the facet engine: from what the last process saved when
// it still fits the index, else from every offering of the store.
func (a *app) loadFacets(ctx context.Context) error {
	start := time.Now()
	err := a.ix.LoadSavedFacets()
	if err == nil {
		a.log.Info("Facets loaded", "from", "saved", "duration_ms", time.Since(start).Milliseconds())
		return nil
	}
	if errors.Is(err, index.ErrNotSaved) {
		a.log.Info("Loading the facets from the store", "reason", err)
	} else {
		a.log.Warn("Saved facets not used; loading them from the store", "error", err)
	}
	start = time.Now()
	if err := a.ix.LoadFacets(ctx, a.db.EachOffering); err != nil {
		return err
	}
	a.log.Info("Facets loaded", "from", "store", "duration_ms", time.Since(start).Milliseconds())
	return nil
}

// reindex rebuilds the index from the store, from empty. Only a process
// without searches running may: serve refreshes instead (refresh).
func (a *app) reindex(ctx context.Context) error {
	start := time.Now()
	// The process owns the data dir and runs nothing yet: the store holds
	// still between reading its sequence and its offerings.
	store, seq, err := a.db.Seq(ctx)
	if err != nil {
		return err
	}
	a.log.Info("Rebuilding the search index from the store", "seq", seq)
	n, err := a.ix.Rebuild(ctx, a.db.EachOffering)
	if err != nil {
		return err
	}
	// Recorded last: an index killed mid-rebuild has no store and is
	// rebuilt again at the next start.
	if err := a.ix.SetApplied(store, seq); err != nil {
		return err
	}
	a.log.Info("Index rebuilt", "offerings", n, "seq", seq, "duration_ms", time.Since(start).Milliseconds())
	return nil
}

// refresh re-indexes every offering of the store into the live index, while
// serve answers searches, and returns how many. Imports wait meanwhile.
func (a *app) refresh(ctx context.Context) (int, error) {
	start := time.Now()
	var n int
	err := a.runner.Hold(func() error {
		store, seq, err := a.db.Seq(ctx)
		if err != nil {
			return err
		}
		if n, err = a.ix.Refresh(ctx, a.db.EachOffering); err != nil {
			return err
		}
		return a.ix.SetApplied(store, seq)
	})
	if err != nil {
		return n, err
	}
	a.log.Info("Index refreshed", "offerings", n, "duration_ms", time.Since(start).Milliseconds())
	return n, nil
}

// crawl runs the sources with the given ids (all when none) concurrently
// and returns their runs. Each source commits its own work; the error joins
// every source's failure. watch, when not nil, is told each source's
// progress counter before it starts; the counter is finished when it ends.
func (a *app) crawl(ctx context.Context, ids []string, watch func(id string, c *progress.Counter)) ([]catalog.Run, error) {
	if a.role == roleAPI {
		return nil, errors.New("this serve is --role api, which never imports: run crawl on the crawler's machine")
	}
	var chosen []job
	for _, id := range ids {
		i := slices.IndexFunc(a.jobs, func(j job) bool { return j.id == id })
		if i < 0 {
			return nil, fmt.Errorf("no source with id %q", id)
		}
		chosen = append(chosen, a.jobs[i])
	}
	if len(ids) == 0 {
		chosen = a.jobs
	}
	runs := make([]catalog.Run, len(chosen))
	errs := make([]error, len(chosen))
	var wg sync.WaitGroup
	for i, j := range chosen {
		counter := &progress.Counter{}
		if watch != nil {
			watch(j.id, counter)
		}
		wg.Go(func() {
			ctx := progress.With(ctx, counter)
			ctx, cancel := context.WithTimeout(ctx, a.timeout(j.id))
			defer cancel()
			runs[i], errs[i] = j.run(ctx)
			counter.Finish(errs[i])
			if errs[i] != nil {
				errs[i] = fmt.Errorf("%s: %w", j.id, errs[i])
			}
		})
	}
	wg.Wait()
	a.afterRuns(ctx)
	return runs, errors.Join(errs...)
}

// afterRuns makes the most recent searches (index.Rewarm) and the served
// views of the whole catalogue (coverage, occupations) for the data the
// runs left, so that the first visitors after an import do not wait for
// them, and has the search index merge its segments when the runs left
// many (index.Compact). All are for a service: a crawl on its own leaves
// them to the next serve.
func (a *app) afterRuns(ctx context.Context) {
	if a.site == nil || ctx.Err() != nil {
		return
	}
	// In the background: at 270,000 offerings a merge takes seconds,
	// which the run that asked for it need not wait for.
	a.ix.CompactLater(func(merged bool, took time.Duration, err error) {
		if err != nil {
			a.log.Warn("Search index not compacted", "error", err)
		} else if merged {
			a.log.Info("Search index compacted", "duration_ms", took.Milliseconds())
		}
	})
	// The searches asked last, first: they are what most visitors do.
	now, _ := a.cfg.clock()
	start := time.Now()
	if n, err := a.ix.Rewarm(ctx, now()); err != nil {
		a.log.Warn("Searches not worked out again after the run", "error", err)
	} else if n > 0 {
		a.log.Info("Searches worked out again after the run", "searches", n, "duration_ms", time.Since(start).Milliseconds())
	}
	if err := a.site.Prime(ctx); err != nil {
		a.log.Warn("Coverage views not made after the run; the first request makes them", "error", err)
	}
	a.saveFacetsAfterRuns()
}

// facetsSaveInterval spaces the saves after runs: a replica (--role api)
// follows every commit of the crawler, one per source, and a save costs
// 1.6 s of a core at 270,000 offerings. A start after a crash within it
// reads the store, as before; a stop always saves.
const facetsSaveInterval = 10 * time.Minute

func (a *app) saveFacetsAfterRuns() {
	s := &a.savedAfterRuns
	s.Lock()
	defer s.Unlock()
	if time.Since(s.at) < facetsSaveInterval {
		return
	}
	if a.saveFacets("after the runs") { // an unchanged engine is not saved and does not count
		s.at = time.Now()
	}
}

// saveFacets saves the facet engine for the next start when it changed
// since it was loaded or saved. Serve saves after its runs as well as at a
// stop, so that a service that is killed or crashes starts from its last
// run's engine instead of reading the store (at 270,000 offerings 2.3 s
// against 8-13 s). Held: the file names the store's changes that the index
// has applied, so no run may write while it is written (1.6 s at that size).
func (a *app) saveFacets(when string) (saved bool) {
	start := time.Now()
	err := a.runner.Hold(func() (err error) {
		saved, err = a.ix.SaveFacets()
		return err
	})
	switch {
	case err != nil:
		// The next start reads the store instead: slower, not wrong.
		a.log.Warn("Facets not saved", "when", when, "error", err)
	case saved:
		a.log.Info("Facets saved", "when", when, "duration_ms", time.Since(start).Milliseconds())
	}
	return saved
}

func (a *app) timeout(id string) time.Duration {
	for _, sc := range a.cfg.Sources {
		if sc.ID == id {
			return time.Duration(sc.Timeout)
		}
	}
	return 30 * time.Minute
}
