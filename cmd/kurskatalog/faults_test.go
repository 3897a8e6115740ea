package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kurskatalog/crawler/emil3"
	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
	"kurskatalog/index"
)

// A run that fails in any way changes nothing, even though the feed has
// changed since the last run, and is recorded as failed with its reason;
// the index stays in step with the store.
func TestFaultySourceChangesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	eventsPage := func(r *http.Request, page string) bool {
		return strings.HasSuffix(r.URL.Path, "/educationEvents") && r.URL.Query().Get("page") == page
	}
	faults := []struct {
		name  string
		fault func(w http.ResponseWriter, r *http.Request) bool
		// maxDB caps the database just above its size: the disk is full.
		maxDB bool
		want  string // in the recorded error
	}{
		{"500 on every request", func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path == "/robots.txt" {
				return false
			}
			http.Error(w, `{"status":500,"type":"Internal Server Error"}`, http.StatusInternalServerError)
			return true
		}, false, "status 500"},
		{"503 on page 3 of the events", func(w http.ResponseWriter, r *http.Request) bool {
			if eventsPage(r, "2") {
				http.Error(w, `{"status":503,"type":"Service Unavailable"}`, http.StatusServiceUnavailable)
				return true
			}
			return false
		}, false, "educationEvents page 2: fetch: GET"},
		{"timeout", func(w http.ResponseWriter, r *http.Request) bool {
			if eventsPage(r, "0") {
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
				return true
			}
			return false
		}, false, "deadline exceeded"},
		{"malformed json", func(w http.ResponseWriter, r *http.Request) bool {
			if eventsPage(r, "0") {
				w.Write([]byte(`{"links":[],"educationEvents":[{"id":"e.uoh.miun.x","status":"ACTIVE","content":{"identifier":"e.uoh`))
				return true
			}
			return false
		}, false, "decode"},
		{"first list page cut off mid-body", func(w http.ResponseWriter, r *http.Request) bool {
			if strings.HasSuffix(r.URL.Path, "/educationProviders") && r.URL.Query().Get("page") == "0" {
				w.Header().Set("Content-Length", "100000")
				w.Write([]byte(`{"links":[],"educationProviders":[`))
				return true // the handler returns early: the connection closes short
			}
			return false
		}, false, "unexpected EOF"},
		{"connection reset", func(w http.ResponseWriter, r *http.Request) bool {
			if eventsPage(r, "1") {
				conn, _, err := w.(http.Hijacker).Hijack()
				if err != nil {
					panic(err)
				}
				conn.(*net.TCPConn).SetLinger(0) // close with RST
				conn.Close()
				return true
			}
			return false
		}, false, "connection reset"},
		{"server gone mid-run", func(w http.ResponseWriter, r *http.Request) bool {
			if strings.HasSuffix(r.URL.Path, "/educationEvents") {
				conn, _, _ := w.(http.Hijacker).Hijack()
				conn.Close()
				return true
			}
			return false
		}, false, "educationEvents"},
		{"disk full", nil, true, "full"},
	}

	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	dataDir := filepath.Join(dir, "var")
	// A full run every time, so that a faulty run would remove everything
	// it did not see if the runner let it; pages small enough to have many.
	settings := []string{"page_size: 400"}
	crawlOnce(t, writeConfig(t, dir, snap.srv.URL, "1ns", settings...), dataDir)
	before := catalogue(t, dataDir)

	// The feed changes every title, enough to grow the database, so that
	// a run that applied anything would show.
	snap.mu.Lock()
	for i, e := range snap.ds.Events {
		if e.Content == nil {
			continue
		}
		c := *e.Content
		c.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe",
			Value: fmt.Sprintf("Kurs %d med en lång ny titel som källan bytte till mellan två körningar av importen", i)}}}
		snap.ds.Events[i].Content = &c
	}
	snap.mu.Unlock()

	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			snap.mu.Lock()
			snap.fault = f.fault
			snap.mu.Unlock()
			defer func() { snap.mu.Lock(); snap.fault = nil; snap.mu.Unlock() }()
			extra := append([]string{"retries: 1", "timeout: 2s"}, settings...)
			config := writeConfig(t, dir, snap.srv.URL, "1ns", extra...)
			if f.maxDB {
				// Room for the run's own record, not for the changed feed.
				pages, size := dbPages(t, dataDir)
				mb := float64((pages+16)*size) / (1 << 20)
				withTopLevel(t, config, fmt.Sprintf("max_db_mb: %.6f", mb))
			}

			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"crawl", "--config", config, "--data-dir", dataDir}, &stdout, &stderr)
			if code == 0 {
				t.Fatalf("crawl exited 0 with a faulty source:\n%s", stdout.String())
			}
			if got := catalogue(t, dataDir); !equalCatalogues(got, before) {
				t.Errorf("the failed run changed the catalogue: %d offerings, %d before", len(got), len(before))
			}
			r := latestRun(t, dataDir)
			if r.Status != catalog.RunFailed || !strings.Contains(r.Error, f.want) {
				t.Errorf("recorded run: status %s, error %q; want failed with %q", r.Status, r.Error, f.want)
			}
			assertIndexInStep(t, dataDir)
		})
	}

	// Without faults the same crawl applies the change: the faults were
	// what kept it out.
	crawlOnce(t, writeConfig(t, dir, snap.srv.URL, "1ns", settings...), dataDir)
	if after := catalogue(t, dataDir); equalCatalogues(after, before) {
		t.Errorf("the feed's change did not apply without faults")
	}
	assertIndexInStep(t, dataDir)
}

// withTopLevel adds a top-level setting to the configuration at path.
func withTopLevel(t *testing.T, path, line string) {
	t.Helper()
	cfg, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append([]byte(line+"\n"), cfg...), 0o644); err != nil {
		t.Fatal(err)
	}
}

func openTestStore(t *testing.T, dataDir string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(dataDir, "kurskatalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// catalogue is the store's offerings by id, each as its title and start.
func catalogue(t *testing.T, dataDir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	db := openTestStore(t, dataDir)
	err := db.EachOffering(context.Background(), func(o catalog.Offering) error {
		out[o.ID] = o.Title + " " + o.Start.String()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	return out
}

func equalCatalogues(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for id, v := range a {
		if b[id] != v {
			return false
		}
	}
	return true
}

// dbPages is the database's size in pages, and its pages' size in bytes.
func dbPages(t *testing.T, dataDir string) (pages, size int64) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dataDir, "kurskatalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA page_size`).Scan(&size); err != nil {
		t.Fatal(err)
	}
	return pages, size
}

// assertIndexInStep checks that the index holds the store's last change and
// as many offerings as the store.
func assertIndexInStep(t *testing.T, dataDir string) {
	t.Helper()
	ctx := context.Background()
	db := openTestStore(t, dataDir)
	store, seq, err := db.Seq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n, err := db.CountOfferings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ix, _, err := index.Open(filepath.Join(dataDir, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ixStore, ixSeq, err := ix.Applied()
	count, _ := ix.Count()
	if err != nil || ixStore != store || ixSeq != seq || int(count) != n {
		t.Errorf("index at %s/%d with %d offerings (%v), store at %s/%d with %d", ixStore, ixSeq, count, err, store, seq, n)
	}
}

func latestRun(t *testing.T, dataDir string) catalog.Run {
	t.Helper()
	runs, err := openTestStore(t, dataDir).LatestRuns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return runs["susa-navet"]
}
