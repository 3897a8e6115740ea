// Package progress lets a running source report how far it has come, so
// that a terminal can show live counters. The counter travels in the
// context: adapters report without knowing who, if anyone, is watching.
package progress

import (
	"context"
	"sync/atomic"
)

// Counter counts the pages (requests) and records a source has read.
type Counter struct {
	pages   atomic.Int64
	records atomic.Int64
}

// Pages returns the number of pages read so far.
func (c *Counter) Pages() int64 { return c.pages.Load() }

// Records returns the number of records read so far.
func (c *Counter) Records() int64 { return c.records.Load() }

// Add counts pages and records read elsewhere: by the service whose crawl
// a command shows.
func (c *Counter) Add(pages, records int64) {
	c.pages.Add(pages)
	c.records.Add(records)
}

type key struct{}

// With returns a context that carries c.
func With(ctx context.Context, c *Counter) context.Context {
	return context.WithValue(ctx, key{}, c)
}

// Page reports one page read with n records. Without a counter in ctx it
// does nothing.
func Page(ctx context.Context, n int) {
	if c, ok := ctx.Value(key{}).(*Counter); ok {
		c.pages.Add(1)
		c.records.Add(int64(n))
	}
}
