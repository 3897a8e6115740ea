// Command cmd runs the search benchmark of package bench and prints its
// tables (Markdown) to stdout, progress to stderr:
//
//	go run ./index/bench/cmd            # 3,000 and 100,000 events
//	go run ./index/bench/cmd -1m        # and 1,000,000
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"kurskatalog/index/bench"
)

func main() {
	sizes := flag.String("sizes", "3000,100000", "comma-separated numbers of generated events")
	million := flag.Bool("1m", false, "also measure 1,000,000 events (about 20 GiB of memory and 30 minutes)")
	seed := flag.Int64("seed", 1, "generator seed")
	dir := flag.String("dir", "", "directory for the Bleve and SQLite files (default: a temporary one)")
	rounds := flag.Int("rounds", 30, "timed passes over the query mix per contender")
	budget := flag.Duration("budget", time.Minute, "stop a contender's timed passes after this (at least one pass)")
	qps := flag.Duration("qps", 3*time.Second, "duration of each throughput run")
	flag.Parse()

	cfg := bench.Config{Seed: *seed, Dir: *dir, Rounds: *rounds, Budget: *budget, QPS: *qps, Log: os.Stderr}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "bench: bad size %q\n", s)
			os.Exit(2)
		}
		cfg.Sizes = append(cfg.Sizes, n)
	}
	if *million {
		cfg.Sizes = append(cfg.Sizes, 1_000_000)
	}
	if cfg.Dir == "" {
		d, err := os.MkdirTemp("", "kurskatalog-bench-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		defer os.RemoveAll(d)
		cfg.Dir = d
	}
	start := time.Now()
	reports, err := bench.Run(context.Background(), cfg)
	bench.Markdown(os.Stdout, reports)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "done in %s\n", time.Since(start).Round(time.Second))
}
