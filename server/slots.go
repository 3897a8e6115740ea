package server

import (
	"context"
	"slices"
	"sync"
	"time"
)

// slots bound the searches that run at once. A search waiting for one is
// either kept (its index keeps its hits and counts, so it costs a fraction
// of a millisecond) or new (it matches, scores and counts: milliseconds at
// national size). A freed slot goes to the kept searches first, in the
// order they came, then to the new ones: a burst of new searches (a class
// that searches together) then holds up a kept search until one running
// search ends, not until the whole burst has run, and still uses every
// slot when no kept search waits. A new search that has waited patience
// goes before the kept ones, so that kept searches arriving all the time
// (as when a collection's mark slows every search) do not hold the new
// ones back without end.
type slots struct {
	mu       sync.Mutex
	free     int
	patience time.Duration
	// waiting are the kept and the new searches' turns, first come first;
	// a search waits only when no slot is free.
	waiting [2][]turn
}

type turn struct {
	ready chan struct{}
	since time.Time
}

const (
	keptSearch = iota
	newSearch
)

// searchClasses name the classes in the metrics.
var searchClasses = [...]string{keptSearch: "kept", newSearch: "new"}

// newSearchPatience is how long a new search may be passed over: a few
// new searches' time, and well under the 50 ms a search's answer is meant
// to take at national size under load (docs/benchmarks.md).
const newSearchPatience = 20 * time.Millisecond

func newSlots(n int, patience time.Duration) *slots { return &slots{free: n, patience: patience} }

// acquire takes a slot for a search of class (keptSearch or newSearch),
// waiting for its turn until ctx ends.
func (s *slots) acquire(ctx context.Context, class int) error {
	s.mu.Lock()
	if s.free > 0 {
		s.free--
		s.mu.Unlock()
		return nil
	}
	t := turn{ready: make(chan struct{}), since: time.Now()}
	s.waiting[class] = append(s.waiting[class], t)
	s.mu.Unlock()
	select {
	case <-t.ready:
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		defer s.mu.Unlock()
		if i := slices.IndexFunc(s.waiting[class], func(w turn) bool { return w.ready == t.ready }); i >= 0 {
			s.waiting[class] = slices.Delete(s.waiting[class], i, i+1)
			return ctx.Err()
		}
		// The slot came as ctx ended: pass it on.
		s.releaseLocked()
		return ctx.Err()
	}
}

// release gives a slot back: to the first new search if it has waited
// patience, else to the first kept search waiting, else to the first new
// one.
func (s *slots) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.releaseLocked()
}

func (s *slots) releaseLocked() {
	order := []int{keptSearch, newSearch}
	if q := s.waiting[newSearch]; len(q) > 0 && time.Since(q[0].since) >= s.patience {
		order = []int{newSearch}
	}
	for _, class := range order {
		if q := s.waiting[class]; len(q) > 0 {
			close(q[0].ready)
			s.waiting[class] = slices.Delete(q, 0, 1)
			return
		}
	}
	s.free++
}
