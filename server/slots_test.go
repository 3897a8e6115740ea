package server

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// queued waits until n searches of class wait for a slot.
func queued(t *testing.T, s *slots, class, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		s.mu.Lock()
		l := len(s.waiting[class])
		s.mu.Unlock()
		if l == n {
			return
		}
	}
	t.Fatalf("%d searches of class %d never waited", n, class)
}

// A freed slot goes to the kept searches waiting before the new ones,
// whenever they came, and each class goes in the order it came.
func TestSlotsKeptFirst(t *testing.T) {
	ctx := context.Background()
	s := newSlots(1)
	if err := s.acquire(ctx, newSearch); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 3)
	ask := func(name string, class int) {
		if err := s.acquire(ctx, class); err != nil {
			t.Error(err)
		}
		got <- name
	}
	go ask("new 1", newSearch)
	queued(t, s, newSearch, 1)
	go ask("new 2", newSearch)
	queued(t, s, newSearch, 2)
	go ask("kept", keptSearch)
	queued(t, s, keptSearch, 1)
	var order []string
	for range 3 {
		s.release()
		order = append(order, <-got)
	}
	if want := []string{"kept", "new 1", "new 2"}; !slices.Equal(order, want) {
		t.Errorf("slots went to %q, want %q", order, want)
	}
	s.release()
	if s.free != 1 {
		t.Errorf("%d slots free after every search ended, want 1", s.free)
	}
}

// A search that gives up waiting leaves the queue and takes no slot.
func TestSlotsWaiterGivesUp(t *testing.T) {
	s := newSlots(1)
	if err := s.acquire(context.Background(), newSearch); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.acquire(ctx, keptSearch) }()
	queued(t, s, keptSearch, 1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("acquire: %v, want context.Canceled", err)
	}
	queued(t, s, keptSearch, 0)
	s.release()
	if s.free != 1 {
		t.Errorf("%d slots free, want 1", s.free)
	}
}

// classIndex keeps the results of the searches for kept, and holds every
// other search until gate closes; began has each search as it begins.
type classIndex struct {
	Index
	kept  string
	gate  chan struct{}
	began chan string
}

func (ix classIndex) Kept(q catalog.SearchQuery) bool { return q.Text == ix.kept }

func (ix classIndex) Search(ctx context.Context, q catalog.SearchQuery) (*catalog.SearchResult, error) {
	ix.began <- q.Text
	if q.Text != ix.kept {
		<-ix.gate
	}
	return &catalog.SearchResult{}, nil
}

// The search guard asks the index whether a search is kept, and a kept
// search that came after a new one runs first.
func TestKeptSearchGoesFirst(t *testing.T) {
	ix := classIndex{kept: "svenska", gate: make(chan struct{}), began: make(chan string, 3)}
	g := newGuardedIndex(ix, Limits{SearchConcurrency: 1, SearchTimeout: 10 * time.Second},
		func(string, time.Duration) {}, func(int, time.Duration) {})
	ctx := context.Background()
	for _, words := range []string{"matematik", "engelska", "svenska"} {
		go g.Search(ctx, catalog.SearchQuery{Text: words})
		switch words {
		case "matematik":
			<-ix.began
		case "engelska":
			queued(t, g.slots, newSearch, 1)
		case "svenska":
			queued(t, g.slots, keptSearch, 1)
		}
	}
	close(ix.gate)
	if got := []string{<-ix.began, <-ix.began}; !slices.Equal(got, []string{"svenska", "engelska"}) {
		t.Errorf("after matematik, %q began, want the kept svenska first", got)
	}
}
