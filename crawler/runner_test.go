package crawler_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kurskatalog/crawler"
	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
	"kurskatalog/index"
)

// scripted is a source whose next answer the test decides.
type scripted struct {
	batch  *catalog.Batch
	err    error
	panics bool
	since  []time.Time
	delay  time.Duration // how long the source takes to answer
}

func (s *scripted) ID() string { return "lärcentrum-ragunda" }

func (s *scripted) Fetch(_ context.Context, since time.Time) (*catalog.Batch, error) {
	s.since = append(s.since, since)
	time.Sleep(s.delay)
	if s.panics {
		panic("selector returned nil")
	}
	if s.err != nil {
		return nil, s.err
	}
	b := *s.batch
	return &b, nil
}

func course(id, title string) catalog.Offering {
	return catalog.Offering{ID: id, Title: title, SchoolType: "STF", Mode: catalog.ModeOnsite,
		Municipalities: []string{"2303"}, Provider: catalog.Provider{Name: "Lärcentrum Ragunda"}}
}

func newRunner(t *testing.T, opts ...sqlite.Option) (*crawler.Runner, *sqlite.DB, *index.Index) {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	ix, _, err := index.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close(); db.Close() })
	return &crawler.Runner{Store: db, Index: ix, FullEvery: 24 * time.Hour, Margin: time.Hour}, db, ix
}

func indexed(t *testing.T, ix *index.Index) int {
	t.Helper()
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestFailedRunKeepsData(t *testing.T) {
	ctx := context.Background()
	r, db, ix := newRunner(t)
	src := &scripted{batch: &catalog.Batch{Complete: true, Offerings: []catalog.Offering{
		course("html.ragunda.truck", "Truckkort A+B"), course("html.ragunda.hlr", "Hjärt- och lungräddning (HLR)")}}}
	if run, err := r.Run(ctx, src); err != nil || run.Added != 2 {
		t.Fatalf("first run: %+v %v", run, err)
	}

	for _, tt := range []struct {
		name string
		set  func()
	}{
		{"fetch error", func() { src.err = errors.New("GET https://www.ragunda.se/larcentrum/: status 503 after 4 attempts") }},
		{"panic in the adapter", func() { src.err, src.panics = nil, true }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.set()
			run, err := r.Run(ctx, src)
			if err == nil || run.Status != catalog.RunFailed || run.Error == "" {
				t.Fatalf("run %+v, err %v: want a recorded failure", run, err)
			}
			if n, _ := db.CountOfferings(ctx); n != 2 {
				t.Errorf("%d offerings in the store after a failed run, want 2", n)
			}
			if n := indexed(t, ix); n != 2 {
				t.Errorf("%d offerings indexed after a failed run, want 2", n)
			}
			latest, _ := db.LatestRuns(ctx)
			if latest[src.ID()].Status != catalog.RunFailed {
				t.Errorf("latest run %+v", latest[src.ID()])
			}
		})
	}
}

func TestRunsIncrementalAfterSuccess(t *testing.T) {
	ctx := context.Background()
	r, db, ix := newRunner(t)
	src := &scripted{batch: &catalog.Batch{Complete: true, Offerings: []catalog.Offering{course("a", "Motorsågskörkort"), course("b", "Skoterförarbevis")}}}
	if _, err := r.Run(ctx, src); err != nil {
		t.Fatal(err)
	}
	// The second run asks for changes since the first, less the margin, and
	// an incremental batch that names a removal removes only that.
	src.batch = &catalog.Batch{Removed: []string{"b"}}
	run, err := r.Run(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.since) != 2 || !src.since[0].IsZero() || src.since[1].IsZero() || time.Since(src.since[1]) < time.Hour {
		t.Errorf("since per run: %v", src.since)
	}
	if run.Full || run.Removed != 1 {
		t.Errorf("incremental run %+v", run)
	}
	if n, _ := db.CountOfferings(ctx); n != 1 {
		t.Errorf("store has %d, want 1", n)
	}
	if n := indexed(t, ix); n != 1 {
		t.Errorf("index has %d, want 1", n)
	}

	// Once FullEvery has passed since the last full run, the runner asks for
	// everything again.
	r.FullEvery = time.Nanosecond
	src.batch = &catalog.Batch{Complete: true, Offerings: []catalog.Offering{course("a", "Motorsågskörkort")}}
	if _, err := r.Run(ctx, src); err != nil {
		t.Fatal(err)
	}
	if !src.since[2].IsZero() {
		t.Errorf("run after FullEvery asked for changes since %v", src.since[2])
	}
}

