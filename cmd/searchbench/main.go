// Command searchbench measures the catalogue's search at national scale:
// the service's own index (package index: Bleve with its mapping for the
// words, the facet engine of index/facet for filters, counts, order and
// pages), against SQLite FTS5 with GROUP BY facet counts, side by side on
// the same generated data and the same query mix. It prints its tables
// (Markdown, as in docs/benchmarks.md) to stdout and its progress to
// stderr:
//
//	go run ./cmd/searchbench            # 3,000 and 100,000 events
//	go run ./cmd/searchbench -1m        # and 1,000,000
//
// or, for per-query Go benchmarks on the 3,000-event data set,
//
//	go test ./cmd/searchbench -run - -bench . -benchtime 100x
//
// It lives under cmd/ rather than index/ because it generates and imports
// its data with the crawler's packages, which the service's search must not
// depend on.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	sizes := flag.String("sizes", "3000,100000", "comma-separated numbers of generated events")
	million := flag.Bool("1m", false, "also measure 1,000,000 events (about 20 GiB of memory and 30 minutes)")
	seed := flag.Int64("seed", 1, "generator seed")
	dir := flag.String("dir", "", "directory for the index and SQLite files (default: a temporary one)")
	rounds := flag.Int("rounds", 30, "timed passes over the query mix per contender")
	budget := flag.Duration("budget", time.Minute, "stop a contender's timed passes after this (at least one pass)")
	qps := flag.Duration("qps", 3*time.Second, "duration of each throughput run")
	flag.Parse()

	cfg := Config{Seed: *seed, Dir: *dir, Rounds: *rounds, Budget: *budget, QPS: *qps, Log: os.Stderr}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "searchbench: bad size %q\n", s)
			os.Exit(2)
		}
		cfg.Sizes = append(cfg.Sizes, n)
	}
	if *million {
		cfg.Sizes = append(cfg.Sizes, 1_000_000)
	}
	if cfg.Dir == "" {
		d, err := os.MkdirTemp("", "kurskatalog-searchbench-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "searchbench:", err)
			os.Exit(1)
		}
		defer os.RemoveAll(d)
		cfg.Dir = d
	}
	start := time.Now()
	reports, err := Run(context.Background(), cfg)
	Markdown(os.Stdout, reports)
	if err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "done in %s\n", time.Since(start).Round(time.Second))
}
