package main

import (
	"kurskatalog/data/postgres/pgtest"

	"bufio"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the tests start the program as a process of its own (this
// test binary with $KURSKATALOG_TEST_MAIN set), to kill it with SIGKILL.
func TestMain(m *testing.M) {
	if os.Getenv("KURSKATALOG_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(pgtest.Main(m)) // a PostgreSQL server for the tests of store: postgres://...
}

// killWhen runs kurskatalog with args as a process and kills it (kill -9)
// once it has logged a line containing line, and wait more; it fails the
// test if the process ends by itself first, or has not logged the line
// within two minutes (a serve never ends by itself).
func killWhen(t *testing.T, line string, wait time.Duration, args ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "KURSKATALOG_TEST_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill() // also when the test fails half-way
	timeout := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer timeout.Stop()
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		if strings.Contains(lines.Text(), line) {
			time.Sleep(wait)
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			go func() {
				for lines.Scan() {
				}
			}()
			return
		}
	}
	t.Fatalf("%s ended or timed out without logging %q", args[0], line)
}

// kill -9 during the first import, the next ones and a reindex, then a
// normal start: the words find what they find after a clean import.
func TestKilledImportsRecover(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	config := writeConfig(t, dir, snap.srv.URL, "1ns")

	clean := filepath.Join(dir, "clean")
	crawlOnce(t, config, clean)
	base, stop := startServe(t, "--config", config, "--data-dir", clean)
	want := textTotals(t, base)
	var wantAll searchBody
	getJSON(t, base+"/api/v1/search?per_page=1&include_past=true&group=intake", 200, &wantAll)
	stop()

	dataDir := filepath.Join(dir, "var")
	serve := []string{"serve", "--config", config, "--data-dir", dataDir, "--addr", "127.0.0.1:0"}
	check := func(when string) {
		t.Helper()
		base, stop := startServe(t, serve[1:len(serve)-2]...)
		defer stop()
		if got := textTotals(t, base); !maps.Equal(got, want) {
			t.Errorf("word searches after %s: %v, after a clean import: %v", when, got, want)
		}
		var all searchBody
		getJSON(t, base+"/api/v1/search?per_page=1&include_past=true&group=intake", 200, &all)
		if all.Total != wantAll.Total {
			t.Errorf("%d offerings after %s, %d after a clean import", all.Total, when, wantAll.Total)
		}
	}

	// The first import killed mid-fetch, then killed as soon as the store
	// has committed it, before the index has it: the next start has only
	// the index's catching up to repair it.
	killWhen(t, "Source run started", 0, serve...)
	killWhen(t, "Batch stored; indexing it", 0, append(serve, "--verbose")...)
	check("kills during the first import")

	// A crawl and a reindex killed half-way.
	killWhen(t, "Source run started", 300*time.Millisecond, "crawl", "--config", config, "--data-dir", dataDir)
	killWhen(t, "Rebuilding the search index", 100*time.Millisecond, "reindex", "--config", config, "--data-dir", dataDir)
	check("kills during a crawl and a reindex")
}
