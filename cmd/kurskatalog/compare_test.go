package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// BenchmarkCompareLoad runs the service as built from this tree and from
// another tree side by side, on copies of one national data dir, and loads
// both at once with the national load's mix, 16 clients each, on demand:
//
//	KURSKATALOG_COMPARE=/path/to/other/tree KURSKATALOG_LOAD_DIR=DIR go test ./cmd/kurskatalog -run '^$' -bench CompareLoad -benchtime 1x
//
// DIR/var must hold a data dir that BenchmarkNationalLoad imported; it is
// copied, not changed. This
// machine's speed moves by a fifth between runs of the same build, which
// hides a change of a few percent in runs one after the other; two
// services loaded at once share whatever the machine gives, so the ratio
// of their throughput, CPU per request and latencies shows the change.
// KURSKATALOG_LOAD_WARM and KURSKATALOG_LOAD_SERVE_ENV apply to both.
func BenchmarkCompareLoad(b *testing.B) {
	other, dir := os.Getenv("KURSKATALOG_COMPARE"), os.Getenv("KURSKATALOG_LOAD_DIR")
	if other == "" || dir == "" {
		b.Skip("set KURSKATALOG_COMPARE (another source tree) and KURSKATALOG_LOAD_DIR (an imported national data dir)")
	}
	dataDir, config := filepath.Join(dir, "var"), filepath.Join(dir, "config.yaml")
	if _, err := os.Stat(filepath.Join(dataDir, "kurskatalog.db")); err != nil {
		b.Fatalf("no imported data dir in %s: run BenchmarkNationalLoad with KURSKATALOG_LOAD_DIR first", dir)
	}
	for b.Loop() {
		otherBin := filepath.Join(b.TempDir(), "kurskatalog")
		build := exec.Command("go", "build", "-o", otherBin, "./cmd/kurskatalog")
		build.Dir = other
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("go build in %s: %v\n%s", other, err, out)
		}
		services := []*compared{{name: "this tree", bin: buildServe(b)}, {name: other, bin: otherBin}}
		for _, s := range services {
			// Each its own copy, started and stopped once, so that both
			// start again from the facets they saved: the same start,
			// the national load's restart.
			s.dataDir = filepath.Join(b.TempDir(), "var")
			if out, err := exec.Command("cp", "-a", dataDir, s.dataDir).CombinedOutput(); err != nil {
				b.Fatalf("copying the data dir: %v\n%s", err, out)
			}
			_, _, stop := startServeProcess(b, s.bin, config, s.dataDir)
			stop()
		}
		for _, s := range services {
			start := time.Now()
			s.base, s.pid, _ = startServeProcess(b, s.bin, config, s.dataDir)
			fmt.Printf("%s: ready in %.1f s\n", s.name, time.Since(start).Seconds())
		}
		if w, _ := time.ParseDuration(os.Getenv("KURSKATALOG_LOAD_WARM")); w > 0 {
			time.Sleep(w)
		}
		var wg sync.WaitGroup
		for _, s := range services {
			cpu := cpuTime(b, s.pid)
			wg.Go(func() {
				s.lat, s.errs, s.elapsed = loadAPI(s.base, 16, 30*time.Second, 500000, 0)
				s.cpu = cpuTime(b, s.pid) - cpu
			})
		}
		wg.Wait()
		compare(b, services[0], services[1])
	}
}

// compared is one of the two services and what its load measured.
type compared struct {
	name, bin, dataDir string
	base               string
	pid                int
	lat                map[string][]time.Duration
	errs               int
	elapsed            time.Duration
	cpu                time.Duration
}

func (c *compared) requests() int {
	n := 0
	for _, l := range c.lat {
		n += len(l)
	}
	return n
}

func (c *compared) all() []time.Duration {
	var all []time.Duration
	for _, l := range c.lat {
		all = append(all, l...)
	}
	return all
}

// compare prints a and b side by side, with b's figures as a ratio of
// a's, and reports the ratios as metrics.
func compare(b *testing.B, this, other *compared) {
	row := func(what string, x, y float64, unit string) {
		fmt.Printf("| %s | %.1f %s | %.1f %s | %.3f |\n", what, x, unit, y, unit, y/max(x, 1e-9))
	}
	fmt.Printf("\n| 16 clients each, 30 s, at once | this tree | %s | other / this |\n|---|---:|---:|---:|\n", other.name)
	rate := func(c *compared) float64 { return float64(c.requests()) / c.elapsed.Seconds() }
	cpuPer := func(c *compared) float64 { return c.cpu.Seconds() * 1000 / float64(max(c.requests(), 1)) }
	row("requests/s", rate(this), rate(other), "")
	row("serve CPU per request", cpuPer(this), cpuPer(other), "ms")
	row("errors", float64(this.errs), float64(other.errs), "")
	for _, p := range []float64{0.5, 0.99} {
		row(fmt.Sprintf("p%.0f, all", p*100), ms(pct(this.all(), p)), ms(pct(other.all(), p)), "ms")
	}
	for _, k := range loadKinds {
		row("p99, "+k.name, ms(pct(this.lat[k.name], 0.99)), ms(pct(other.lat[k.name], 0.99)), "ms")
	}
	b.ReportMetric(rate(other)/rate(this), "other/this_req/s")
	b.ReportMetric(cpuPer(other)/cpuPer(this), "other/this_cpu/req")
	b.ReportMetric(float64(pct(other.all(), 0.99))/float64(max(pct(this.all(), 0.99), time.Microsecond)), "other/this_p99")
}
