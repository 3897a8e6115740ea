package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// crawlCommand runs the sources once and prints a summary table.
func (a *app) crawlCommand(ctx context.Context, ids []string, out io.Writer) error {
	runs, err := a.crawl(ctx, ids)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "source\tstatus\tfetched\tadded\tchanged\tremoved\tskipped\tseconds\t")
	for _, r := range runs {
		if r.Source == "" {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.1f\t\n", r.Source, r.Status, r.Fetched, r.Added,
			r.Changed, r.Removed, r.Skipped, r.Finished.Sub(r.Started).Round(100*time.Millisecond).Seconds())
	}
	tw.Flush()
	return err
}
