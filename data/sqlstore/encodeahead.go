package sqlstore

import (
	"context"
	"iter"
	"runtime"
	"slices"

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
// apply there. A failed encoding is yielded with its offering and error,
// and ends the sequence.
func EncodeAhead(ctx context.Context, offerings []*catalog.Offering) iter.Seq2[Encoded, error] {
	workers := max(runtime.GOMAXPROCS(0)-1, 1) // the caller writes on one
	return inOrder(ctx, withoutErrors(slices.Values(offerings)), encodeChunk, workers, func(o *catalog.Offering) (Encoded, error) {
		doc, hash, err := Encode(o)
		if err != nil {
			return Encoded{Offering: o}, err
		}
		return Encoded{Offering: o, Doc: doc, Hash: hash, Key: catalog.MatchKey(o)}, nil
	})
}