// A change of the occupation tables (FullBefore) makes the next run
// complete, so that every offering is mapped again; the run after it is
// incremental again.
func TestRunsCompleteAfterTablesChanged(t *testing.T) {
	ctx := context.Background()
	r, _, _ := newRunner(t)
	src := &scripted{batch: &catalog.Batch{Complete: true, Offerings: []catalog.Offering{course("a", "Motorsågskörkort")}}}
	for range 2 {
		if _, err := r.Run(ctx, src); err != nil {
			t.Fatal(err)
		}
	}
	r.FullBefore = time.Now()
	for range 2 {
		if _, err := r.Run(ctx, src); err != nil {
			t.Fatal(err)
		}
	}
	got := []bool{}
	for _, s := range src.since {
		got = append(got, s.IsZero())
	}
	if want := []bool{true, false, true, false}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("complete per run %v, want %v", got, want)
	}
}

// savingSource is a scripted source that keeps state between runs.
type savingSource struct {
	scripted
	saved int
}

func (s *savingSource) SaveState(context.Context) error {
	s.saved++
	return nil
}

func TestStateSavedOnlyAfterApply(t *testing.T) {
	ctx := context.Background()
	r, _, _ := newRunner(t)
	src := &savingSource{scripted: scripted{batch: &catalog.Batch{Complete: true, Offerings: []catalog.Offering{course("a", "Motorsågskörkort")}}}}
	if _, err := r.Run(ctx, src); err != nil || src.saved != 1 {
		t.Fatalf("after a good run: err %v, saved %d times, want once", err, src.saved)
	}
	src.err = errors.New("GET https://www.ragunda.se/larcentrum/: status 503 after 4 attempts")
	if _, err := r.Run(ctx, src); err == nil || src.saved != 1 {
		t.Errorf("after a failed fetch: err %v, saved %d times, want still once", err, src.saved)
	}
}

// cancelAfterCommit is the store with the run's deadline passing just as
// its batch commits: the moment that used to leave the store changed, the
// index not, and the run recorded as failed.
type cancelAfterCommit struct {
	*sqlite.DB
	cancel context.CancelFunc
}

func (s cancelAfterCommit) ApplyBatch(ctx context.Context, b *catalog.Batch) (catalog.ApplyResult, error) {
	res, err := s.DB.ApplyBatch(ctx, b)
	s.cancel()
	return res, err
}

