package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/emil3/emil3gen"
	"kurskatalog/data/catalog"
)

// BenchmarkImport is the import part of BenchmarkNationalLoad on its own,
// to profile it: `kurskatalog crawl` of n national events from a real EMIL3
// server on loopback, then again after 1 % of the events changed.
//
//	KURSKATALOG_IMPORT_EVENTS=20000 go test ./cmd/kurskatalog -run '^$' -bench Import -benchtime 1x -cpuprofile cpu.out
//
// The machine is shared, so besides the wall time it reports the CPU time
// of the process (importer and EMIL3 server) per run. With
// KURSKATALOG_IMPORT_PROFILE=prefix it writes a CPU profile of each run to
// prefix-full.pprof and prefix-reimport.pprof; KURSKATALOG_IMPORT_DIR=DIR
// leaves the configuration and the imported data dir there to look into.
func BenchmarkImport(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("KURSKATALOG_IMPORT_EVENTS"))
	if n == 0 {
		b.Skip("set KURSKATALOG_IMPORT_EVENTS (e.g. 20000) to run the import benchmark")
	}
	prefix := os.Getenv("KURSKATALOG_IMPORT_PROFILE")
	for b.Loop() {
		dir := os.Getenv("KURSKATALOG_IMPORT_DIR")
		if dir == "" {
			dir = b.TempDir()
		} else if err := os.RemoveAll(filepath.Join(dir, "var")); err != nil {
			b.Fatal(err)
		}
		config, dataDir := filepath.Join(dir, "config.yaml"), filepath.Join(dir, "var")
		feed := newNationalFeed(b, n, config)
		full, fullCPU := timed(b, prefix, "full", func() { crawlOrFail(b, config, dataDir) })
		fullRequests := feed.requests.Swap(0)
		changed := feed.change()
		re, reCPU := timed(b, prefix, "reimport", func() { crawlOrFail(b, config, dataDir) })
		b.ReportMetric(full.Seconds(), "import_s")
		b.ReportMetric(fullCPU.Seconds(), "import_cpu_s")
		b.ReportMetric(re.Seconds(), "reimport_1pct_s")
		b.ReportMetric(reCPU.Seconds(), "reimport_cpu_s")
		fmt.Printf("\n%d events; full import %.1f s (%.1f s CPU, %d requests); re-import with %d changed %.1f s (%.1f s CPU, %d requests)\n",
			n, full.Seconds(), fullCPU.Seconds(), fullRequests, changed, re.Seconds(), reCPU.Seconds(), feed.requests.Load())
	}
}

// nationalFeed is n generated national events behind a real EMIL3 server
// on loopback, which counts the requests it answers.
type nationalFeed struct {
	mu       sync.RWMutex // the server reads ds while change writes it
	ds       *emil3.Dataset
	requests atomic.Int64
}

// newNationalFeed serves n national events and writes config: a region of
// all municipalities and the feed as its one source.
func newNationalFeed(b *testing.B, n int, config string) *nationalFeed {
	gen := emil3gen.Generate(emil3gen.NationalConfig(1, n))
	f := &nationalFeed{ds: &emil3.Dataset{Events: gen.Events, Infos: gen.Infos, Providers: gen.Providers}}
	h := emil3.NewServer(f.ds, "https://api.skolverket.se/susa-navet/emil3")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.requests.Add(1)
		f.mu.RLock()
		defer f.mu.RUnlock()
		h.ServeHTTP(w, r)
	}))
	b.Cleanup(srv.Close)

	var codes []string
	for _, line := range strings.Split(strings.TrimSpace(municipalityCSV(b)), "\n") {
		codes = append(codes, `"`+strings.SplitN(line, ",", 2)[0]+`"`)
	}
	cfg := fmt.Sprintf("region: [%s]\nfull_every: 168h\nsources:\n  - id: susa-navet\n    kind: emil3\n    url: %s/susa-navet/emil3\n    delay: 1ms\n    timeout: 30m\n",
		strings.Join(codes, ", "), srv.URL)
	if err := os.WriteFile(config, []byte(cfg), 0o644); err != nil {
		b.Fatal(err)
	}
	return f
}

// change edits 1 % of the events (title and lastEdited), a second after
// the last run, so that the next run asks for what changed since it, and
// returns how many it changed.
func (f *nationalFeed) change() int {
	time.Sleep(time.Second)
	f.mu.Lock()
	defer f.mu.Unlock()
	edited := time.Now().In(catalog.Stockholm).Format("2006-01-02T15:04:05")
	changed := 0
	for i := range f.ds.Events {
		e := &f.ds.Events[i]
		if i%100 != 0 || e.Content == nil || e.Content.Title == nil {
			continue
		}
		c := *e.Content
		c.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Value: e.Content.Title.In("swe") + " (ny omgång)"}}}
		c.LastEdited = edited
		e.Content = &c
		changed++
	}
	return changed
}

// timed runs fn and returns its wall time and the CPU time the process
// spent meanwhile; with a prefix, it profiles fn to prefix-name.pprof.
func timed(b *testing.B, prefix, name string, fn func()) (wall, cpu time.Duration) {
	used := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if prefix != "" {
		f, err := os.Create(prefix + "-" + name + ".pprof")
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			b.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	start, startCPU := time.Now(), used()
	fn()
	return time.Since(start), used() - startCPU
}
