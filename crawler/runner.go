package crawler

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/validation"
)

// Store is what a run needs from the catalogue's storage.
type Store interface {
	LastSuccess(ctx context.Context, source string) (any, full time.Time, err error)
	StartRun(ctx context.Context, source string, full bool) (catalog.Run, error)
	FinishRun(ctx context.Context, r *catalog.Run) error
	ApplyBatch(ctx context.Context, b *catalog.Batch) (catalog.ApplyResult, error)
	OfferingsByIDs(ctx context.Context, ids []string) ([]catalog.Offering, error)
	// Seq and ChangedSince let the index catch up with changes it missed.
	Seq(ctx context.Context) (store string, seq uint64, err error)
	ChangedSince(ctx context.Context, seq uint64) ([]string, error)
}

// BatchStore is a store that can write a batch while it is fetched.
type BatchStore interface {
	BeginBatch(ctx context.Context, source string, complete bool) (catalog.BatchWriter, error)
}

// Indexer is what a run needs from the search index.
type Indexer interface {
	Put(ctx context.Context, offerings []catalog.Offering) error
	Delete(ids []string) error
	// Applied and SetApplied read and record which store's changes, up to
	// which change sequence number, the index holds.
	Applied() (store string, seq uint64, err error)
	SetApplied(store string, seq uint64) error
}

// Occupations maps an offering to the occupations it prepares for.
type Occupations interface {
	Map(o catalog.Offering) []catalog.OccupationMatch
}

// Runner runs sources into the store and keeps the index in step. Fetches
// may run in parallel; applying a batch and indexing it is serialised, so
// the store and the index have one writer.
type Runner struct {
	Store Store
	Index Indexer
	// Occupations, when set, maps every offering to occupations before it
	// is stored, so that the matches are part of its content.
	Occupations Occupations
	Log         *slog.Logger
	// FullEvery forces a complete run when the last complete one is older,
	// so that changes an incremental feed cannot report (an info edited
	// without its events) and vanished records are caught up.
	FullEvery time.Duration
	// FullBefore forces a complete run of a source whose last complete run
	// started before it. Set to when the occupation tables changed, it makes
	// every source fetch and map all its offerings again, since an
	// incremental run maps only what the source changed.
	FullBefore time.Time
	// Margin is subtracted from the last run's start when asking for changes,
	// to cover clock skew between us and the source.
	Margin time.Duration
	// StreamAfter is how many offerings a fetch holds before the store
	// starts writing them while the rest is fetched (a Streamer source, a
	// BatchStore); zero means 50,000. Writing takes the database's write
	// lock until the run commits, and other writers wait for it: other
	// runs, their records included, wait for the runner's own lock (and
	// work given to Hold); the search log keeps what a busy database
	// refuses. Below this size a fetch ends first, and the lock is held
	// only while its batch is written. A national catalogue's batch is
	// written while its pages come.
	StreamAfter int

	write sync.Mutex
}

