package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkLoadBesideCrawl is the service under load while it imports, on
// demand (a minute and more):
//
//	KURSKATALOG_LOAD_EVENTS=20000 go test ./cmd/kurskatalog -run '^$' -bench LoadBesideCrawl -benchtime 1x -timeout 30m
//
// It imports that many national events, starts `kurskatalog serve` as its
// own process and loads its API with 32 concurrent clients for 60 s, while
// `kurskatalog crawl` runs beside it again and again (through the
// service's admin socket), each time after 5 % of the events changed. Every
// request must answer 200: no 5xx, no dropped connection. The service's own
// memory is sampled every half second.
func BenchmarkLoadBesideCrawl(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("KURSKATALOG_LOAD_EVENTS"))
	if n == 0 {
		b.Skip("set KURSKATALOG_LOAD_EVENTS (e.g. 20000) to run the load beside a crawl")
	}
	for b.Loop() {
		loadBesideCrawl(b, n)
	}
}

func loadBesideCrawl(b *testing.B, n int) {
	dir := b.TempDir()
	config, dataDir := filepath.Join(dir, "config.yaml"), filepath.Join(dir, "var")
	live := serveNational(b, n, config, "")
	crawlOrFail(b, config, dataDir)
	base, pid, _ := startServeProcess(b, buildServe(b), config, dataDir)
	_, before := residentKB(b, pid)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		crawls, failed atomic.Int64
		maxAnon        atomic.Int64
		crawlErr       atomic.Value
		done           = make(chan struct{}, 2)
	)
	go func() { // the crawls
		defer func() { done <- struct{}{} }()
		for ctx.Err() == nil {
			time.Sleep(time.Second) // lastEdited has whole seconds
			changeEvents(live, 20)
			var out strings.Builder
			code := run(ctx, []string{"crawl", "--config", config, "--data-dir", dataDir}, &out, io.Discard)
			switch {
			case ctx.Err() != nil:
			case code != 0:
				failed.Add(1)
				crawlErr.Store(out.String())
			default:
				crawls.Add(1)
			}
		}
	}()
	go func() { // the memory
		defer func() { done <- struct{}{} }()
		for ctx.Err() == nil {
			if _, anon := residentKB(b, pid); int64(anon) > maxAnon.Load() {
				maxAnon.Store(int64(anon))
			}
			time.Sleep(500 * time.Millisecond)
		}
	}()
	lat, errs, elapsed := loadAPI(base, 32, 60*time.Second, 1<<40, 0)
	cancel()
	<-done
	<-done
	_, after := residentKB(b, pid)

	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(errs), "errors")
	b.ReportMetric(float64(crawls.Load()), "crawls")
	b.ReportMetric(float64(maxAnon.Load())/1024, "max_anon_MiB")
	fmt.Printf("\n%d events; 32 clients for %.0f s beside %d crawls (5 %% of the events changed before each, %d failed): "+
		"%d requests, %.0f req/s, %d not 200; p50 %.1f ms, p99 %.1f ms\n",
		n, elapsed.Seconds(), crawls.Load(), failed.Load(), len(all), float64(len(all))/elapsed.Seconds(), errs,
		ms(pct(all, 0.5)), ms(pct(all, 0.99)))
	fmt.Printf("serve's own memory: %.0f MiB before, at most %.0f MiB during, %.0f MiB after\n",
		float64(before)/1024, float64(maxAnon.Load())/1024, float64(after)/1024)
	if errs > 0 {
		b.Errorf("%d requests did not answer 200 beside the crawls", errs)
	}
	if failed.Load() > 0 || crawls.Load() == 0 {
		b.Errorf("%d crawls done, %d failed; last failure:\n%v", crawls.Load(), failed.Load(), crawlErr.Load())
	}
}
