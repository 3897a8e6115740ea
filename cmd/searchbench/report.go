package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Markdown writes the reports as the tables of docs/benchmarks.md.
func Markdown(w io.Writer, sizes []*Size) {
	for _, s := range sizes {
		fmt.Fprintf(w, "### %s events (%s offerings after import)\n\n", thousands(s.Events), thousands(s.Offerings))
		ref := s.Latencies[nameIndex]
		fmt.Fprintf(w, "Whole mix (%d queries per pass):\n\n", len(Mix()))
		fmt.Fprintln(w, "| contender | timed queries | p50 | p95 | p99 | p99 / index | queries/s, 1 core | 2 cores | allocs/query | KiB/query |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, name := range contenderOrder {
			l := s.Latencies[name]
			if l == nil {
				continue
			}
			p99 := percentile(l.All, 99)
			fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s | %s | %.0f | %.0f |\n", name, len(l.All), ms(percentile(l.All, 50)),
				ms(percentile(l.All, 95)), ms(p99), ratio(p99, percentile(ref.All, 99)), rate(l.QPS[0]), rate(l.QPS[1]), l.Allocs, l.Bytes/1024)
		}
		fmt.Fprintf(w, "\np99 by kind of query (p50 in brackets):\n\n| kind |")
		for _, name := range contenderOrder {
			if s.Latencies[name] != nil {
				fmt.Fprintf(w, " %s |", name)
			}
		}
		fmt.Fprintf(w, " SQLite/index (p99) |\n|---|%s---:|\n", strings.Repeat("---:|", len(s.Latencies)))
		for _, cat := range Categories {
			fmt.Fprintf(w, "| %s |", cat)
			for _, name := range contenderOrder {
				if l := s.Latencies[name]; l != nil {
					fmt.Fprintf(w, " %s (%s) |", ms(percentile(l.ByCategory[cat], 99)), ms(percentile(l.ByCategory[cat], 50)))
				}
			}
			fmt.Fprintf(w, " %s |\n", ratio(percentile(s.Latencies[nameSQLite].ByCategory[cat], 99), percentile(ref.ByCategory[cat], 99)))
		}
		fmt.Fprintf(w, "\nBuilding and storing (generating and importing the events took %s):\n\n", ms(s.Generate))
		fmt.Fprintln(w, "| contender | build | on disk | Go heap | open + first query | re-import 1 % | note |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---|")
		for _, name := range contenderOrder {
			if b := s.Builds[name]; b != nil {
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", name, ms(b.Build), mib(b.Disk), mib(b.Heap), ms(b.Open), ms(b.Reimport), b.Note)
			}
		}
		fmt.Fprintf(w, "\n- The first search with words after the re-import: %s.\n", ms(s.FirstTextAfter))
		fmt.Fprintf(w, "- Two readers (the index, the queries without words, past offerings left out) on 2 cores: p50 %s, p99 %s alone; p50 %s, p99 %s while a writer re-imports 1 %% into the index continuously (%.1f imports/s).\n",
			ms(s.Concurrent[0][0]), ms(s.Concurrent[0][1]), ms(s.Concurrent[1][0]), ms(s.Concurrent[1][1]), s.WritesPerSecond)
		fmt.Fprintf(w, "- Index vs SQLite on the queries without words (totals, static facet counts, pages by start and title): %d differing answers", len(s.Mismatches))
		if len(s.Mismatches) > 0 {
			fmt.Fprintf(w, ": %s", strings.Join(s.Mismatches, "; "))
		}
		fmt.Fprintf(w, ". SQLite's totals differ from the index's on %d of %d queries (FTS5 has no Swedish analysis, compounds or relaxation).\n", s.SQLiteDiffers, len(Mix()))
		fmt.Fprintf(w, "- Peak resident memory of the benchmark process so far: %s.\n\n", mib(s.PeakRSS))
	}
}

func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "–"
	}
	r := float64(a) / float64(b)
	if r >= 10 {
		return fmt.Sprintf("%.0f×", r)
	}
	return fmt.Sprintf("%.1f×", r)
}

// rate formats queries per second, with a decimal below 10; "–" where it
// was not measured.
func rate(qps float64) string {
	if qps <= 0 {
		return "–"
	}
	if qps < 10 {
		return fmt.Sprintf("%.1f", qps)
	}
	return fmt.Sprintf("%.0f", qps)
}

func mib(n int64) string {
	if n <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
