// Package progress lets a running source report how far it has come, so
// that a terminal or a log can show it as it happens. The counter travels
// in the context: adapters report without knowing who, if anyone, is
// watching.
package progress

import (
	"context"
	"sync"
	"sync/atomic"
)

// Counter counts the pages (requests) and records a source has read, and
// tells a watcher, if one is set, of every page and of the end.
type Counter struct {
	pages   atomic.Int64
	records atomic.Int64

	mu       sync.Mutex
	onChange func()
	done     bool
	err      error
}

// Pages returns the number of pages read so far.
func (c *Counter) Pages() int64 { return c.pages.Load() }

// Records returns the number of records read so far.
func (c *Counter) Records() int64 { return c.records.Load() }

// OnChange sets fn to be called after each page and at the end, on the
// goroutine that reports it. Set it before the run starts.
func (c *Counter) OnChange(fn func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onChange = fn
}

// Finish records that the run is over, failed when err is not nil.
func (c *Counter) Finish(err error) {
	c.mu.Lock()
	c.done, c.err = true, err
	fn := c.onChange
	c.mu.Unlock()
	if fn != nil {
		fn()
	}
}

// Done reports whether the run is over, and its error.
func (c *Counter) Done() (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.done, c.err
}

func (c *Counter) page(n int) { c.Add(1, int64(n)) }

// Add counts pages and records read elsewhere: by the service whose crawl
// a command shows.
func (c *Counter) Add(pages, records int64) {
	c.pages.Add(pages)
	c.records.Add(records)
	c.mu.Lock()
	fn := c.onChange
	c.mu.Unlock()
	if fn != nil {
		fn()
	}
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
		c.page(n)
	}
}
