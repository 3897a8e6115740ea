package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// compactAbove is how many segments the index may have before Compact
// merges them. Bleve's merge policy leaves a dozen after an import of
// 100,000 offerings, and every word of a query opens its postings in each
// one: merged into one, a new search of two words and a municipality took
// 4.7-5.9 ms instead of 8.0-8.6 ms (BenchmarkNewWords, two runs each).
const compactAbove = 4

// Compact merges the index's segments into one when it has more than
// compactAbove, and reports whether it did. Searches go on meanwhile, on
// the segments as they were. At 100,000 offerings a merge takes 1.5 s of
// one core; call it after a run, not after every batch.
func (ix *Index) Compact(ctx context.Context) (bool, error) { return ix.compact(ctx, compactAbove) }

func (ix *Index) compact(ctx context.Context, above int) (bool, error) {
	n, err := ix.Segments()
	if err != nil || n <= above {
		return false, err
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return false, fmt.Errorf("index: compact: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return false, nil
	}
	if err := s.ForceMerge(ctx, nil); err != nil {
		return false, fmt.Errorf("index: compact: %w", err)
	}
	ix.warm()
	return true, nil
}

// CompactLater runs Compact in the background and tells done how it went;
// Close waits for it. A merge already running is left to finish alone.
func (ix *Index) CompactLater(done func(merged bool, took time.Duration, err error)) {
	if !ix.compacting.CompareAndSwap(false, true) {
		return
	}
	ix.warming.Add(1)
	go func() {
		defer ix.warming.Done()
		defer ix.compacting.Store(false)
		start := time.Now()
		merged, err := ix.Compact(context.Background())
		done(merged, time.Since(start), err)
	}()
}

// Segments returns how many segments the index has now.
func (ix *Index) Segments() (int, error) {
	r, err := ix.reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	if is, ok := r.(*scorch.IndexSnapshot); ok {
		return len(is.Segments()), nil
	}
	return 1, nil
}
