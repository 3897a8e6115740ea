package sqlstore

import (
	"context"
	"iter"
	"runtime"
	"sync"

	"kurskatalog/data/catalog"
)

// Encoded is an offering of a batch with what its record stores.
type Encoded struct {
	Offering  *catalog.Offering
	Doc, Hash string // Encode's
	Key       string // catalog.MatchKey's
}

// encodeChunk is how many offerings an encoder takes at a time.
const encodeChunk = 256

// EncodeAhead yields offerings encoded, in order, encoding the next ones on
// the other cores while the caller writes: a database writes a batch on one
// core, and encoding its offerings took a fifth of a national batch's
// apply there. It keeps a few chunks ahead, so that a national batch's
// documents are never all in memory at once. A failed encoding is yielded
// with its error, and ends the sequence.
func EncodeAhead(ctx context.Context, offerings []*catalog.Offering) iter.Seq2[Encoded, error] {
	return func(yield func(Encoded, error) bool) {
		parent := ctx
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type chunk struct {
			out    []Encoded
			failed *catalog.Offering // the one that could not be encoded, with err
			err    error
		}
		workers := max(runtime.GOMAXPROCS(0)-1, 1)
		order := make(chan chan chunk, 2*workers) // the chunks' results, in order
		jobs := make(chan func())
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for job := range jobs {
					job()
				}
			})
		}
		go func() {
			defer close(order)
			defer close(jobs)
			for from := 0; from < len(offerings); from += encodeChunk {
				part := offerings[from:min(from+encodeChunk, len(offerings))]
				done := make(chan chunk, 1)
				select {
				case order <- done:
				case <-ctx.Done():
					return
				}
				job := func() {
					c := chunk{out: make([]Encoded, 0, len(part))}
					for _, o := range part {
						doc, hash, err := Encode(o)
						if err != nil {
							c.failed, c.err = o, err
							break
						}
						c.out = append(c.out, Encoded{Offering: o, Doc: doc, Hash: hash, Key: catalog.MatchKey(o)})
					}
					done <- c // buffered: never blocks
				}
				select {
				case jobs <- job:
				case <-ctx.Done():
					return
				}
			}
		}()
		defer func() {
			cancel() // on an early return, the feeder and the encoders stop
			for range order {
			}
			wg.Wait()
		}()
		n := 0
		for done := range order {
			var c chunk
			select {
			case c = <-done:
			case <-ctx.Done():
				yield(Encoded{}, parent.Err())
				return
			}
			for _, e := range c.out {
				if !yield(e, nil) {
					return
				}
			}
			if c.err != nil {
				yield(Encoded{Offering: c.failed}, c.err)
				return
			}
			n += len(c.out)
		}
		if n < len(offerings) { // the feeder stopped: ctx is done
			yield(Encoded{}, parent.Err())
		}
	}
}
