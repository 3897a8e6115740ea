package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"kurskatalog/crawler/progress"
	"kurskatalog/data/catalog"
)

// crawlFunc runs the sources with the given ids (all when none), telling
// watch each source's progress counter: app.crawl here, or the running
// service's crawl (askService).
type crawlFunc func(ctx context.Context, ids []string, watch func(id string, c *progress.Counter)) ([]catalog.Run, error)

// crawlCommand runs the sources once through crawl, shows each one's pages
// and records as they come (see newDisplay), and prints a summary table.
func crawlCommand(ctx context.Context, crawl crawlFunc, ids []string, out io.Writer, logs *logSink) error {
	d := newDisplay(out, logs)
	runs, err := crawl(ctx, ids, d.watch)
	d.close()

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
