package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"kurskatalog/crawler/progress"
)

// linesEvery is how many pages a source reads between two plain lines.
const linesEvery = 10

// display shows each source's pages and records while a crawl runs.
type display interface {
	// watch starts showing a source; c is its counter, before the run.
	watch(id string, c *progress.Counter)
	// close waits until every watched source has finished and is shown.
	close()
}

// newDisplay is a live multi-line display on a terminal, with the log
// lines written above it, and plain lines elsewhere (a file, a pipe, a
// cron mail), where redrawn lines would be noise.
func newDisplay(out io.Writer, logs *logSink) display {
	if !isTerminal(out) {
		return &lineDisplay{out: out, started: map[string]time.Time{}, shown: map[string]int64{}}
	}
	p := mpb.New(mpb.WithOutput(out), mpb.WithWidth(24), mpb.WithRefreshRate(150*time.Millisecond))
	return &barDisplay{p: p, logs: logs, restore: logs.above(p)}
}

// lineDisplay writes one line when a source starts, every linesEvery pages
// and when it ends.
type lineDisplay struct {
	out     io.Writer
	mu      sync.Mutex
	started map[string]time.Time
	shown   map[string]int64 // pages at the last line
}

func (d *lineDisplay) watch(id string, c *progress.Counter) {
	d.mu.Lock()
	d.started[id] = time.Now()
	fmt.Fprintf(d.out, "%s: started\n", id)
	d.mu.Unlock()
	c.OnChange(func() { d.changed(id, c) })
}

func (d *lineDisplay) changed(id string, c *progress.Counter) {
	d.mu.Lock()
	defer d.mu.Unlock()
	pages, records := c.Pages(), c.Records()
	if done, err := c.Done(); done {
		status := "ok"
		if err != nil {
			status = "failed"
		}
		fmt.Fprintf(d.out, "%s: %s after %.1fs, %d pages, %d records\n", id, status, time.Since(d.started[id]).Seconds(), pages, records)
		return
	}
	if pages == 1 || pages >= d.shown[id]+linesEvery {
		d.shown[id] = pages
		fmt.Fprintf(d.out, "%s: %d pages, %d records\n", id, pages, records)
	}
}

func (d *lineDisplay) close() {}

// spinner turns, by the clock, beside a source that is running.
var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// barDisplay is one line per source, redrawn in place, with a spinner
// while it runs and its outcome when it is done.
type barDisplay struct {
	p       *mpb.Progress
	logs    *logSink
	restore func()
	mu      sync.Mutex
	bars    []*mpb.Bar
}

func (d *barDisplay) watch(id string, c *progress.Counter) {
	status := decor.Any(func(decor.Statistics) string {
		switch done, err := c.Done(); {
		case !done:
			return spinner[time.Now().UnixMilli()/100%int64(len(spinner))]
		case err != nil:
			return "failed"
		}
		return "ok"
	}, decor.WC{W: 7, C: decor.DindentRight})
	counts := decor.Any(func(decor.Statistics) string {
		return fmt.Sprintf("%d pages, %d records", c.Pages(), c.Records())
	}, decor.WCSyncWidthR)
	bar := d.p.New(0, mpb.NopStyle(),
		mpb.PrependDecorators(decor.Name(id, decor.WCSyncSpaceR), status, counts, decor.Elapsed(decor.ET_STYLE_GO, decor.WCSyncSpace)))
	d.mu.Lock()
	d.bars = append(d.bars, bar)
	d.mu.Unlock()
	c.OnChange(func() {
		if done, _ := c.Done(); done {
			bar.SetTotal(-1, true)
		}
	})
}

func (d *barDisplay) close() {
	d.mu.Lock()
	for _, b := range d.bars {
		b.SetTotal(-1, true) // a source that never finished must not hold Wait
	}
	d.mu.Unlock()
	d.p.Wait()
	d.restore()
}

// logSink is where the log goes: stderr, or above the bars while a live
// display owns the terminal, so that log lines do not tear the bars.
type logSink struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *logSink) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

// above sends the log to p while the log is a terminal too (a log written
// to a file stays there), and returns what sends it back.
func (s *logSink) above(p io.Writer) (restore func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.w
	if !isTerminal(old) {
		return func() {}
	}
	s.w = p
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.w = old
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
