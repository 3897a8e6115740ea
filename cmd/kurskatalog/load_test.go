package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/emil3/emil3gen"
	"kurskatalog/data/catalog"
)

// BenchmarkNationalLoad is the end-to-end scale run of the service, on
// demand (it takes minutes):
//
//	KURSKATALOG_LOAD_EVENTS=100000 go test ./cmd/kurskatalog -run '^$' -bench NationalLoad -benchtime 1x -timeout 30m
//
// It generates that many events nationally (emil3gen, Zipf-distributed
// municipalities and providers), serves them from a real EMIL3 server on
// loopback, imports everything with `kurskatalog crawl` for a region of all
// 290 municipalities, re-imports after 1 % of the events changed, starts
// `kurskatalog serve` as its own process and loads its API with 32
// concurrent clients for 30 s, then reads the server's resident memory.
func BenchmarkNationalLoad(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("KURSKATALOG_LOAD_EVENTS"))
	if n == 0 {
		b.Skip("set KURSKATALOG_LOAD_EVENTS (e.g. 100000) to run the national load benchmark")
	}
	for b.Loop() {
		nationalLoad(b, n)
	}
}

func nationalLoad(b *testing.B, n int) {
	gen := emil3gen.Generate(emil3gen.NationalConfig(1, n))
	ds := &emil3.Dataset{Events: gen.Events, Infos: gen.Infos, Providers: gen.Providers}
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		h := emil3.NewServer(ds, "https://api.skolverket.se/susa-navet/emil3")
		mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()

	dir := b.TempDir()
	dataDir := filepath.Join(dir, "var")
	var codes []string
	for _, line := range strings.Split(strings.TrimSpace(municipalityCSV(b)), "\n") {
		codes = append(codes, `"`+strings.SplitN(line, ",", 2)[0]+`"`)
	}
	config := filepath.Join(dir, "config.yaml")
	cfg := fmt.Sprintf("region: [%s]\nfull_every: 168h\nsources:\n  - id: susa-navet\n    kind: emil3\n    url: %s/susa-navet/emil3\n    delay: 1ms\n    timeout: 30m\n"+
		// 32 clients on one address, as fast as they can: the limit per
		// client would answer instead of the search.
		"http:\n  rate_limit: {per_second: -1}\n",
		strings.Join(codes, ", "), srv.URL)
	if err := os.WriteFile(config, []byte(cfg), 0o644); err != nil {
		b.Fatal(err)
	}

	start := time.Now()
	crawlOrFail(b, config, dataDir)
	full := time.Since(start)

	// 1 % of the events change (title and lastEdited): the next run asks
	// for what changed since the last one.
	time.Sleep(time.Second)
	mu.Lock()
	edited := time.Now().In(catalog.Stockholm).Format("2006-01-02T15:04:05")
	changed := 0
	for i := range ds.Events {
		e := &ds.Events[i]
		if i%100 != 0 || e.Content == nil || e.Content.Title == nil {
			continue
		}
		c := *e.Content
		c.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Value: e.Content.Title.In("swe") + " (ny omgång)"}}}
		c.LastEdited = edited
		e.Content = &c
		changed++
	}
	mu.Unlock()
	start = time.Now()
	crawlOrFail(b, config, dataDir)
	reimport := time.Since(start)

	// The service as its own process, so that its memory is its own.
	bin := filepath.Join(dir, "kurskatalog")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--config", config, "--data-dir", dataDir, "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	startServe := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatalf("serve did not start: %v", err)
	}
	open := time.Since(startServe)
	base := strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(line, "Kurskatalog is serving on ")), "/")

	lat, errs, elapsed := loadAPI(base, 32, 30*time.Second, 200000)
	rss := residentKB(b, cmd.Process.Pid)

	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	b.ReportMetric(full.Seconds(), "import_s")
	b.ReportMetric(reimport.Seconds(), "reimport_1pct_s")
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(pct(0.99).Microseconds())/1000, "p99_ms")
	b.ReportMetric(float64(rss)/1024, "serve_rss_MiB")
	fmt.Printf("\n%d events generated; full import %.1f s; re-import with %d changed (1 %%) %.1f s; serve ready in %.1f s\n",
		n, full.Seconds(), changed, reimport.Seconds(), open.Seconds())
	fmt.Printf("API, 32 concurrent clients, %.0f s: %d requests, %.0f req/s, %d errors; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
		elapsed.Seconds(), len(lat), float64(len(lat))/elapsed.Seconds(), errs,
		ms(pct(0.50)), ms(pct(0.95)), ms(pct(0.99)), ms(lat[len(lat)-1]))
	fmt.Printf("serve resident memory after the load: %.0f MiB\n", float64(rss)/1024)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func crawlOrFail(b *testing.B, config, dataDir string) {
	b.Helper()
	var out strings.Builder
	if code := run(context.Background(), []string{"crawl", "--config", config, "--data-dir", dataDir}, &out, io.Discard); code != 0 {
		b.Fatalf("crawl exited %d:\n%s", code, out.String())
	}
}

// loadQueries is the mix: the first page (everything), filters, words,
// words with filters, a deep page, suggestions.
var loadQueries = []string{
	"/api/v1/search",
	"/api/v1/search?municipality=2380",
	"/api/v1/search?municipality=2313&include_distance=true&mode=online",
	"/api/v1/search?school_type=VUXGY&pace=50&start_period=within_3_months",
	"/api/v1/search?q=svenska",
	"/api/v1/search?q=undersk%C3%B6terska&municipality=0180",
	"/api/v1/search?q=distans&page=20",
	"/api/v1/search?q=programmering&level=bachelor",
	"/api/v1/search?occupation=5321&application_open=true",
	"/api/v1/suggest?q=sv",
}

// loadAPI runs clients concurrent clients over loadQueries until d has
// passed or max requests were made, and returns every latency.
func loadAPI(base string, clients int, d time.Duration, max int64) ([]time.Duration, int, time.Duration) {
	var (
		mu   sync.Mutex
		all  []time.Duration
		errs atomic.Int64
		sent atomic.Int64
		wg   sync.WaitGroup
	)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 10 * time.Second}
	deadline := time.Now().Add(d)
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			var mine []time.Duration
			for i := c; time.Now().Before(deadline) && sent.Add(1) <= max; i++ {
				t0 := time.Now()
				resp, err := client.Get(base + loadQueries[i%len(loadQueries)])
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				if err != nil || resp.StatusCode != http.StatusOK {
					errs.Add(1)
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return all, int(errs.Load()), time.Since(start)
}

func residentKB(b *testing.B, pid int) int {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.Atoi(f[1])
			return kb
		}
	}
	return 0
}

func municipalityCSV(b *testing.B) string {
	raw, err := os.ReadFile("../../data/reference/kommunkoder-kommunnamn.csv")
	if err != nil {
		b.Fatal(err)
	}
	return string(raw)
}
