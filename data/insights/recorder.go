package insights

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"kurskatalog/data/catalog"
)

// Recorder takes searches off the request path: Record puts a search in a
// bounded queue and returns at once; one goroutine drains the queue, adds
// up equal searches and writes them in batches. When the queue is full (the
// store is slow: an import holds its write lock) the search is dropped, and
// Record says so, rather than slowing a search down. The same goroutine
// deletes old weeks at start and daily.
type Recorder struct {
	store     Store
	few       int
	retention int
	now       func() time.Time
	log       *slog.Logger
	every     time.Duration // between writes while searches come in
	batch     int

	queue   chan catalog.SearchGroup
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
	closed  atomic.Bool
	started atomic.Bool
	version atomic.Uint64
}

// Options configure a Recorder; zero values take the defaults.
type Options struct {
	// Few: a search is recorded when it finds fewer courses (default 3).
	Few int
	// RetentionWeeks is how many weeks are kept, the current one included
	// (default 52).
	RetentionWeeks int
	Now            func() time.Time // default time.Now
	Log            *slog.Logger
	QueueSize      int           // searches waiting to be written (default 4096)
	BatchSize      int           // groups that make a write (default 256); more after a refused one
	FlushEvery     time.Duration // default 2s
}

// Defaults of Options.
const (
	DefaultFew            = 3
	DefaultRetentionWeeks = 52
)

// NewRecorder returns a recorder writing to store. Start starts it.
func NewRecorder(store Store, o Options) *Recorder {
	r := &Recorder{store: store, few: o.Few, retention: o.RetentionWeeks, now: o.Now, log: o.Log,
		every: o.FlushEvery, batch: o.BatchSize, stop: make(chan struct{}), done: make(chan struct{})}
	if r.few <= 0 {
		r.few = DefaultFew
	}
	if r.retention <= 0 {
		r.retention = DefaultRetentionWeeks
	}
	if r.now == nil {
		r.now = time.Now
	}
	if r.log == nil {
		r.log = slog.Default()
	}
	if r.every <= 0 {
		r.every = 2 * time.Second
	}
	if r.batch <= 0 {
		r.batch = 256
	}
	if o.QueueSize <= 0 {
		o.QueueSize = 4096
	}
	r.queue = make(chan catalog.SearchGroup, o.QueueSize)
	return r
}

// Few is the number of courses a recorded search found fewer of.
func (r *Recorder) Few() int { return r.few }

// Version changes whenever what is stored does: answers made from the
// store are tagged with it.
func (r *Recorder) Version() uint64 { return r.version.Load() }

// Record queues one search, stamped with the current ISO week, and reports
// whether it was queued: false when the queue is full or the recorder
// closed. It never blocks.
func (r *Recorder) Record(municipality, words, filters string, results int) bool {
	if r.closed.Load() {
		return false
	}
	g := catalog.SearchGroup{Municipality: municipality, Week: Week(r.now()), Words: NormaliseWords(words),
		Filters: filters, Searches: 1, Results: results}
	select {
	case r.queue <- g:
		return true
	default:
		return false
	}
}

// Published returns the groups of the last weeks weeks searched at least K
// times (Published).
func (r *Recorder) Published(ctx context.Context, municipality string, weeks int) ([]catalog.SearchGroup, error) {
	return Published(ctx, r.store, r.now(), municipality, weeks)
}

// Start deletes the weeks past the retention and starts the goroutine
// that writes the queue and prunes daily. It stops on Close, not with a
// context: the searches of the requests a shutdown lets finish must still
// be written.
func (r *Recorder) Start() {
	if r.started.CompareAndSwap(false, true) {
		go r.run()
	}
}

// Close stops taking searches, writes the ones queued and waits for that.
// A recorder never started writes nothing.
func (r *Recorder) Close() {
	r.once.Do(func() {
		r.closed.Store(true)
		close(r.stop)
	})
	if r.started.Load() {
		<-r.done
	}
}

func (r *Recorder) run() {
	defer close(r.done)
	r.Prune(context.Background())
	flush := time.NewTicker(r.every)
	defer flush.Stop()
	daily := time.NewTicker(24 * time.Hour)
	defer daily.Stop()
	pending := map[catalog.SearchGroup]int{} // by the group without counts: searches
	latest := map[catalog.SearchGroup]int{}  // and the latest result count
	var refused time.Time                    // when the store last refused a write
	write := func() {
		if !r.write(pending, latest) {
			refused = time.Now()
		}
	}
	add := func(g catalog.SearchGroup) {
		k := g
		k.Searches, k.Results = 0, 0
		pending[k] += g.Searches
		latest[k] = g.Results
		// After a refusal, the next try waits for the next tick rather
		// than holding up the queue behind a busy store.
		if len(pending) >= r.batch && time.Since(refused) >= r.every {
			write()
		}
	}
	for {
		select {
		case g := <-r.queue:
			add(g)
		case <-flush.C:
			write()
		case <-daily.C:
			r.Prune(context.Background())
		case <-r.stop:
			for {
				select {
				case g := <-r.queue:
					add(g)
				default:
					r.write(pending, latest)
					return
				}
			}
		}
	}
}

// keepRefused bounds, in batches, the groups a refused write keeps for the
// next: a store that refuses for long loses the counts it refused, not the
// service's memory.
const keepRefused = 16

// write stores the pending groups and empties them, and says whether the
// store took them. A batch the store refuses (busy with a national
// import's write, say) is logged and kept for the next write, up to
// keepRefused batches of groups.
func (r *Recorder) write(pending, latest map[catalog.SearchGroup]int) bool {
	if len(pending) == 0 {
		return true
	}
	batch := make([]catalog.SearchGroup, 0, len(pending))
	for k, n := range pending {
		g := k
		g.Searches, g.Results = n, latest[k]
		batch = append(batch, g)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.store.AddSearches(ctx, batch); err != nil {
		kept := len(pending) <= keepRefused*r.batch
		r.log.Error("Recording searches", "groups", len(batch), "kept", kept, "error", err)
		if !kept {
			clear(pending)
			clear(latest)
		}
		return false
	}
	clear(pending)
	clear(latest)
	r.version.Add(1)
	return true
}

// Prune deletes the weeks before the retention and, of the finished weeks,
// the groups below K, which can never be published. It returns how many
// groups it deleted.
func (r *Recorder) Prune(ctx context.Context) (int64, error) {
	now := r.now()
	n, err := r.store.PruneSearches(ctx, WeeksBack(now, r.retention), Week(now), K)
	if err != nil {
		r.log.Error("Deleting old searches", "error", err)
		return 0, err
	}
	if n > 0 {
		r.version.Add(1)
		r.log.Info("Deleted old searches", "groups", n)
	}
	return n, nil
}
