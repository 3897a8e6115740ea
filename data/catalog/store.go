package catalog

import (
	"context"
	"time"
)

// Store is the catalogue's source of truth as the service wires it: one
// implementation per database (SQLite on one machine, PostgreSQL shared by
// several). Each consumer declares the smaller part it uses (crawler.Store,
// coverage.Store, server.Store, ...); this is their union, what cmd holds.
type Store interface {
	// ApplyBatch stores one source's batch in one transaction and returns
	// what changed, stamped with the store's next change number.
	ApplyBatch(ctx context.Context, b *Batch) (ApplyResult, error)
	FindOfferingByID(ctx context.Context, id string) (*Offering, error)
	OfferingsByIDs(ctx context.Context, ids []string) ([]Offering, error)
	// EachOffering calls fn for every live offering, in id order.
	EachOffering(ctx context.Context, fn func(Offering) error) error
	CountOfferings(ctx context.Context) (int, error)

	// Seq returns the store's identity and its change number; ChangedSince
	// the offerings changed after a change number.
	Seq(ctx context.Context) (store string, seq uint64, err error)
	ChangedSince(ctx context.Context, seq uint64) ([]string, error)

	StartRun(ctx context.Context, source string, full bool) (Run, error)
	FinishRun(ctx context.Context, r *Run) error
	LastSuccess(ctx context.Context, source string) (any, full time.Time, err error)
	LatestRuns(ctx context.Context) (map[string]Run, error)
	RunTallies(ctx context.Context) ([]RunTally, error)
	// InterruptRuns marks runs left running by a process that ended as
	// interrupted, and returns their sources.
	InterruptRuns(ctx context.Context) ([]string, error)

	ReplaceDemand(ctx context.Context, round string, rows []Demand) (ApplyResult, error)
	LatestDemand(ctx context.Context, regions ...string) ([]Demand, error)
	DemandRounds(ctx context.Context) ([]string, error)

	// Source documents: what a source read besides its records and needs
	// again in its next run.
	SourceDocuments(ctx context.Context, source, kind string, ids []string) (map[string][]byte, error)
	CountSourceDocuments(ctx context.Context, source, kind string) (int, error)
	SaveSourceDocuments(ctx context.Context, source, kind string, docs map[string][]byte, gone []string, replace bool) error

	Close() error
}
