package fetch

import (
	"context"
	"sync"
	"time"
)

// limiter enforces, per host, at most parallelism requests in flight and a
// minimum gap between request starts. Hosts are independent: a slow site
// must not hold back the others.
type limiter struct {
	parallelism int
	delay       time.Duration

	mu    sync.Mutex
	hosts map[string]*hostLimit
}

type hostLimit struct {
	slots chan struct{} // one token per request in flight
	delay time.Duration // guarded by limiter.mu
	next  time.Time     // earliest next start; guarded by limiter.mu
}

func newLimiter(parallelism int, delay time.Duration) *limiter {
	return &limiter{parallelism: parallelism, delay: delay, hosts: map[string]*hostLimit{}}
}

// host returns key's state, creating it on first use. The caller must hold
// l.mu.
func (l *limiter) host(key string) *hostLimit {
	h := l.hosts[key]
	if h == nil {
		h = &hostLimit{slots: make(chan struct{}, l.parallelism), delay: l.delay}
		l.hosts[key] = h
	}
	return h
}

// raiseDelay makes the gap for key at least d (robots.txt Crawl-delay). It
// never lowers it: Config.Delay is our own floor.
func (l *limiter) raiseDelay(key string, d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if h := l.host(key); d > h.delay {
		// next is "last start + old delay"; move it to "last start + d" so
		// the new gap counts from the request already made (the robots.txt
		// fetch itself).
		if !h.next.IsZero() {
			h.next = h.next.Add(d - h.delay)
		}
		h.delay = d
	}
}

// acquire waits for a slot on key and for the key's start gap, then returns
// a release func that must be called once the request is finished (it is
// idempotent). Waiting ends early with ctx's error.
func (l *limiter) acquire(ctx context.Context, key string) (release func(), err error) {
	l.mu.Lock()
	h := l.host(key)
	l.mu.Unlock()

	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release = sync.OnceFunc(func() { <-h.slots })

	// Claim the start only once it is due, rather than reserving a future
	// time and sleeping until it: if the process stalls, several reserved
	// starts would fire together on wake-up, while a claim made on waking
	// keeps real starts at least the gap apart. A cancelled wait therefore
	// also leaves nothing behind to undo.
	for {
		l.mu.Lock()
		now := time.Now()
		if !h.next.After(now) {
			h.next = now.Add(h.delay)
			l.mu.Unlock()
			return release, nil
		}
		wait := h.next.Sub(now)
		l.mu.Unlock()
		if err := sleep(ctx, wait); err != nil {
			release()
			return nil, err
		}
	}
}
