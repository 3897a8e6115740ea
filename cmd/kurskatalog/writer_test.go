package main

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kurskatalog/crawler/emil3"
)

// runWithin runs the command and fails the test when it takes longer than
// limit: nothing beside a running service may wait for it.
func runWithin(t *testing.T, limit time.Duration, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	start := time.Now()
	code = run(context.Background(), args, &out, &errOut)
	if d := time.Since(start); d > limit {
		t.Errorf("%s took %v, want at most %v", strings.Join(args[:1], " "), d.Round(time.Millisecond), limit)
	}
	return code, out.String(), errOut.String()
}

// With serve running, crawl and reindex have the service do the work, gaps
// reads the store, and a second service fails at once, saying why.
func TestCommandsBesideServe(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	dataDir := filepath.Join(dir, "var")
	config := writeConfig(t, dir, snap.srv.URL, "1ns") // every run full: a removal shows
	crawlOnce(t, config, dataDir)
	base, _ := startServe(t, "--config", config, "--data-dir", dataDir)
	var before searchBody
	getJSON(t, base+"/api/v1/search?per_page=1&include_past=true&group=intake", http.StatusOK, &before)

	snap.mu.Lock()
	renamed := snap.ds.Events[0].ID
	c := *snap.ds.Events[0].Content
	c.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Value: "Fjällräddning med lavinhundar"}}}
	snap.ds.Events[0].Content = &c
	snap.ds.Events = snap.ds.Events[:len(snap.ds.Events)-1]
	snap.mu.Unlock()

	t.Run("crawl asks the service", func(t *testing.T) {
		code, out, errOut := runWithin(t, 30*time.Second, "crawl", "--config", config, "--data-dir", dataDir)
		if code != 0 || !strings.Contains(out, "susa-navet  ok") || !strings.Contains(errOut, "kurskatalog serve") {
			t.Fatalf("crawl beside serve: exit %d\n%s%s", code, out, errOut)
		}
		var r searchBody
		getJSON(t, base+"/api/v1/search?q="+url.QueryEscape("lavinhundar")+"&group=intake&include_past=true", http.StatusOK, &r)
		if len(r.Hits) != 1 || r.Hits[0].ID != renamed {
			t.Errorf("the service does not serve the crawl's rename: %+v", r.Hits)
		}
		var after searchBody
		getJSON(t, base+"/api/v1/search?per_page=1&include_past=true&group=intake", http.StatusOK, &after)
		if after.Total >= before.Total {
			t.Errorf("%d offerings after a crawl that lost events, %d before", after.Total, before.Total)
		}
	})
	t.Run("reindex asks the service", func(t *testing.T) {
		code, out, errOut := runWithin(t, 20*time.Second, "reindex", "--data-dir", dataDir)
		if code != 0 || !strings.Contains(out, "offerings") {
			t.Fatalf("reindex beside serve: exit %d\n%s%s", code, out, errOut)
		}
		var r searchBody
		getJSON(t, base+"/api/v1/search?q="+url.QueryEscape("lavinhundar")+"&group=intake&include_past=true", http.StatusOK, &r)
		if len(r.Hits) != 1 {
			t.Errorf("after the reindex: %+v", r.Hits)
		}
	})
	t.Run("profiles over the admin socket", func(t *testing.T) {
		token, err := os.ReadFile(filepath.Join(dataDir, adminTokenFile))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			token string
			want  int
		}{{strings.TrimSpace(string(token)), http.StatusOK}, {"wrong", http.StatusUnauthorized}} {
			admin := &adminClient{sock: filepath.Join(dataDir, adminSocketFile), token: c.token}
			resp, err := admin.httpClient(10 * time.Second).Get("http://admin/debug/pprof/heap")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("heap profile with token %q: status %d, want %d", c.token, resp.StatusCode, c.want)
			}
		}
		if resp, err := http.Get(base + "/debug/pprof/heap"); err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("the public address answers /debug/pprof/heap with %d", resp.StatusCode)
			}
		}
	})
	t.Run("gaps reads the store", func(t *testing.T) {
		if code, _, errOut := runWithin(t, 10*time.Second, "gaps", "--config", config, "--data-dir", dataDir); code != 0 {
			t.Errorf("gaps beside serve: exit %d\n%s", code, errOut)
		}
	})
	t.Run("a second serve fails at once", func(t *testing.T) {
		code, _, errOut := runWithin(t, 2*time.Second, "serve", "--config", config, "--data-dir", dataDir, "--addr", "127.0.0.1:0")
		if code == 0 || !strings.Contains(errOut, "in use by pid") || !strings.Contains(errOut, "--data-dir") {
			t.Errorf("second serve: exit %d\n%s", code, errOut)
		}
	})
	t.Run("a crawl stopped by its user stops waiting at once", func(t *testing.T) {
		snap.mu.Lock()
		snap.fault = func(w http.ResponseWriter, r *http.Request) bool {
			if strings.HasSuffix(r.URL.Path, "/educationEvents") {
				time.Sleep(2 * time.Second) // a slow source: the service's crawl goes on
			}
			return false
		}
		snap.mu.Unlock()
		defer func() { snap.mu.Lock(); snap.fault = nil; snap.mu.Unlock() }()
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond) // Ctrl-C
		defer cancel()
		var out, errOut bytes.Buffer
		start := time.Now()
		code := run(ctx, []string{"crawl", "--config", config, "--data-dir", dataDir}, &out, &errOut)
		if d := time.Since(start); code == 0 || d > 1500*time.Millisecond || !strings.Contains(errOut.String(), "stopped waiting") {
			t.Errorf("stopped crawl: exit %d after %v\n%s", code, d, errOut.String())
		}
	})
	t.Run("a wrong token is refused", func(t *testing.T) {
		t.Setenv("KURSKATALOG_ADMIN_TOKEN", "not-the-token")
		code, _, errOut := runWithin(t, 2*time.Second, "reindex", "--data-dir", dataDir)
		if code == 0 || !strings.Contains(errOut, "refused the admin token") {
			t.Errorf("reindex with a wrong token: exit %d\n%s", code, errOut)
		}
	})
}

// A data dir that a crawl (no service) holds cannot be asked anything:
// crawl, reindex and serve fail at once, saying who holds it.
func TestCommandsBesideACrawl(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "var")
	lock, err := lockDataDir(dataDir, "crawl")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	for _, cmd := range []string{"crawl", "reindex", "serve"} {
		code, _, errOut := runWithin(t, 2*time.Second, cmd, "--data-dir", dataDir, "--addr", "127.0.0.1:0")
		if code == 0 || !strings.Contains(errOut, "(kurskatalog crawl)") {
			t.Errorf("%s beside a crawl: exit %d\n%s", cmd, code, errOut)
		}
	}
}
