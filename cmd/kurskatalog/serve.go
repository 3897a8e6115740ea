package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"kurskatalog/data/catalog"
	"kurskatalog/server"
)

// serve opens the admin socket, imports the sources that have never run,
// whose last run was interrupted or whose offerings were mapped with older
// occupation tables, starts the scheduler and serves HTTP until
// ctx ends, then stops them all and waits for running imports. It listens
// first, so that /healthz answers and /readyz says 503 while a catalogue
// imports.
func (a *app) serve(ctx context.Context, addr string, out io.Writer) error {
	stopInsights, err := a.startInsights()
	if err != nil {
		return err
	}
	defer stopInsights() // after the HTTP server's shutdown: its last searches are written
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	var ready atomic.Bool
	srv := a.httpServer(ready.Load)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	defer srv.Close() // when returning before the graceful shutdown

	defer a.startAdmin(ctx)()
	if a.role == roleAPI {
		followCtx, stop := context.WithCancel(ctx)
		followed := make(chan struct{})
		go func() { defer close(followed); a.follow(followCtx) }()
		defer func() { stop(); <-followed }()
	} else if stop, err := a.importAndSchedule(ctx); err != nil {
		return err
	} else {
		defer stop()
	}

	now, _ := a.cfg.clock()
	start := time.Now()
	if err := a.ix.Prime(ctx, now()); err != nil {
		a.log.Warn("Search not primed", "error", err)
	}
	// Reading the store left garbage of a size with the catalogue; collected
	// now, the first collection does not take a core from the first users.
	runtime.GC()
	a.log.Info("Search primed", "duration_ms", time.Since(start).Milliseconds())
	ready.Store(true)
	// The coverage and occupation views read the whole store again (3 s at
	// 100,000 offerings): made after search is ready, so that a restart
	// serves searches that much sooner. A coverage page asked for meanwhile
	// waits for the same read.
	views := make(chan struct{})
	go func() {
		defer close(views)
		start := time.Now()
		a.afterRuns(ctx)
		a.log.Info("Coverage views made", "duration_ms", time.Since(start).Milliseconds())
	}()
	defer func() { <-views }() // before the store closes
	fmt.Fprintf(out, "Kurskatalog is serving on http://%s/\n", ln.Addr())
	a.log.Info("Serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Said at once: what follows (requests finishing, a running import,
	// saving the facets when they changed) may take seconds, or say nothing.
	a.log.Info("Stopping")
	return a.shutdown(ctx, srv)
}

// importAndSchedule imports the sources that never finished a run, then
// starts the schedule; stop waits for its running jobs.
func (a *app) importAndSchedule(ctx context.Context) (stop func(), err error) {
	pending, err := a.unfinished(ctx)
	if err != nil {
		return nil, err
	}
	if pending, err = a.remapPending(ctx, pending); err != nil {
		return nil, err
	}
	if len(pending) > 0 {
		a.log.Info("Importing the sources that never finished a run before serving", "sources", pending)
		if _, err := a.crawl(ctx, pending, nil); err != nil {
			// Serve what did import; the failed sources retry on schedule.
			a.log.Error("Initial import incomplete", "error", err)
		}
	}
	sched, err := a.schedule(ctx)
	if err != nil {
		return nil, err
	}
	a.cron = sched
	sched.Start()
	return func() { <-sched.Stop().Done() }, nil
}

// unfinished returns the sources that have never run, or whose last run a
// crash interrupted: they run at start, not at their next cron time. A
// source whose last run failed waits for its schedule, so that a source
// that is down does not hold up every start.
func (a *app) unfinished(ctx context.Context) ([]string, error) {
	runs, err := a.db.LatestRuns(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, j := range a.jobs {
		if r, ok := runs[j.id]; !ok || r.Status == catalog.RunInterrupted {
			ids = append(ids, j.id)
		}
	}
	return ids, nil
}

// schedule adds one cron entry per source with a schedule. A run that is
// still going when its next time comes is skipped, a panic is recovered and
// logged, and each run has the source's timeout.
func (a *app) schedule(ctx context.Context) (*cron.Cron, error) {
	logger := cron.PrintfLogger(slogPrintf{a})
	c := cron.New(cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)), cron.WithLocation(catalog.Stockholm))
	for i, sc := range a.cfg.Sources {
		if sc.Schedule == "" {
			continue
		}
		j := a.jobs[i]
		id, err := c.AddFunc(sc.Schedule, func() { a.runScheduled(ctx, j, time.Duration(sc.Timeout)) })
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", sc.ID, err)
		}
		a.entries[sc.ID] = id
	}
	return c, nil
}

func (a *app) runScheduled(ctx context.Context, j job, timeout time.Duration) {
	if ctx.Err() != nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if _, err := j.run(ctx); err != nil { // the run is recorded either way
		a.log.Error("Scheduled run failed", "source", j.id, "error", err)
	}
	a.afterRuns(ctx)
}

// slogPrintf lets cron log through slog.
type slogPrintf struct{ a *app }

func (l slogPrintf) Printf(format string, args ...any) {
	l.a.log.Info(fmt.Sprintf(format, args...), "component", "cron")
}

// SourceStatuses lists every configured source with its last run and, when
// the scheduler runs, its next one.
func (a *app) SourceStatuses(ctx context.Context) ([]catalog.SourceStatus, error) {
	runs, err := a.db.LatestRuns(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]catalog.SourceStatus, 0, len(a.cfg.Sources))
	for _, sc := range a.cfg.Sources {
		st := catalog.SourceStatus{ID: sc.ID, Kind: sc.Kind, URL: sc.URL, Snapshot: sc.Snapshot != "", Schedule: sc.Schedule}
		if r, ok := runs[sc.ID]; ok {
			st.LastRun = &r
			st.Healthy = r.Status == catalog.RunOK
		}
		if id, ok := a.entries[sc.ID]; ok && a.cron != nil {
			st.NextRun = a.cron.Entry(id).Next
		}
		out = append(out, st)
	}
	return out, nil
}

// handler is the HTTP interface over this app's store and index; ready
// tells it whether to take traffic (/readyz).
func (a *app) handler(ready func() bool) *server.Handler {
	return server.New(a.deps(ready))
}

// deps are what the HTTP interface and the MCP tools read: this app's
// store and index, on the configured clock.
func (a *app) deps(ready func() bool) server.Deps {
	now, asOf := a.cfg.clock()
	return server.Deps{Index: a.ix, Store: a.db, Sources: a, Coverage: a.db, Taxonomy: a.tax, Log: a.log,
		Now: now, DataAsOf: asOf, PublicURL: a.cfg.PublicURL, Limits: a.cfg.HTTP.limits(), Ready: ready,
		Insights: a.searchInsights()}
}
