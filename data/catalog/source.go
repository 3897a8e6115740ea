package catalog

import (
	"context"
	"time"
)

// Batch is what one run of a source hands to the store: the offerings it
// found, the ones the source says are gone, and the records it had to skip.
type Batch struct {
	Source    string
	Offerings []Offering
	// Removed lists offerings the source reported as removed (EMIL3 entries
	// whose status is not ACTIVE).
	Removed []string
	// Complete is true when the batch is the whole of the source's current
	// data. Only then may the store remove this source's offerings that the
	// batch does not mention.
	Complete bool
	// Fetched counts records read from the source, kept or not.
	Fetched int
	// Filtered counts records that were valid but outside the catalogue's
	// scope (another region, a school type we do not carry).
	Filtered int
	// Skipped lists malformed records. A skipped record with an ID still
	// counts as present, so a complete batch does not remove its offering.
	Skipped []Skip
}

// Skip is one record a source could not use, and why.
type Skip struct {
	ID     string `json:"id,omitempty"`
	Reason string `json:"reason"`
}

// ApplyResult is what the store did with a batch: the IDs it added, changed
// and removed, so that only those are re-indexed.
type ApplyResult struct {
	Added     []string
	Changed   []string
	Unchanged int
	Removed   []string
	// Seq is the store's change sequence number after the batch: one more
	// than before when anything changed. The index records the number it
	// has applied, so that a gap shows what it missed.
	Seq uint64
	// Stored holds, when the store can tell, the offerings of Added and
	// Changed that are one record of this batch's source alone, as
	// OfferingsByIDs would return them: an import indexes them without
	// reading back what it has just written. They share their texts with
	// the batch. The others are read back.
	Stored []Offering
}

// BatchWriter writes one source's batch while it is fetched, in one
// transaction, so that an import's fetching and its store's writing
// overlap. Nothing is visible before Finish commits; Abort, or a failed Put
// or Finish, changes nothing.
type BatchWriter interface {
	// Put writes offerings. One whose id came before in the batch, or
	// that skipped (or an earlier Put's) names, is left out; a skipped id
	// counts as present, as in Batch. Put keeps the offerings until
	// Finish: they must not change meanwhile.
	Put(ctx context.Context, offerings []Offering, skipped []Skip) error
	// Finish removes what b removes (its Removed and, when b is Complete,
	// the source's records the batch did not mention), commits and says
	// what changed, as ApplyBatch does. b's Offerings are not read: the
	// batch's offerings are those Put wrote.
	Finish(ctx context.Context, b *Batch) (ApplyResult, error)
	// Abort rolls back what Finish has not committed.
	Abort()
}

// Run statuses.
const (
	RunRunning = "running"
	RunOK      = "ok"
	RunFailed  = "failed"
	// RunInterrupted is a run the process did not live to finish (killed,
	// crashed, or stopped as it ended): it may have changed nothing or
	// everything, never half. Its source runs again at the next start.
	RunInterrupted = "interrupted"
)

// Run is the record of one import of one source.
type Run struct {
	ID       int64     `json:"id"`
	Source   string    `json:"source"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished,omitzero"`
	Status   string    `json:"status"`
	// Full is true for a complete import, false for an incremental one.
	Full     bool           `json:"full"`
	Fetched  int            `json:"fetched"`
	Filtered int            `json:"filtered"`
	Added    int            `json:"added"`
	Changed  int            `json:"changed"`
	Removed  int            `json:"removed"`
	Skipped  int            `json:"skipped"`
	Reasons  map[string]int `json:"skip_reasons,omitempty"`
	Error    string         `json:"error,omitempty"`
}

// SourceStatus describes a configured source and how its runs are going.
type SourceStatus struct {
	ID       string    `json:"id"`
	Kind     string    `json:"kind"`
	URL      string    `json:"url"`
	Snapshot bool      `json:"snapshot"` // read from the bundled copy, not the network
	Schedule string    `json:"schedule,omitempty"`
	NextRun  time.Time `json:"next_run,omitzero"`
	LastRun  *Run      `json:"last_run"`
	// Healthy is true when the last run succeeded.
	Healthy bool `json:"healthy"`
}