// Run runs src once and records the run. A failed fetch leaves everything
// the source imported before untouched.
func (r *Runner) Run(ctx context.Context, src Source) (catalog.Run, error) {
	log := r.logger().With("source", src.ID())
	last, lastFull, err := r.Store.LastSuccess(ctx, src.ID())
	if err != nil {
		return catalog.Run{}, err
	}
	var since time.Time
	if !last.IsZero() && !lastFull.IsZero() && (r.FullEvery <= 0 || time.Since(lastFull) < r.FullEvery) &&
		!lastFull.Before(r.FullBefore) {
		since = last.Add(-r.Margin)
	}
	// A run's record is written while no other run writes (Hold): a
	// national run holds the database's write lock for its whole fetch
	// (StreamAfter), longer than a connection waits for it, and another
	// source's record written then would fail with SQLITE_BUSY and lose
	// that run. It waits for the national run's commit instead.
	var run catalog.Run
	err = r.Hold(func() (err error) {
		run, err = r.Store.StartRun(ctx, src.ID(), since.IsZero())
		return err
	})
	if err != nil {
		return run, err
	}
	log.Info("Source run started", "incremental_since", since)

	var took steps
	err = r.fetchAndApply(ctx, src, since, &run, &took)
	run.Status = catalog.RunOK
	if err != nil {
		run.Status = catalog.RunFailed
		run.Error = err.Error()
		if errors.Is(ctx.Err(), context.Canceled) {
			// Stopped, not failed: the process is ending (a service's
			// shutdown, a crawl's Ctrl-C). The source runs again at the
			// next start, as after a crash, not only at its next time.
			run.Status = catalog.RunInterrupted
		}
	}
	// Record the outcome even when ctx was cancelled mid-run.
	if ferr := r.Hold(func() error { return r.Store.FinishRun(context.WithoutCancel(ctx), &run) }); ferr != nil {
		err = errors.Join(err, ferr)
	}
	attrs := []any{"status", run.Status, "fetched", run.Fetched, "added", run.Added, "changed", run.Changed,
		"removed", run.Removed, "skipped", run.Skipped, "duration_ms", run.Finished.Sub(run.Started).Milliseconds(),
		"fetch_ms", took.fetch.Milliseconds(), "mark_ms", took.mark.Milliseconds(),
		"store_ms", took.store.Milliseconds(), "index_ms", took.index.Milliseconds()}
	if err != nil {
		log.Error("Source run failed", append(attrs, "error", err)...)
	} else {
		log.Info("Source run finished", attrs...)
	}
	return run, err
}

// steps is how long the steps of a run took, for its log line: where a
// national run's minute goes.
type steps struct {
	fetch, mark, store, index time.Duration
}

func (r *Runner) fetchAndApply(ctx context.Context, src Source, since time.Time, run *catalog.Run, took *steps) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in source %s: %v", src.ID(), p)
		}
	}()
	// Applying and indexing have one writer at a time: the lock is taken
	// when the store is first written to, and held until the index
	// follows.
	locked := false
	lock := func() {
		if !locked {
			r.write.Lock()
			locked = true
		}
	}
	defer func() {
		if locked {
			r.write.Unlock()
		}
	}()
	var (
		batch *catalog.Batch
		res   catalog.ApplyResult
	)
	streamer, canStream := src.(Streamer)
	store, canWrite := r.Store.(BatchStore)
	if canStream && canWrite {
		batch, res, err = r.stream(ctx, src.ID(), streamer, store, since, took, lock)
	} else {
		batch, res, err = r.whole(ctx, src, since, took, lock)
	}
	if batch != nil {
		run.Full = batch.Complete
		run.Fetched, run.Filtered, run.Skipped = batch.Fetched, batch.Filtered, len(batch.Skipped)
		run.Reasons = skipReasons(batch.Skipped)
	}
	if err != nil {
		return err // rolled back: the run changed nothing
	}
	// The store has committed: the run succeeded, whatever happens to the
	// index, and the run's deadline or a shutdown must not stop the index
	// half-way. An index that falls behind anyway (a full disk) catches up
	// with the store on the next run or start, by the change sequence.
	run.Added, run.Changed, run.Removed = len(res.Added), len(res.Changed), len(res.Removed)
	if s, ok := src.(StateSaver); ok {
		// The state only spares the next run requests: without it the
		// next run asks for more, so it is no reason to fail this one.
		if err := s.SaveState(ctx); err != nil {
			r.logger().Warn("Source state not saved", "source", src.ID(), "error", err)
		}
	}
	r.logger().Debug("Batch stored; indexing it", "source", src.ID(), "seq", res.Seq)
	start := time.Now()
	err = r.follow(context.WithoutCancel(ctx), res)
	took.index = time.Since(start)
	if err != nil {
		r.logger().Error("Index behind the store; it catches up on the next run or start", "source", src.ID(), "error", err)
	}
	return nil
}

