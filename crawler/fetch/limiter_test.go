package fetch

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// assertGaps checks that want requests were sent spaced by delay.
// Server timestamps carry network and scheduling jitter that the client's
// own spacing does not (this machine is shared and loaded): one late arrival
// shortens the next gap. So each gap only has to be over a quarter of the
// delay (no spacing at all gives ~0), and the whole span, which one late
// arrival cannot shrink, has to be close to (want-1)*delay.
func assertGaps(t *testing.T, reqs []recorded, want int, delay time.Duration) {
	t.Helper()
	if len(reqs) != want {
		t.Fatalf("server saw %d requests, want %d", len(reqs), want)
	}
	sort.Slice(reqs, func(i, j int) bool { return reqs[i].at.Before(reqs[j].at) })
	for i := 1; i < len(reqs); i++ {
		if gap := reqs[i].at.Sub(reqs[i-1].at); gap < delay/4 {
			t.Errorf("requests %d (%s) and %d (%s) started %v apart, want about %v",
				i-1, reqs[i-1].path, i, reqs[i].path, gap, delay)
		}
	}
	span := reqs[len(reqs)-1].at.Sub(reqs[0].at)
	if min := time.Duration(want-1)*delay - delay/2; span < min {
		t.Errorf("%d requests spanned %v, want >= %v", want, span, min)
	}
}

func TestPerHostDelay(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/", text("ok"))
	srv, _ := newServer(t, mux)
	cfg := testConfig()
	cfg.Delay = 50 * time.Millisecond
	rec := &recorder{}
	c := New(cfg, rec.sent(http.DefaultTransport))

	// Concurrent callers must still be spaced out.
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), srv.URL+"/page"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	assertGaps(t, rec.hits(""), 5, cfg.Delay) // robots.txt + 4 pages
}

func TestDelayIsPerHost(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/", text("ok"))
	a, _ := newServer(t, mux)
	b, _ := newServer(t, mux)
	cfg := testConfig()
	cfg.Delay = 300 * time.Millisecond
	cfg.IgnoreRobots = true
	c := New(cfg, nil)
	start := time.Now()
	for _, u := range []string{a.URL, b.URL} {
		if _, err := c.Get(context.Background(), u+"/page"); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 250*time.Millisecond {
		t.Errorf("two first requests to different hosts took %v; the gap must be per host", d)
	}
}

func TestParallelismLimit(t *testing.T) {
	t.Parallel()
	var inFlight, maxInFlight atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, _ *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(60 * time.Millisecond)
		_, _ = w.Write([]byte("ok"))
	})
	srv, _ := newServer(t, mux)
	cfg := testConfig()
	cfg.Parallelism = 2
	// A timed-out attempt frees its slot while the server may still be
	// busy with it; no retries keeps the server's count meaningful.
	cfg.Retries = -1
	c := New(cfg, nil)

	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), srv.URL+"/page"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if m := maxInFlight.Load(); m != 2 {
		t.Errorf("max in flight = %d, want 2", m)
	}
}

func TestContextCancelledWhileWaitingForSlot(t *testing.T) {
	t.Parallel()
	unblock := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-unblock:
		case <-r.Context().Done():
		}
	})
	srv, rec := newServer(t, mux)
	cfg := testConfig()
	cfg.Parallelism = 1
	cfg.IgnoreRobots = true
	c := New(cfg, nil)

	first := make(chan error, 1)
	go func() {
		_, err := c.Get(context.Background(), srv.URL+"/slow")
		first <- err
	}()
	for len(rec.hits("/slow")) == 0 { // wait until the slot is taken
		time.Sleep(time.Millisecond)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Get(ctx, srv.URL+"/slow")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("cancelled wait took %v", d)
	}
	if n := len(rec.hits("/slow")); n != 1 {
		t.Errorf("server saw %d requests, want 1 (the waiter must not be sent)", n)
	}
	close(unblock)
	if err := <-first; err != nil {
		t.Errorf("first request: %v", err)
	}
}

func TestContextCancelledWhileWaitingForDelay(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/", text("ok"))
	srv, rec := newServer(t, mux)
	cfg := testConfig()
	cfg.Delay = 10 * time.Second
	cfg.IgnoreRobots = true
	c := New(cfg, nil)
	if _, err := c.Get(context.Background(), srv.URL+"/a"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Get(ctx, srv.URL+"/b")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("cancelled wait took %v", d)
	}
	if n := len(rec.hits("/b")); n != 0 {
		t.Errorf("/b was sent %d times", n)
	}
}

func TestLimiterCancelledWaitLeavesNoTrace(t *testing.T) {
	l := newLimiter(1, time.Hour)
	rel, err := l.acquire(context.Background(), "h")
	if err != nil {
		t.Fatal(err)
	}
	rel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.acquire(ctx, "h"); err == nil {
		t.Fatal("acquire with cancelled ctx succeeded")
	}
	l.mu.Lock()
	next := l.hosts["h"].next
	l.mu.Unlock()
	// One hour after the first start, not two.
	if d := time.Until(next); d > time.Hour {
		t.Errorf("next start in %v after a cancelled wait, want <= 1h", d)
	}
	// And the slot was given back.
	select {
	case l.hosts["h"].slots <- struct{}{}:
	default:
		t.Error("cancelled wait kept its slot")
	}
}
