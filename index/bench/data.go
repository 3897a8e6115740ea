package bench

import (
	"context"
	"fmt"
	"slices"
	"time"

	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/emil3/emil3gen"
	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/snapshot"
	"kurskatalog/data/catalog"
)

// Offerings generates a national EMIL3 data set of n events with seed and
// imports it the way the service does: the emil3 importer pages through an
// in-process EMIL3 server, so the offerings carry the real normalisation
// (modes, paces, municipalities, skipped and removed records).
func Offerings(ctx context.Context, seed int64, n int) ([]catalog.Offering, error) {
	ds := emil3gen.Generate(emil3gen.NationalConfig(seed, n))
	// On-site events are kept only inside the region; the whole country is
	// the region of a national benchmark.
	var region []string
	seen := map[string]bool{}
	for _, e := range ds.Events {
		if e.Content == nil {
			continue
		}
		for _, loc := range e.Content.Locations {
			if loc.AreaCode != "" && !seen[loc.AreaCode] {
				seen[loc.AreaCode] = true
				region = append(region, loc.AreaCode)
			}
		}
	}
	slices.Sort(region)
	srv := emil3.NewServer(&emil3.Dataset{Events: ds.Events, Infos: ds.Infos, Providers: ds.Providers}, emil3gen.BaseURL)
	client := fetch.New(fetch.Config{Delay: -1, IgnoreRobots: true, Timeout: -1}, snapshot.Transport(srv))
	src := emil3.New(emil3.Config{ID: "susa-navet", URL: emil3gen.BaseURL, Region: region}, client)
	batch, err := src.Fetch(ctx, time.Time{})
	if err != nil {
		return nil, fmt.Errorf("bench: import %d events: %w", n, err)
	}
	return batch.Offerings, nil
}