// whole fetches src's batch, then marks and stores it whole.
func (r *Runner) whole(ctx context.Context, src Source, since time.Time, took *steps, lock func()) (*catalog.Batch, catalog.ApplyResult, error) {
	start := time.Now()
	batch, err := src.Fetch(ctx, since)
	took.fetch = time.Since(start)
	if err != nil {
		return nil, catalog.ApplyResult{}, err
	}
	if batch.Source == "" {
		batch.Source = src.ID()
	}
	start = time.Now()
	r.mark(batch.Offerings)
	took.mark = time.Since(start)
	lock()
	start = time.Now()
	res, err := r.Store.ApplyBatch(ctx, batch)
	took.store = time.Since(start)
	return batch, res, err
}

// streamAfter is the default of Runner.StreamAfter.
const streamAfter = 50_000

// stream stores src's offerings part by part as they are fetched, once
// there are more than StreamAfter, in one transaction that commits when
// the fetch has ended well: a national source's store writes while its
// next pages come, instead of after. The steps' times are the runner's
// own: fetching is the time it waited for the source.
func (r *Runner) stream(ctx context.Context, id string, src Streamer, store BatchStore, since time.Time, took *steps, lock func()) (*catalog.Batch, catalog.ApplyResult, error) {
	var (
		w       catalog.BatchWriter
		held    [][]catalog.Offering // fetched, not yet written
		skips   [][]catalog.Skip
		holding int
	)
	defer func() {
		if w != nil {
			w.Abort() // after Finish, nothing to undo
		}
	}()
	write := func() error {
		if w == nil {
			lock()
			var err error
			if w, err = store.BeginBatch(ctx, id, since.IsZero()); err != nil {
				return err
			}
		}
		start := time.Now()
		defer func() { took.store += time.Since(start) }()
		for i := range held {
			if err := w.Put(ctx, held[i], skips[i]); err != nil {
				return err
			}
		}
		held, skips, holding = nil, nil, 0
		return nil
	}
	start := time.Now()
	var own time.Duration // spent in each: marking and storing
	batch, err := src.FetchEach(ctx, since, func(offerings []catalog.Offering, skipped []catalog.Skip) error {
		t := time.Now()
		defer func() { own += time.Since(t) }()
		r.mark(offerings)
		took.mark += time.Since(t)
		held, skips, holding = append(held, offerings), append(skips, skipped), holding+len(offerings)
		if w == nil && holding <= cmp.Or(r.StreamAfter, streamAfter) {
			return nil
		}
		return write()
	})
	took.fetch = time.Since(start) - own
	if err == nil {
		err = write() // what is held; a batch without offerings still removes
	}
	if err != nil {
		return nil, catalog.ApplyResult{}, err
	}
	if batch.Source == "" {
		batch.Source = id
	}
	start = time.Now()
	res, err := w.Finish(ctx, batch)
	took.store += time.Since(start)
	return batch, res, err
}

// mark marks validation and maps occupations, on every core.
func (r *Runner) mark(offerings []catalog.Offering) {
	eachParallel(offerings, func(o *catalog.Offering) {
		// A source may mark validation itself; the words of any source
		// mark it too (data/validation).
		o.Validation = o.Validation || validation.Offered(o)
		if r.Occupations != nil {
			o.Occupations = r.Occupations.Map(*o)
		}
	})
}

// follow brings the index up to the store after an apply: the batch's own
// changes when the index was in step before it, else every change the
// index has missed.
func (r *Runner) follow(ctx context.Context, res catalog.ApplyResult) error {
	store, from, err := r.Index.Applied()
	if err != nil {
		return err
	}
	if from == res.Seq {
		return nil
	}
	changed := len(res.Added)+len(res.Changed)+len(res.Removed) > 0
	if !changed || from != res.Seq-1 {
		_, err := r.catchUp(ctx)
		return err
	}
	if err := r.reindex(ctx, slices.Concat(res.Added, res.Changed, res.Removed), res.Stored); err != nil {
		return err
	}
	return r.Index.SetApplied(store, res.Seq)
}

