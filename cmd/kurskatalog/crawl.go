package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"kurskatalog/crawler/progress"
	"kurskatalog/data/catalog"
)

// crawlFunc runs the sources with the given ids (all when none), telling
// watch each source's progress counter: app.crawl here, or the running
// service's crawl (askService).
type crawlFunc func(ctx context.Context, ids []string, watch func(id string, c *progress.Counter)) ([]catalog.Run, error)

// crawlCommand runs the sources once, shows live counters per source when
// out is a terminal, and prints a summary table.
func crawlCommand(ctx context.Context, crawl crawlFunc, ids []string, out io.Writer) error {
	var (
		mu       sync.Mutex
		order    []string
		counters = map[string]*progress.Counter{}
	)
	watch := func(id string, c *progress.Counter) {
		mu.Lock()
		defer mu.Unlock()
		order = append(order, id)
		counters[id] = c
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		if !isTerminal(out) {
			<-stop
			return
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				fmt.Fprint(out, "\r\033[K")
				return
			case <-tick.C:
				mu.Lock()
				var parts []string
				for _, id := range order {
					c := counters[id]
					parts = append(parts, fmt.Sprintf("%s: %d pages, %d records", id, c.Pages(), c.Records()))
				}
				mu.Unlock()
				fmt.Fprintf(out, "\r\033[K%5.1fs  %s", time.Since(start).Seconds(), strings.Join(parts, " | "))
			}
		}
	}()
	runs, err := crawl(ctx, ids, watch)
	close(stop)
	<-done

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "source\tstatus\tfetched\tadded\tchanged\tremoved\tskipped\tseconds\t")
	for _, r := range runs {
		if r.Source == "" {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.1f\t\n", r.Source, r.Status, r.Fetched, r.Added,
			r.Changed, r.Removed, r.Skipped, r.Finished.Sub(r.Started).Seconds())
	}
	tw.Flush()
	for _, r := range runs {
		if r.Error != "" {
			fmt.Fprintf(out, "%s: %s\n", r.Source, r.Error)
		}
	}
	return err
}

// isTerminal reports whether w is a character device (a terminal), where
// live counters make sense; in a log file they would be noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
