package bench

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
		eng := s.Latencies["engine"]
		fmt.Fprintf(w, "Whole mix (%d queries per pass):\n\n", len(Mix()))
		fmt.Fprintln(w, "| contender | timed queries | p50 | p95 | p99 | p99 / engine | queries/s, 1 core | 2 cores | allocs/query | KiB/query |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, name := range contenderOrder {
			l := s.Latencies[name]
			if l == nil {
				continue
			}
			p99 := percentile(l.All, 99)
			fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s | %s | %.0f | %.0f |\n", name, len(l.All), ms(percentile(l.All, 50)),
				ms(percentile(l.All, 95)), ms(p99), ratio(p99, percentile(eng.All, 99)), rate(l.QPS[0]), rate(l.QPS[1]), l.Allocs, l.Bytes/1024)
		}
		fmt.Fprintf(w, "\np99 by kind of query (p50 in brackets):\n\n| kind |")
		for _, name := range contenderOrder {
			if s.Latencies[name] != nil {
				fmt.Fprintf(w, " %s |", name)
			}
		}
		fmt.Fprintf(w, " Bleve/engine (p99) |\n|---|%s---:|\n", strings.Repeat("---:|", len(s.Latencies)))
		for _, cat := range Categories {
			fmt.Fprintf(w, "| %s |", cat)
			for _, name := range contenderOrder {
				if l := s.Latencies[name]; l != nil {
					fmt.Fprintf(w, " %s (%s) |", ms(percentile(l.ByCategory[cat], 99)), ms(percentile(l.ByCategory[cat], 50)))
				}
			}
			fmt.Fprintf(w, " %s |\n", ratio(percentile(s.Latencies["bleve"].ByCategory[cat], 99), percentile(eng.ByCategory[cat], 99)))
		}
		fmt.Fprintf(w, "\nBuilding and storing (generating and importing the events took %s):\n\n", ms(s.Generate))
		fmt.Fprintln(w, "| contender | build | on disk | Go heap | open + first query | re-import 1 % | note |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---|")
		for _, name := range contenderOrder {
			b := s.Builds[name]
			if b == nil || name == "floor" {
				continue
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", name, ms(b.Build), mib(b.Disk), mib(b.Heap), ms(b.Open), ms(b.Reimport), b.Note)
		}
		fmt.Fprintf(w, "\n- Engine time spent in Bleve: %.0f %% finding the matches, %.0f %% ranking them by score; with the words cached: %.0f %% and %.0f %%.\n",
			100*eng.MatchShare, 100*eng.RankShare, 100*s.Latencies["engine, words cached"].MatchShare, 100*s.Latencies["engine, words cached"].RankShare)
		fmt.Fprintf(w, "- After the re-import, mapping Bleve's new segments (`Text.Warm`): %s; the first text query after that: %s (it maps what Bleve merged meanwhile).\n", ms(s.WarmAfter), ms(s.FirstTextAfter))
		fmt.Fprintf(w, "- Two readers (engine, all facets, the queries without words) on 2 cores: p50 %s, p99 %s alone; p50 %s, p99 %s while a writer re-imports 1 %% continuously (%.1f imports/s).\n",
			ms(s.Concurrent[0][0]), ms(s.Concurrent[0][1]), ms(s.Concurrent[1][0]), ms(s.Concurrent[1][1]), s.WritesPerSecond)
		fmt.Fprintf(w, "- Engine vs Bleve, same queries: %d differing answers", len(s.Mismatches))
		if len(s.Mismatches) > 0 {
			fmt.Fprintf(w, ": %s", strings.Join(s.Mismatches, "; "))
		}
		fmt.Fprintf(w, ". SQLite's totals differ from Bleve's on %d of %d queries (no Swedish stemming or stop words in FTS5).\n", s.SQLiteDiffers, len(Mix()))
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

// rate formats queries per second, with a decimal below 10.
func rate(qps float64) string {
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
