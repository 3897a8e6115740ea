package catalog

import "time"

// RunTally sums a source's runs that ended with one status: how many there
// were, the records they fetched, added, changed, removed and skipped, and
// when the last of them finished. Tallies are what the service reports as
// metrics and what tells it that the data changed.
type RunTally struct {
	Source string
	Status string
	Runs   int
	// The records of every run, added up.
	Fetched, Added, Changed, Removed, Skipped int
	// LastFinished is zero while no run with this status has finished.
	LastFinished time.Time
}