// CatchUp re-indexes the offerings the store changed since the index last
// applied a change, and returns how many. The caller has checked that the
// index was built from this store (or rebuilds it instead).
func (r *Runner) CatchUp(ctx context.Context) (int, error) {
	r.write.Lock()
	defer r.write.Unlock()
	return r.catchUp(ctx)
}

func (r *Runner) catchUp(ctx context.Context) (int, error) {
	store, seq, err := r.Store.Seq(ctx)
	if err != nil {
		return 0, err
	}
	_, from, err := r.Index.Applied()
	if err != nil {
		return 0, err
	}
	if from == seq {
		return 0, nil
	}
	if from > seq {
		return 0, fmt.Errorf("index has change %d, the store only %d: rebuild the index", from, seq)
	}
	ids, err := r.Store.ChangedSince(ctx, from)
	if err != nil {
		return 0, err
	}
	if err := r.reindex(ctx, ids, nil); err != nil {
		return 0, err
	}
	return len(ids), r.Index.SetApplied(store, seq)
}

// Hold runs fn while no batch is being applied and no run is being
// recorded: for work that needs the store and the index to hold still (a
// full reindex of a live index), or that writes the store beside the runs.
func (r *Runner) Hold(fn func() error) error {
	r.write.Lock()
	defer r.write.Unlock()
	return fn()
}

// reindex puts the offerings with the given ids (merged over all sources)
// and deletes those that no source has any more. stored holds some of them
// as the apply that wrote them returned them (catalog.ApplyResult.Stored);
// the others are read back.
func (r *Runner) reindex(ctx context.Context, ids []string, stored []catalog.Offering) error {
	alive := make(map[string]bool, len(ids))
	for i := range stored {
		alive[stored[i].ID] = true
	}
	rest := ids
	if len(stored) > 0 {
		rest = make([]string, 0, max(len(ids)-len(stored), 0))
		for _, id := range ids {
			if !alive[id] {
				rest = append(rest, id)
			}
		}
	}
	live, err := r.Store.OfferingsByIDs(ctx, rest)
	if err != nil {
		return err
	}
	for _, o := range live {
		alive[o.ID] = true
	}
	var gone []string
	for _, id := range rest {
		if !alive[id] {
			gone = append(gone, id)
		}
	}
	for _, put := range [][]catalog.Offering{stored, live} {
		if len(put) == 0 {
			continue
		}
		if err := r.Index.Put(ctx, put); err != nil {
			return err
		}
	}
	if len(gone) > 0 {
		return r.Index.Delete(gone)
	}
	return nil
}

func (r *Runner) logger() *slog.Logger {
	if r.Log == nil {
		return slog.Default()
	}
	return r.Log
}

// skipReasons counts skipped records by reason.
func skipReasons(skips []catalog.Skip) map[string]int {
	if len(skips) == 0 {
		return nil
	}
	m := map[string]int{}
	for _, s := range skips {
		m[s.Reason]++
	}
	return m
}

// eachParallel calls fn on every offering, on all cores: reading an
// offering's words to mark validation and map occupations takes some 60 µs,
// a few seconds of a national run on one core. fn must only change the
// offering it is given. A panic in fn is raised again in the caller, where
// the run's recover turns it into a failed run.
func eachParallel(offerings []catalog.Offering, fn func(*catalog.Offering)) {
	workers := min(runtime.GOMAXPROCS(0), len(offerings)/256+1)
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		once     sync.Once
		panicked any
	)
	for range workers {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					once.Do(func() { panicked = p })
				}
			}()
			for {
				end := int(next.Add(256))
				start := end - 256
				if start >= len(offerings) {
					return
				}
				for i := start; i < min(end, len(offerings)); i++ {
					fn(&offerings[i])
				}
			}
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
