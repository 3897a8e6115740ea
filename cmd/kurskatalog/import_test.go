package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
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
		live := serveNational(b, n, config, "")
		var requests atomic.Int64
		live.fault = func(http.ResponseWriter, *http.Request) bool { requests.Add(1); return false }
		full, fullCPU := timed(b, prefix, "full", func() { crawlOrFail(b, config, dataDir) })
		fullRequests := requests.Swap(0)
		time.Sleep(time.Second) // lastEdited has whole seconds
		changed := changeEvents(live, 100)
		re, reCPU := timed(b, prefix, "reimport", func() { crawlOrFail(b, config, dataDir) })
		b.ReportMetric(full.Seconds(), "import_s")
		b.ReportMetric(fullCPU.Seconds(), "import_cpu_s")
		b.ReportMetric(re.Seconds(), "reimport_1pct_s")
		b.ReportMetric(reCPU.Seconds(), "reimport_cpu_s")
		fmt.Printf("\n%d events; full import %.1f s (%.1f s CPU, %d requests); re-import with %d changed %.1f s (%.1f s CPU, %d requests)\n",
			n, full.Seconds(), fullCPU.Seconds(), fullRequests, changed, re.Seconds(), reCPU.Seconds(), requests.Load())
	}
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
