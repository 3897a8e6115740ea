package main

import (
	"context"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
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

// apiAnswers are the bodies of searches and suggestions that read every
// part of the facet engine and the suggestions.
func apiAnswers(t *testing.T, base string) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		"/api/v1/search?q=svenska&per_page=5",
		"/api/v1/search?municipality=2380&include_distance=true&sort=title&per_page=5",
		"/api/v1/search?q=sjuksk%C3%B6terska&sort=deadline&group=intake&page=2&per_page=5",
		"/api/v1/search?application_open=true&sort=start&per_page=5",
		"/api/v1/suggest?q=sv",
		"/api/v1/suggest?q=%C3%B6st",
	} {
		resp, err := http.Get(base + q)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", q, resp.StatusCode, body)
		}
		out = append(out, string(body))
	}
	return out
}

// A restart loads the facet engine and suggestions that the last process
// saved when they hold what the index holds, and answers as a start that
// reads them from the store; the process that changed them saves them.
func TestRestartLoadsSavedFacets(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	config, dataDir := writeConfig(t, dir, snap.srv.URL, "168h"), filepath.Join(dir, "var")
	crawlOnce(t, config, dataDir) // builds the index and its engine whole: saved at the end
	saved := filepath.Join(dataDir, indexDir, "facets.saved")
	if _, err := os.Stat(saved); err != nil {
		t.Fatalf("the first import saved no facets: %v", err)
	}
	args := []string{"--config", config, "--data-dir", dataDir}

	base, stop, log := startServeLogged(t, args...)
	if !strings.Contains(log(), `msg="Facets loaded" from=saved`) {
		t.Fatalf("serve did not load the saved facets:\n%s", log())
	}
	want := apiAnswers(t, base)
	stop()
	if strings.Contains(log(), "Facets saved") {
		t.Error("serve saved facets it had loaded and not changed")
	}

	if err := os.Remove(saved); err != nil {
		t.Fatal(err)
	}
	base, stop, log = startServeLogged(t, args...)
	if !strings.Contains(log(), `msg="Facets loaded" from=store`) {
		t.Fatalf("serve without saved facets did not read the store:\n%s", log())
	}
	if got := apiAnswers(t, base); !slices.Equal(got, want) {
		t.Fatalf("answers from the store differ from the saved facets':\n got %v\nwant %v", got, want)
	}
	stop()
	if !strings.Contains(log(), `msg="Facets saved"`) {
		t.Fatalf("serve that read the facets from the store did not save them:\n%s", log())
	}
	if !strings.Contains(log(), `msg=Stopping`) {
		t.Errorf("a stop is not logged:\n%s", log())
	}

	base, stop, log = startServeLogged(t, args...)
	if !strings.Contains(log(), `msg="Facets loaded" from=saved`) {
		t.Fatalf("the restart did not load the facets saved at the stop:\n%s", log())
	}
	if got := apiAnswers(t, base); !slices.Equal(got, want) {
		t.Fatalf("answers after the restart differ:\n got %v\nwant %v", got, want)
	}
	stop()

	// A service killed (kill -9) saves nothing at its end: the one that
	// read the store at its start saved the facets after its start's runs
	// and views.
	if err := os.Remove(saved); err != nil {
		t.Fatal(err)
	}
	killWhen(t, `msg="Facets saved" when="after the runs"`, 0, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	base, _, log = startServeLogged(t, args...)
	if !strings.Contains(log(), `msg="Facets loaded" from=saved`) {
		t.Fatalf("the start after a kill did not load the facets saved after the runs:\n%s", log())
	}
	if got := apiAnswers(t, base); !slices.Equal(got, want) {
		t.Fatalf("answers after the kill differ:\n got %v\nwant %v", got, want)
	}
}
