package server

import (
	"context"
	"slices"
	"sync"
)

// slots bound the searches that run at once. A search waiting for one is
// either kept (its index keeps its hits and counts, so it costs a fraction
// of a millisecond) or new (it matches, scores and counts: milliseconds at
// national size). A freed slot goes to the kept searches first, in the
// order they came, then to the new ones: a burst of new searches (a class
// that searches together) then holds up a kept search until one running
// search ends, not until the whole burst has run, and still uses every
// slot when no kept search waits. When kept searches alone fill the slots
// for longer than the search deadline, the new ones are answered 503 first:
// an overloaded service sheds its costliest searches.
type slots struct {
	mu   sync.Mutex
	free int
	// waiting are the kept and the new searches' turns, first come first;
	// a search waits only when no slot is free.
	waiting [2][]chan struct{}
}

// The classes of searches, kept first: a request that ran searches of
// both is counted by the larger (searchWait).
const (
	keptSearch = iota
	newSearch
)

// searchClasses name the classes in the metrics.
var searchClasses = [...]string{keptSearch: "kept", newSearch: "new"}

func newSlots(n int) *slots { return &slots{free: n} }

// acquire takes a slot for a search of class (keptSearch or newSearch),
// waiting for its turn until ctx ends.
func (s *slots) acquire(ctx context.Context, class int) error {
	s.mu.Lock()
	if s.free > 0 {
		s.free--
		s.mu.Unlock()
		return nil
	}
	turn := make(chan struct{})
	s.waiting[class] = append(s.waiting[class], turn)
	s.mu.Unlock()
	select {
	case <-turn:
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		defer s.mu.Unlock()
		if i := slices.Index(s.waiting[class], turn); i >= 0 {
			s.waiting[class] = slices.Delete(s.waiting[class], i, i+1)
			return ctx.Err()
		}
		// The slot came as ctx ended: pass it on.
		s.releaseLocked()
		return ctx.Err()
	}
}

// release gives a slot back: to the first kept search waiting, else to the
// first new one.
func (s *slots) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.releaseLocked()
}

func (s *slots) releaseLocked() {
	for class := range s.waiting {
		if q := s.waiting[class]; len(q) > 0 {
			close(q[0])
			s.waiting[class] = slices.Delete(q, 0, 1)
			return
		}
	}
	s.free++
}
