// Package storetest is the behaviour every catalogue store shares, as one
// suite of tests that data/sqlite and data/postgres run against a real
// database each: what the crawler, the index and the server rely on.
package storetest

import (
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// Store is a catalogue store whose clock a test can set.
type Store interface {
	catalog.Store
	SetClock(now func() time.Time)
}

// Open returns a new, empty, migrated store that the test's cleanup closes.
type Open func(t *testing.T) Store

// Run runs the suite, each test on a store of its own.
func Run(t *testing.T, open Open) {
	for _, tc := range []struct {
		name string
		test func(*testing.T, Open)
	}{
		{"ApplyBatchLifecycle", testApplyBatchLifecycle},
		{"FailedBatchChangesNothing", testFailedBatchChangesNothing},
		{"MergeAcrossSources", testMergeAcrossSources},
		{"MergeByMatchKey", testMergeByMatchKey},
		{"Runs", testRuns},
		{"InterruptRuns", testInterruptRuns},
		{"RunTallies", testRunTallies},
		{"ChangeSequence", testChangeSequence},
		{"EachOfferingInOrder", testEachOfferingInOrder},
		{"ReplaceDemand", testReplaceDemand},
		{"SourceDocuments", testSourceDocuments},
		{"FirstSeen", testFirstSeen},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.test(t, open) })
	}
}
