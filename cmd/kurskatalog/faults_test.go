package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
)

// A source that fails in any way keeps everything it imported before, and
// the run is recorded as failed with the reason.
func TestFaultySourceLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	eventsPage := func(r *http.Request, page string) bool {
		return strings.HasSuffix(r.URL.Path, "/educationEvents") && r.URL.Query().Get("page") == page
	}
	faults := []struct {
		name  string
		fault func(w http.ResponseWriter, r *http.Request) bool
		want  string // in the recorded error
	}{
		{"500 on every request", func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path == "/robots.txt" {
				return false
			}
			http.Error(w, `{"status":500,"type":"Internal Server Error"}`, http.StatusInternalServerError)
			return true
		}, "status 500"},
		{"timeout", func(w http.ResponseWriter, r *http.Request) bool {
			if eventsPage(r, "0") {
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
				return true
			}
			return false
		}, "deadline exceeded"},
		{"truncated json", func(w http.ResponseWriter, r *http.Request) bool {
			if eventsPage(r, "0") {
				w.Write([]byte(`{"links":[],"educationEvents":[{"id":"e.uoh.miun.x","status":"ACTIVE","content":{"identifier":"e.uoh`))
				return true
			}
			return false
		}, "decode"},
		{"half a response", func(w http.ResponseWriter, r *http.Request) bool {
			if eventsPage(r, "0") {
				w.Header().Set("Content-Length", "100000")
				w.Write([]byte(`{"links":[],"educationEvents":[`))
				return true // the handler returns early: the connection closes short
			}
			return false
		}, "unexpected EOF"},
		{"server gone mid-run", func(w http.ResponseWriter, r *http.Request) bool {
			if strings.HasSuffix(r.URL.Path, "/educationEvents") {
				hj, ok := w.(http.Hijacker)
				if !ok {
					t.Fatal("no hijacker")
				}
				conn, _, _ := hj.Hijack()
				conn.Close()
				return true
			}
			return false
		}, "educationEvents"},
	}

	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	dataDir := filepath.Join(dir, "var")
	// A full run every time, so that a faulty run would remove everything
	// it did not see if the runner let it.
	crawlOnce(t, writeConfig(t, dir, snap.srv.URL, "1ns"), dataDir)
	config := writeConfig(t, dir, snap.srv.URL, "1ns", "retries: 1", "timeout: 2s")
	before := countOfferings(t, dataDir)

	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			snap.mu.Lock()
			snap.fault = f.fault
			snap.mu.Unlock()
			defer func() { snap.mu.Lock(); snap.fault = nil; snap.mu.Unlock() }()

			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"crawl", "--config", config, "--data-dir", dataDir}, &stdout, &stderr)
			if code == 0 {
				t.Fatalf("crawl exited 0 with a faulty source:\n%s", stdout.String())
			}
			if got := countOfferings(t, dataDir); got != before {
				t.Errorf("%d offerings after the failed run, %d before", got, before)
			}
			r := latestRun(t, dataDir)
			if r.Status != catalog.RunFailed || !strings.Contains(r.Error, f.want) {
				t.Errorf("recorded run: status %s, error %q; want failed with %q", r.Status, r.Error, f.want)
			}
		})
	}
}

func openStore(t *testing.T, dataDir string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(dataDir, "kurskatalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func countOfferings(t *testing.T, dataDir string) int {
	t.Helper()
	n, err := openStore(t, dataDir).CountOfferings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func latestRun(t *testing.T, dataDir string) catalog.Run {
	t.Helper()
	runs, err := openStore(t, dataDir).LatestRuns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return runs["susa-navet"]
}