// A batch the store has committed is a successful run, and the index gets
// it all, whatever the run's context does after the commit.
func TestCommittedBatchIsIndexedPastTheDeadline(t *testing.T) {
	r, db, ix := newRunner(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r.Store = cancelAfterCommit{DB: db, cancel: cancel}
	src := &scripted{batch: &catalog.Batch{Complete: true, Offerings: []catalog.Offering{
		course("html.ragunda.truck", "Truckkort A+B"), course("html.ragunda.hlr", "Hjärt- och lungräddning (HLR)")}}}
	run, err := r.Run(ctx, src)
	if err != nil || run.Status != catalog.RunOK || run.Added != 2 {
		t.Fatalf("run %+v, %v: want ok with 2 added", run, err)
	}
	if n := indexed(t, ix); n != 2 {
		t.Errorf("%d offerings indexed, want 2", n)
	}
	assertInStep(t, db, ix)
}

// flakyIndex fails its next Put, as a full disk would.
type flakyIndex struct {
	*index.Index
	fail bool
}

func (f *flakyIndex) Put(ctx context.Context, offerings []catalog.Offering) error {
	if f.fail {
		f.fail = false
		return errors.New("write index.bleve/store/000000000002.zap: no space left on device")
	}
	return f.Index.Put(ctx, offerings)
}

// An index write that fails after the store committed does not fail the
// run; the index catches up with everything it missed on the next run, even
// one that changes nothing.
func TestIndexCatchesUpWithWhatItMissed(t *testing.T) {
	ctx := context.Background()
	r, db, ix := newRunner(t)
	flaky := &flakyIndex{Index: ix, fail: true}
	r.Index = flaky
	src := &scripted{batch: &catalog.Batch{Complete: true, Offerings: []catalog.Offering{
		course("a", "Motorsågskörkort"), course("b", "Skoterförarbevis")}}}
	if run, err := r.Run(ctx, src); err != nil || run.Status != catalog.RunOK {
		t.Fatalf("run %+v, %v: the store committed, so the run succeeded", run, err)
	}
	if n := indexed(t, ix); n != 0 {
		t.Fatalf("%d indexed after the failed index write", n)
	}
	if _, err := r.Run(ctx, src); err != nil {
		t.Fatal(err)
	}
	if n := indexed(t, ix); n != 2 {
		t.Errorf("%d indexed after the next run, want 2", n)
	}
	assertInStep(t, db, ix)
}

func assertInStep(t *testing.T, db *sqlite.DB, ix *index.Index) {
	t.Helper()
	_, seq, err := db.Seq(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, applied, err := ix.Applied(); err != nil || applied != seq {
		t.Errorf("index applied change %d (%v), store is at %d", applied, err, seq)
	}
}

// blocking is a source that waits for its context, as a fetch in flight
// does when its process stops or its time is up.
type blocking struct{}

func (blocking) ID() string { return "lärcentrum-ragunda" }

func (blocking) Fetch(ctx context.Context, _ time.Time) (*catalog.Batch, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("GET https://www.ragunda.se/larcentrum/: %w", ctx.Err())
}

// A run stopped because its process ends is interrupted, so that the next
// start runs the source again; a run out of time failed.
func TestStoppedRunIsInterrupted(t *testing.T) {
	r, db, _ := newRunner(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if run, err := r.Run(ctx, blocking{}); err == nil || run.Status != catalog.RunInterrupted {
		t.Errorf("stopped: status %q, %v; want interrupted", run.Status, err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if run, err := r.Run(ctx, blocking{}); err == nil || run.Status != catalog.RunFailed {
		t.Errorf("out of time: status %q, %v; want failed", run.Status, err)
	}
	runs, err := db.LatestRuns(context.Background())
	if err != nil || runs["lärcentrum-ragunda"].Status != catalog.RunFailed {
		t.Errorf("latest run %+v, %v: want the failed one recorded", runs["lärcentrum-ragunda"], err)
	}
}

// A run's log line says where its time went, step by step: what an
// operator reads when a national import takes long.
func TestRunLogsItsSteps(t *testing.T) {
	r, _, _ := newRunner(t)
	var logged bytes.Buffer
	r.Log = slog.New(slog.NewJSONHandler(&logged, nil))
	src := &scripted{delay: 60 * time.Millisecond, batch: &catalog.Batch{Complete: true, Offerings: []catalog.Offering{
		course("lc.1", "Svenska för invandrare"), course("lc.2", "Truckkort A")}}}
	if _, err := r.Run(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	var line map[string]any
	for l := range strings.SplitSeq(strings.TrimSpace(logged.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		if m["msg"] == "Source run finished" {
			line = m
		}
	}
	if line == nil {
		t.Fatalf("no line for the finished run in:\n%s", logged.String())
	}
	for _, step := range []string{"fetch_ms", "mark_ms", "store_ms", "index_ms"} {
		if _, ok := line[step].(float64); !ok {
			t.Errorf("finished run's line has no %s: %v", step, line)
		}
	}
	if fetch, _ := line["fetch_ms"].(float64); fetch < 60 || fetch > line["duration_ms"].(float64) {
		t.Errorf("fetch took %v ms of the run's %v ms; the source took 60 ms", line["fetch_ms"], line["duration_ms"])
	}
}

// paged is a source that hands over its offerings a page at a time
// (crawler.Streamer), and may fail after some pages.
type paged struct {
	pages  [][]catalog.Offering
	failAt int // the page whose turn fails; 0: none
	panics bool
}

func (p *paged) ID() string { return "lärcentrum-ragunda" }

func (p *paged) Fetch(ctx context.Context, since time.Time) (*catalog.Batch, error) {
	var all []catalog.Offering
	b, err := p.FetchEach(ctx, since, func(o []catalog.Offering, _ []catalog.Skip) error { all = append(all, o...); return nil })
	if err != nil {
		return nil, err
	}
	b.Offerings = all
	return b, nil
}

func (p *paged) FetchEach(_ context.Context, since time.Time, each func([]catalog.Offering, []catalog.Skip) error) (*catalog.Batch, error) {
	b := &catalog.Batch{Complete: since.IsZero()}
	for i, page := range p.pages {
		if i+1 == p.failAt {
			if p.panics {
				panic("selector returned nil")
			}
			return nil, errors.New("GET https://www.ragunda.se/larcentrum/?page=2: status 503 after 4 attempts")
		}
		b.Fetched += len(page)
		if err := each(slices.Clone(page), nil); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// A source that hands over its pages as it fetches them is stored while
// it fetches, past StreamAfter offerings; one that fails after some pages
// leaves the store and the index as they were, and the runner free for
// the next run, whether its pages were being written or only held.
func TestStreamedRunFailsWhole(t *testing.T) {
	for _, after := range []int{1, 0} {
		t.Run(fmt.Sprintf("stream after %d", after), func(t *testing.T) { testStreamedRunFailsWhole(t, after) })
	}
}

func testStreamedRunFailsWhole(t *testing.T, streamAfter int) {
	ctx := context.Background()
	r, db, ix := newRunner(t)
	r.StreamAfter = streamAfter
	src := &paged{pages: [][]catalog.Offering{{course("lc.truck", "Truckkort A+B"), course("lc.hlr", "HLR")},
		{course("lc.sfi", "Svenska för invandrare")}}}
	if run, err := r.Run(ctx, src); err != nil || run.Added != 3 || run.Fetched != 3 || !run.Full {
		t.Fatalf("first run: %+v %v", run, err)
	}
	src.pages = [][]catalog.Offering{{course("lc.truck", "Truckkort A"), course("lc.svets", "Svetsning")},
		{course("lc.sfi", "Svenska för invandrare")}}
	for _, panics := range []bool{false, true} {
		src.failAt, src.panics = 2, panics
		run, err := r.Run(ctx, src)
		if err == nil || run.Status != catalog.RunFailed {
			t.Fatalf("run failing at its second page (panic %v): %+v %v", panics, run, err)
		}
		if n, _ := db.CountOfferings(ctx); n != 3 {
			t.Errorf("%d offerings in the store after a failed run, want 3", n)
		}
		if o, err := db.FindOfferingByID(ctx, "lc.truck"); err != nil || o.Title != "Truckkort A+B" {
			t.Errorf("after a failed run: %v %v, want the title from before", o, err)
		}
		if n := indexed(t, ix); n != 3 {
			t.Errorf("%d offerings indexed after a failed run, want 3", n)
		}
	}
	src.failAt = 0
	if run, err := r.Run(ctx, src); err != nil || run.Added != 1 || run.Changed != 1 {
		t.Fatalf("run after the failed ones: %+v %v", run, err)
	}
	assertInStep(t, db, ix)
}

// gated is a paged source that stops before its second page until
// released, saying when it got there.
type gated struct {
	paged
	at, release chan struct{}
}

func (g *gated) ID() string { return "susa-navet" }

func (g *gated) FetchEach(ctx context.Context, since time.Time, each func([]catalog.Offering, []catalog.Skip) error) (*catalog.Batch, error) {
	pages := 0
	return g.paged.FetchEach(ctx, since, func(o []catalog.Offering, s []catalog.Skip) error {
		if pages++; pages == 2 {
			close(g.at)
			<-g.release
		}
		return each(o, s)
	})
}

// A run that streams its batch holds the database's write lock until it
// commits, longer than a connection waits for it. Another source's run
// started meanwhile waits for the streaming run instead of failing with
// SQLITE_BUSY, and both end stored and indexed.
func TestRunBesideAStreamingRun(t *testing.T) {
	ctx := context.Background()
	r, db, ix := newRunner(t, sqlite.BusyTimeout(50*time.Millisecond))
	r.StreamAfter = 1
	national := &gated{paged: paged{pages: [][]catalog.Offering{{course("e.1", "Svenska 1"), course("e.2", "Matematik 1a")},
		{course("e.3", "Engelska 5")}}}, at: make(chan struct{}), release: make(chan struct{})}
	first := make(chan error, 1)
	go func() { _, err := r.Run(ctx, national); first <- err }()
	<-national.at // its first page written: the lock is held
	second := make(chan error, 1)
	local := &scripted{batch: &catalog.Batch{Complete: true, Offerings: []catalog.Offering{course("lc.1", "Truckkort A")}}}
	go func() { _, err := r.Run(ctx, local); second <- err }()
	time.Sleep(300 * time.Millisecond) // six busy timeouts
	close(national.release)
	if err := <-first; err != nil {
		t.Fatalf("the streaming run: %v", err)
	}
	if err := <-second; err != nil {
		t.Fatalf("the run beside it: %v", err)
	}
	if n, _ := db.CountOfferings(ctx); n != 4 {
		t.Errorf("%d offerings stored, want 4", n)
	}
	assertInStep(t, db, ix)
}
