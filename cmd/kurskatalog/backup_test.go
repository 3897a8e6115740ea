package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"kurskatalog/crawler/emil3"
)

// backupSearches are the searches compared before the backup and after the
// restore: by words, by filter and everything, each offering on its own.
var backupSearches = []string{
	"q=" + url.QueryEscape("svenska"),
	"q=" + url.QueryEscape("sjuksköterska"),
	"municipality=2380",
	"include_past=true",
}

// served is what a search finds: its total, facet counts and every
// offering on all its pages, in the order shown. Two builds of the index
// from one store must agree on that order too.
type served struct {
	Total  int
	Facets any
	IDs    []string
}

func searchAll(t *testing.T, base string) []served {
	t.Helper()
	return searchEach(t, base, backupSearches)
}

// searchEach makes each of the searches on base, every page of each.
func searchEach(t *testing.T, base string, searches []string) []served {
	t.Helper()
	out := make([]served, len(searches))
	for i, q := range searches {
		for page := 1; ; page++ {
			var r searchBody
			getJSON(t, fmt.Sprintf("%s/api/v1/search?%s&group=intake&per_page=100&page=%d", base, q, page), http.StatusOK, &r)
			out[i].Total, out[i].Facets = r.Total, r.Facets
			for _, h := range r.Hits {
				out[i].IDs = append(out[i].IDs, h.ID+" "+h.Title+" "+h.Provider.Name)
			}
			if len(r.Hits) == 0 || len(out[i].IDs) >= r.Total {
				break
			}
		}
	}
	return out
}

func runCommand(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// A backup taken while serve runs, restored after the data changed, serves
// exactly what was served when it was taken.
func TestBackupWhileServingRestoresIdenticalResults(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	dataDir := filepath.Join(dir, "var")
	config := func(fullEvery string) string {
		path := writeConfig(t, dir, snap.srv.URL, fullEvery)
		// With demand rows in the store, serve does not import at start.
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		f.WriteString("  - id: yrkesbarometer\n    kind: yrkesbarometer\n    url: https://data.arbetsformedlingen.se/prognoser/yrkesbarometer.json\n    snapshot: yrkesbarometer\n")
		return path
	}
	crawlOnce(t, config("168h"), dataDir)

	base, stop := startServe(t, "--config", config("168h"), "--data-dir", dataDir)
	want := searchAll(t, base)
	backup := filepath.Join(dir, "backups", "kurskatalog.db")
	os.MkdirAll(filepath.Dir(backup), 0o755)
	if code, out, errOut := runCommand(t, "backup", "--data-dir", dataDir, backup); code != 0 || !strings.Contains(out, "records") {
		t.Fatalf("backup beside serve: exit %d\n%s%s", code, out, errOut)
	}

	t.Run("restore refuses while serve runs", func(t *testing.T) {
		start := time.Now()
		code, _, errOut := runCommand(t, "restore", "--data-dir", dataDir, backup)
		if code != 1 || !strings.Contains(errOut, "stop it") {
			t.Errorf("exit %d, stderr %q: want 1 and a message to stop the service", code, errOut)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v to refuse", d)
		}
		if got := searchAll(t, base); !reflect.DeepEqual(got, want) {
			t.Error("a refused restore changed what is served")
		}
	})
	stop()

	// Change the source: the first hit of "svenska" renamed, the second gone.
	id := func(hit string) string { id, _, _ := strings.Cut(hit, " "); return id }
	renamed, deleted := id(want[0].IDs[0]), id(want[0].IDs[1])
	snap.mu.Lock()
	for i, e := range snap.ds.Events {
		switch e.ID {
		case renamed:
			c := *e.Content
			c.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Value: "Fjällräddning med lavinhundar"}}}
			snap.ds.Events[i].Content = &c
		case deleted:
			snap.ds.Events[i] = emil3.EventEntry{ID: e.ID, Status: "DELETED"}
		}
	}
	snap.mu.Unlock()
	crawlOnce(t, config("1ns"), dataDir)
	base, stop = startServe(t, "--config", config("168h"), "--data-dir", dataDir)
	if got := searchAll(t, base); reflect.DeepEqual(got, want) {
		t.Fatal("the changed source changed nothing that is served")
	}
	stop()

	code, out, errOut := runCommand(t, "restore", "--data-dir", dataDir, backup)
	if code != 0 || !strings.Contains(out, "rebuilt") {
		t.Fatalf("restore: exit %d\n%s%s", code, out, errOut)
	}
	base, _ = startServe(t, "--config", config("168h"), "--data-dir", dataDir)
	got := searchAll(t, base)
	for i := range backupSearches {
		if !reflect.DeepEqual(got[i], want[i]) {
			g, _ := json.Marshal(got[i])
			w, _ := json.Marshal(want[i])
			t.Errorf("%s after restore:\n%s\nat backup:\n%s", backupSearches[i], g, w)
		}
	}
}

func TestRestoreRefusesWhatIsNotAStore(t *testing.T) {
	dataDir := t.TempDir()
	store := filepath.Join(dataDir, storeFile)
	if err := os.WriteFile(store, []byte("the store"), 0o644); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(notes, []byte("a shopping list, not a database; long enough for a header."), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCommand(t, "restore", "--data-dir", dataDir, notes)
	if code != 1 || !strings.Contains(errOut, "nothing restored") || !strings.Contains(errOut, "not an SQLite database") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if b, _ := os.ReadFile(store); string(b) != "the store" {
		t.Errorf("the store was touched: %q", b)
	}
	if code, _, _ := runCommand(t, "backup", "--data-dir", dataDir); code != 2 {
		t.Errorf("backup without FILE: exit %d, want 2", code)
	}
}
