package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// A second process (here a second open) on an index in use gets ErrLocked
// at once, and the index in use is neither removed nor changed.
func TestOpenLockedIndexIsKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.bleve")
	ix, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(context.Background(), []catalog.Offering{offering("e.1", "Svenska 1", "", day(2027, 1, 18))}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, _, err := Open(path); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second open took %v", d)
	}
	if n, err := ix.Count(); err != nil || n != 1 {
		t.Errorf("the index in use holds %d documents (%v), want 1", n, err)
	}
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		t.Errorf("the index in use was removed: %v", err)
	}
}

// A damaged index is only a projection: it is made anew, to be rebuilt.
func TestOpenDamagedIndexIsFresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.bleve")
	ix, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := os.WriteFile(filepath.Join(path, "index_meta.json"), []byte(`{"storage":`), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, fresh, err := Open(path)
	if err != nil || !fresh {
		t.Fatalf("open damaged: fresh %v, %v", fresh, err)
	}
	ix.Close()
}

// The store and change an index holds survive a reopen; a new index knows
// none.
func TestAppliedSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.bleve")
	ix, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if store, seq, err := ix.Applied(); store != "" || seq != 0 || err != nil {
		t.Errorf("new index: %q %d %v", store, seq, err)
	}
	if err := ix.SetApplied("5f0c", 42); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, fresh, err := Open(path)
	if err != nil || fresh {
		t.Fatalf("reopen: fresh %v, %v", fresh, err)
	}
	defer ix.Close()
	if store, seq, err := ix.Applied(); store != "5f0c" || seq != 42 || err != nil {
		t.Errorf("reopened: %q %d %v, want 5f0c 42", store, seq, err)
	}
}

// Refresh re-indexes in place: what the store has is found by its current
// words, and what it no longer has is gone.
func TestRefresh(t *testing.T) {
	ix := newTestIndex(t, offering("e.1", "Svenska 1", "", day(2027, 1, 18)),
		offering("e.2", "Engelska 5", "", day(2027, 1, 18)), offering("e.3", "Matematik 1a", "", day(2027, 1, 18)))
	store := []catalog.Offering{offering("e.1", "Svenska som andraspråk 1", "", day(2027, 1, 18)),
		offering("e.4", "Historia 1a1", "", day(2027, 1, 18))}
	n, err := ix.Refresh(context.Background(), func(ctx context.Context, yield func(catalog.Offering) error) error {
		for _, o := range store {
			if err := yield(o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Fatalf("refresh: %d, %v", n, err)
	}
	if c, _ := ix.Count(); c != 2 {
		t.Errorf("%d documents after refresh, want 2", c)
	}
	for q, want := range map[string]int{"andraspråk": 1, "historia": 1, "engelska": 0, "matematik": 0} {
		if got := find(t, ix, catalog.SearchQuery{Text: q, Today: day(2026, 11, 20), Group: catalog.GroupIntake}).Total; got != want {
			t.Errorf("q=%s: %d hits, want %d", q, got, want)
		}
	}
}
