// Package crawler runs the catalogue's sources: it asks a source for its
// current data, hands the batch to the store and the changed offerings to the
// index, and records each run. Each source kind lives in its own package
// (emil3, plannededu, myh, html) and speaks only catalog types.
package crawler

import (
	"context"
	"time"

	"kurskatalog/data/catalog"
)

// Source is one configured data source.
type Source interface {
	// ID is the source's configured identifier, e.g. "susa-navet".
	ID() string
	// Fetch reads the source. A zero since asks for everything, and the batch
	// must then be Complete; otherwise the source may return only what changed
	// since then. Any error means the run failed and nothing is applied.
	Fetch(ctx context.Context, since time.Time) (*catalog.Batch, error)
}

// Streamer is a source that can hand over its offerings part by part as it
// fetches them, so that the store writes them while the rest comes
// (BatchStore). FetchEach is Fetch calling each with every part's offerings
// and skipped records; the batch it returns holds all but the offerings.
// An error from each ends the fetch with it.
type Streamer interface {
	FetchEach(ctx context.Context, since time.Time, each func([]catalog.Offering, []catalog.Skip) error) (*catalog.Batch, error)
}

// StateSaver is a source that keeps state from one run for the next (EMIL3
// keeps the infos and providers it read, so that an incremental run asks
// only for those that changed). The runner saves the state once the run's
// batch is applied, so that the store has one writer and a run whose fetch
// or apply failed saves nothing.
type StateSaver interface {
	SaveState(ctx context.Context) error
}
