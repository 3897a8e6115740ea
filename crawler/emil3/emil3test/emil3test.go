// Package emil3test imports EMIL3 data sets the way the service does, for
// the tests and benchmarks of the packages that need real offerings: the
// data set is served by the real EMIL3 server (emil3.NewServer) on an
// in-process transport (snapshot.Transport), read by the real fetch client
// and normalised by the real importer. The offerings then carry everything
// an import does to them (modes, paces, municipalities, skipped and removed
// records) without a network, and a change to the importer reaches every
// caller at once instead of each keeping its own copy of the wiring.
package emil3test

import (
	"context"
	"fmt"
	"slices"
	"time"

	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/emil3/emil3gen"
	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/snapshot"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/occupation"
)

// URL is the live API's base URL, which the in-process server answers
// for: the offerings' provenance links point there, as after a live import.
const URL = emil3gen.BaseURL

// SourceID is the source the service imports Susa-navet as.
const SourceID = "susa-navet"

// Bundled returns the bundled Susa-navet snapshot (data/snapshots/susa-navet).
func Bundled() (*emil3.Dataset, error) {
	fsys, err := data.Snapshot(SourceID)
	if err != nil {
		return nil, err
	}
	return emil3.LoadPages(fsys)
}

// National generates n events over the whole country with seed
// (emil3gen.NationalConfig), with the region that keeps them all: every
// municipality an event is held in, since the importer keeps on-site events
// only inside its region.
func National(seed int64, n int) (ds *emil3.Dataset, region []string) {
	g := emil3gen.Generate(emil3gen.NationalConfig(seed, n))
	for _, e := range g.Events {
		if e.Content == nil {
			continue
		}
		for _, l := range e.Content.Locations {
			if l.AreaCode != "" && !slices.Contains(region, l.AreaCode) {
				region = append(region, l.AreaCode)
			}
		}
	}
	slices.Sort(region)
	return &emil3.Dataset{Events: g.Events, Infos: g.Infos, Providers: g.Providers}, region
}

// Source returns the service's EMIL3 importer for region, reading ds. The
// client has no delay, robots.txt or timeout: there is no host to be
// polite to and no network to wait for, and a national data set of a
// million events takes longer per page than a live timeout allows.
func Source(ds *emil3.Dataset, region []string) *emil3.Source {
	client := fetch.New(fetch.Config{Delay: -1, IgnoreRobots: true, Timeout: -1}, snapshot.Transport(emil3.NewServer(ds, URL)))
	return emil3.New(emil3.Config{ID: SourceID, URL: URL, Region: region}, client)
}

// Import runs a full import of ds for region and returns its offerings.
func Import(ctx context.Context, ds *emil3.Dataset, region []string) ([]catalog.Offering, error) {
	b, err := Source(ds, region).Fetch(ctx, time.Time{})
	if err != nil {
		return nil, fmt.Errorf("emil3test: import %d events: %w", len(ds.Events), err)
	}
	return b.Offerings, nil
}

// ImportBundled imports the bundled snapshot for Jämtland, as the service
// in snapshot mode does, and returns its offerings.
func ImportBundled(ctx context.Context) ([]catalog.Offering, error) {
	ds, err := Bundled()
	if err != nil {
		return nil, err
	}
	return Import(ctx, ds, data.JamtlandMunicipalities)
}

// ImportBundledMapped is ImportBundled with every offering mapped to the
// occupations it leads to, as the service's import maps them.
func ImportBundledMapped(ctx context.Context) ([]catalog.Offering, error) {
	offerings, err := ImportBundled(ctx)
	if err != nil {
		return nil, err
	}
	mapper, err := occupation.DefaultMapper()
	if err != nil {
		return nil, err
	}
	for i := range offerings {
		offerings[i].Occupations = mapper.Map(offerings[i])
	}
	return offerings, nil
}

// ImportNational generates n national events with seed (National) and
// imports them all, returning the offerings.
func ImportNational(ctx context.Context, seed int64, n int) ([]catalog.Offering, error) {
	ds, region := National(seed, n)
	return Import(ctx, ds, region)
}
