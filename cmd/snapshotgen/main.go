// Command snapshotgen writes the bundled Susa-navet EMIL3 snapshot: the
// generated data set of package emil3gen as the list pages the live API
// would serve, plus a README with its counts.
//
//	go run ./cmd/snapshotgen [-out data/snapshots/susa-navet] [-seed N]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"kurskatalog/crawler/emil3/emil3gen"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("snapshotgen: ")
	def := emil3gen.DefaultConfig()
	out := flag.String("out", "data/snapshots/susa-navet", "output directory")
	seed := flag.Int64("seed", def.Seed, "random seed")
	events := flag.Int("events", def.Events, "number of event entries")
	national := flag.Bool("national", false, "spread events over all municipalities (benchmark data)")
	size := flag.Int("size", emil3gen.DefaultPageSize, "page size")
	flag.Parse()

	cfg := emil3gen.Config{Seed: *seed, Events: *events, National: *national}
	ds := emil3gen.Generate(cfg)
	for _, res := range []string{emil3gen.ResourceEvents, emil3gen.ResourceInfos, emil3gen.ResourceProviders} {
		n, err := writePages(&ds, *out, res, *size)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d pages\n", res, n)
	}
	readme := emil3gen.README(&ds, cfg, *size)
	if err := os.WriteFile(filepath.Join(*out, "README.md"), []byte(readme), 0o644); err != nil {
		log.Fatal(err)
	}
}

// writePages replaces dir/res/page-*.json with the resource's pages.
func writePages(ds *emil3gen.Dataset, dir, res string, size int) (int, error) {
	pages, err := ds.Pages(res, size)
	if err != nil {
		return 0, err
	}
	sub := filepath.Join(dir, res)
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return 0, err
	}
	// Stale pages from a larger earlier run would otherwise look like data.
	stale, err := filepath.Glob(filepath.Join(sub, "page-*.json"))
	if err != nil {
		return 0, err
	}
	for _, f := range stale {
		if err := os.Remove(f); err != nil {
			return 0, err
		}
	}
	for i, b := range pages {
		name := filepath.Join(sub, fmt.Sprintf("page-%04d.json", i))
		if err := os.WriteFile(name, b, 0o644); err != nil {
			return 0, err
		}
	}
	return len(pages), nil
}
