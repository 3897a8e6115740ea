// Package storetest is the behaviour every catalogue store shares, as one
// suite of tests that data/sqlite and data/postgres run against a real
// database each: what the crawler, the index and the server rely on.
package storetest

import (
	"context"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// Store is a catalogue store whose clock a test can set, with the search
// groups (data/insights) and bus travel times (crawler/gtfs) that both
// stores keep beside the catalogue.
type Store interface {
	catalog.Store
	SetClock(now func() time.Time)

	AddSearches(ctx context.Context, groups []catalog.SearchGroup) error
	SearchGroups(ctx context.Context, f catalog.SearchGroupFilter) ([]catalog.SearchGroup, error)
	PruneSearches(ctx context.Context, keepFrom, current string, min int) (int64, error)

	ReplaceTransit(ctx context.Context, feed catalog.TransitFeed, times []catalog.TransitTime) (catalog.ApplyResult, error)
	Transit(ctx context.Context) (catalog.Transit, error)
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
		{"OfferingsReadBackAsWritten", testOfferingsReadBackAsWritten},
		{"StoredAsReadBack", testStoredAsReadBack},
		{"ReplaceDemand", testReplaceDemand},
		{"ReplaceDemandConcurrently", testReplaceDemandConcurrently},
		{"SourceDocuments", testSourceDocuments},
		{"FirstSeen", testFirstSeen},
		{"SearchGroups", testSearchGroups},
		{"AddSearchesConcurrently", testAddSearchesConcurrently},
		{"ReplaceTransit", testReplaceTransit},
		{"ReplaceTransitConcurrently", testReplaceTransitConcurrently},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.test(t, open) })
	}
}
