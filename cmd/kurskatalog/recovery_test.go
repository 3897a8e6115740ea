package main

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kurskatalog/data/catalog"
	"kurskatalog/index"
)

// textTotals are the totals of a few word searches, the figures a crash
// used to leave wrong while every filter still showed the right ones.
func textTotals(t *testing.T, base string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, q := range []string{"svenska", "sjuksköterska", "engelska", "undersköterska", "truckkort"} {
		var r searchBody
		getJSON(t, base+"/api/v1/search?per_page=1&include_past=true&group=intake&q="+url.QueryEscape(q), http.StatusOK, &r)
		out[q] = r.Total
	}
	return out
}

// What a kill -9 between the store's commit and the index's write leaves
// (an index behind the store, a run recorded as running) is repaired at
// the next start: the index catches up, the run is marked interrupted and
// its source runs again at once.
func TestStartRepairsWhatACrashLeft(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	ctx := context.Background()
	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	dataDir := filepath.Join(dir, "var")
	config := writeConfig(t, dir, snap.srv.URL, "168h")
	crawlOnce(t, config, dataDir)
	base, stop := startServe(t, "--config", config, "--data-dir", dataDir)
	want := textTotals(t, base)
	stop()

	db := openTestStore(t, dataDir)
	store, seq, err := db.Seq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	changed, err := db.ChangedSince(ctx, seq-1)
	if err != nil || len(changed) < 100 {
		t.Fatalf("the last change touched %d offerings (%v)", len(changed), err)
	}
	ix, _, err := index.Open(filepath.Join(dataDir, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(changed[:len(changed)/2]); err != nil {
		t.Fatal(err)
	}
	if err := ix.SetApplied(store, seq-1); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	base, stop = startServe(t, "--config", config, "--data-dir", dataDir)
	if got := textTotals(t, base); !maps.Equal(got, want) {
		t.Errorf("word searches after the crash: %v, want %v", got, want)
	}
	stop()

	if _, err := db.StartRun(ctx, "susa-navet", true); err != nil {
		t.Fatal(err)
	}
	base, _ = startServe(t, "--config", config, "--data-dir", dataDir)
	var sources struct{ Sources []catalog.SourceStatus }
	getJSON(t, base+"/api/v1/sources", http.StatusOK, &sources)
	if s := sources.Sources; len(s) != 1 || s[0].LastRun == nil || s[0].LastRun.Status != catalog.RunOK {
		t.Errorf("susa-navet did not run again at start: %+v", s)
	}
}

// reindex on a data dir whose index is gone builds it once: opening the
// data dir already rebuilds a missing index from the store.
func TestReindexWithoutIndexBuildsOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	config, dataDir := writeConfig(t, dir, snap.srv.URL, "1ns"), filepath.Join(dir, "var")
	crawlOnce(t, config, dataDir)
	if err := os.RemoveAll(filepath.Join(dataDir, indexDir)); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCommand(t, "reindex", "--config", config, "--data-dir", dataDir)
	if n := strings.Count(errOut, "Rebuilding the search index"); code != 0 || n != 1 {
		t.Errorf("exit %d, the index rebuilt %d times, want once:\n%s", code, n, errOut)
	}
}
