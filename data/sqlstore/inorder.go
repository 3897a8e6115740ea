package sqlstore

import (
	"context"
	"iter"
	"sync"
)

// inOrder yields f of every item in yields, in that order, while f runs on
// workers goroutines a chunk of items at a time and in is still being
// read: decoding every stored document at a start, and encoding a national
// batch's, are mostly JSON, which one core does slowly. A few chunks at
// most are ahead of the caller, so a national catalogue is never in memory
// twice. The sequence ends at the first error, in's or f's (yielded with
// f's result for the item that failed), or with ctx's when it is done. A
// caller that stops early stops the reading and the workers too.
func inOrder[In, Out any](ctx context.Context, in iter.Seq2[In, error], chunk, workers int, f func(In) (Out, error)) iter.Seq2[Out, error] {
	return func(yield func(Out, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		type result struct {
			outs   []Out
			failed Out   // f's result for the item that failed
			err    error // f's, or in's after outs
		}
		type job struct {
			items []In
			done  chan result // buffered: a worker never waits on it
		}
		jobs := make(chan job)
		order := make(chan chan result, 2*workers) // the chunks' results, in order
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for j := range jobs {
					r := result{outs: make([]Out, 0, len(j.items))}
					for _, item := range j.items {
						out, err := f(item)
						if err != nil {
							r.failed, r.err = out, err
							break
						}
						r.outs = append(r.outs, out)
					}
					j.done <- r
				}
			})
		}
		go func() {
			defer close(order)
			defer close(jobs)
			queue := func(done chan result) bool {
				select {
				case order <- done:
					return true
				case <-ctx.Done():
					return false
				}
			}
			send := func(items []In) bool {
				j := job{items: items, done: make(chan result, 1)}
				if !queue(j.done) {
					return false
				}
				select {
				case jobs <- j:
					return true
				case <-ctx.Done():
					return false
				}
			}
			var items []In
			for item, err := range in {
				if err != nil {
					if len(items) > 0 && !send(items) {
						return
					}
					failed := make(chan result, 1)
					failed <- result{err: err}
					queue(failed)
					return
				}
				if items = append(items, item); len(items) == chunk {
					if !send(items) {
						return
					}
					items = nil
				}
			}
			if len(items) > 0 {
				send(items)
			}
		}()
		defer func() {
			cancel()
			for range order { // the reader has stopped when this ends
			}
			wg.Wait()
		}()
		var zero Out
		for done := range order {
			var r result
			select {
			case r = <-done:
			case <-ctx.Done():
				yield(zero, ctx.Err())
				return
			}
			for _, out := range r.outs {
				if !yield(out, nil) {
					return
				}
			}
			if r.err != nil {
				yield(r.failed, r.err)
				return
			}
		}
		if err := ctx.Err(); err != nil { // the reader stopped on it
			yield(zero, err)
		}
	}
}

// withoutErrors is items as a sequence that never fails, for inOrder.
func withoutErrors[T any](items iter.Seq[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for item := range items {
			if !yield(item, nil) {
				return
			}
		}
	}
}
