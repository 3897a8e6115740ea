package main

import (
	"context"
	"fmt"
	"time"
)

// The roles of a process on the store (openApp).
const (
	roleWriter = "writer" // serve (both roles) or serve --role crawler, crawl
	roleAPI    = "api"    // serve --role api
	roleIndex  = "index"  // reindex
)

// serveRole turns serve's --role into openApp's.
func serveRole(flag string, cfg *Config) (string, error) {
	switch flag {
	case "", "crawler":
		return roleWriter, nil
	case "api":
		if cfg.Store == "" {
			return "", fmt.Errorf("--role api needs a store shared with the crawler: store: postgres://... in the config")
		}
		return roleAPI, nil
	}
	return "", fmt.Errorf("--role: %q is not api or crawler", flag)
}

// writerLocker is a store that several processes share, of which one
// imports (PostgreSQL).
type writerLocker interface {
	HoldWriter(ctx context.Context, waiting func()) (release func(), err error)
}

// takeWrites makes a writer the store's one importing process, waiting for
// the one before it, and then marks the runs a process that ended left
// running as interrupted. On SQLite the data dir's lock already makes the
// process the only one.
func (a *app) takeWrites(ctx context.Context) error {
	wl, shared := a.db.(writerLocker)
	switch {
	case a.role == roleAPI, a.role == roleIndex && shared:
		return nil
	case a.role == roleWriter && shared:
		release, err := wl.HoldWriter(ctx, func() {
			a.log.Warn("Another process imports into the store; waiting for it to stop")
		})
		if err != nil {
			return err
		}
		a.release = release
	}
	interrupted, err := a.db.InterruptRuns(ctx)
	if err != nil {
		return err
	}
	for _, src := range interrupted {
		a.log.Warn("Run interrupted by the end of its process", "source", src)
	}
	return nil
}

// follow keeps the index of a read-only serve (--role api) up with the
// changes the crawler commits to the store: every second it compares the
// store's change number with the index's, and indexes what changed.
func (a *app) follow(ctx context.Context) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		n, err := a.runner.CatchUp(ctx)
		if err != nil {
			if ctx.Err() == nil {
				a.log.Warn("Index not caught up with the store", "error", err)
			}
			continue
		}
		if n > 0 {
			a.log.Info("Index followed the store", "offerings", n)
			a.afterRuns(ctx)
		}
	}
}
