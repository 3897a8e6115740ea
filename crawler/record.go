package crawler

import (
	"context"
	"errors"
	"log/slog"

	"kurskatalog/data/catalog"
)

// RunStore records runs.
type RunStore interface {
	StartRun(ctx context.Context, source string, full bool) (catalog.Run, error)
	FinishRun(ctx context.Context, r *catalog.Run) error
}

// Record does work as one full run of the source id, recorded like an
// offering source's run through the Runner: started, then finished as ok
// or failed with its reason and figures, and logged. It is how the sources
// that feed other tables than the offerings' (the labour-market barometer,
// the bus timetable) import.
func Record(ctx context.Context, store RunStore, log *slog.Logger, id string, work func(ctx context.Context, run *catalog.Run) error) (catalog.Run, error) {
	log = log.With("source", id)
	run, err := store.StartRun(ctx, id, true)
	if err != nil {
		log.Error("Source run not started", "error", err)
		return run, err
	}
	log.Info("Source run started")
	err = work(ctx, &run)
	run.Status = catalog.RunOK
	if err != nil {
		run.Status, run.Error = catalog.RunFailed, err.Error()
	}
	if ferr := store.FinishRun(context.WithoutCancel(ctx), &run); ferr != nil {
		err = errors.Join(err, ferr)
	}
	attrs := []any{"status", run.Status, "fetched", run.Fetched, "filtered", run.Filtered, "skipped", run.Skipped,
		"added", run.Added, "changed", run.Changed, "removed", run.Removed, "duration_ms", run.Finished.Sub(run.Started).Milliseconds()}
	if err != nil {
		log.Error("Source run failed", append(attrs, "error", err)...)
	} else {
		log.Info("Source run finished", attrs...)
	}
	return run, err
}

// Tally counts skipped records in run by their reason.
func Tally(run *catalog.Run, skipped []catalog.Skip) {
	run.Skipped = len(skipped)
	for _, sk := range skipped {
		if run.Reasons == nil {
			run.Reasons = map[string]int{}
		}
		run.Reasons[sk.Reason]++
	}
}
