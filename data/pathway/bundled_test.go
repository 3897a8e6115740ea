package pathway_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
)

// bundled imports the bundled Susa-navet snapshot once and maps its
// offerings to occupations, as the service does at import.
var bundled = sync.OnceValues(func() ([]catalog.Offering, error) {
	return emil3test.ImportBundledMapped(context.Background())
})

// snapshotDay is the day the bundled snapshot describes.
var snapshotDay = time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm)

func offeringsOf(t *testing.T) []catalog.Offering {
	t.Helper()
	offerings, err := bundled()
	if err != nil {
		t.Fatal(err)
	}
	return offerings
}

func params() coverage.Params { return coverage.DefaultParams(snapshotDay) }
