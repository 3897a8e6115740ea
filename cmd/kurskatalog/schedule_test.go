package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"kurskatalog/crawler"
	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
	"kurskatalog/index"
)

// blockingSource holds every fetch until the test releases it.
type blockingSource struct {
	calls   atomic.Int32
	started chan struct{}
	release chan struct{}
}

func (s *blockingSource) ID() string { return "lärcentrum-berg" }

func (s *blockingSource) Fetch(ctx context.Context, _ time.Time) (*catalog.Batch, error) {
	s.calls.Add(1)
	s.started <- struct{}{}
	<-s.release
	return &catalog.Batch{Complete: true}, nil
}

func TestScheduleSkipsOverlapsAndStopsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for cron ticks")
	}
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ix, _, err := index.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	src := &blockingSource{started: make(chan struct{}, 10), release: make(chan struct{})}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	runner := &crawler.Runner{Store: db, Index: ix, Log: log}
	a := &app{
		cfg:     &Config{Sources: []SourceConfig{{ID: src.ID(), Schedule: "@every 1s", Timeout: Duration(time.Minute)}}},
		log:     log,
		runner:  runner,
		jobs:    []job{{id: src.ID(), run: func(ctx context.Context) (catalog.Run, error) { return runner.Run(ctx, src) }}},
		entries: map[string]cron.EntryID{},
	}
	c, err := a.schedule(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c.Start()

	waitStarted := func() {
		select {
		case <-src.started:
		case <-time.After(3 * time.Second):
			t.Fatal("the scheduled job did not start")
		}
	}
	waitStarted()
	time.Sleep(2500 * time.Millisecond) // two more ticks while the first run is still going
	if n := src.calls.Load(); n != 1 {
		t.Errorf("%d runs started while the first was still running, want 1", n)
	}
	src.release <- struct{}{}
	waitStarted() // the next tick after it finished runs again

	stopped := c.Stop().Done()
	select {
	case <-stopped:
		t.Fatal("Stop returned while a job was still running")
	case <-time.After(300 * time.Millisecond):
	}
	close(src.release)
	select {
	case <-stopped:
	case <-time.After(3 * time.Second):
		t.Fatal("Stop did not finish after the running job ended")
	}
	if runs, _ := db.LatestRuns(context.Background()); runs[src.ID()].Status != catalog.RunOK {
		t.Errorf("last run %+v", runs[src.ID()])
	}
}
