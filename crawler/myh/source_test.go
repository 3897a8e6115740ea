package myh

import (
	"context"
	"kurskatalog/crawler/fetch"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"testing"
	"time"
)

// snapshotDir is the bundled copy of MYH's files.
const snapshotDir = "../../data/snapshots/myh"

const (
	tabell3 = "resultat-ansokningsomgang-2024_tabell3.csv"
	tabell4 = "resultat-ansokningsomgang-2024_tabell4.csv"
)

// snapshotServer serves the snapshot directory by file name; the file named
// by fail gets a 500.
func snapshotServer(t *testing.T, fail string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		if name == fail {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		data, err := os.ReadFile(filepath.Join(snapshotDir, name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func snapshotSource(srv *httptest.Server, t4 string) *Source {
	cfg := Config{ID: "myh", URL: srv.URL + "/statistik/" + tabell3, Region: county}
	if t4 != "" {
		cfg.MunicipalitiesURL = srv.URL + "/statistik/" + t4
	}
	return New(cfg, fetch.New(fetch.Config{Delay: -1, Retries: -1}, srv.Client().Transport))
}

// TestFetchSnapshot reads the national file: every row is accounted for,
// and the county gets its two campus-or-local programmes plus the distance
// programme run from Östersund and Boden.
func TestFetchSnapshot(t *testing.T) {
	srv := snapshotServer(t, "")
	b, err := snapshotSource(srv, tabell4).Fetch(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Fetched != 1272 || b.Fetched != len(b.Offerings)+b.Filtered+len(b.Skipped) {
		t.Errorf("fetched %d = kept %d + filtered %d + skipped %d?", b.Fetched, len(b.Offerings), b.Filtered, len(b.Skipped))
	}
	if len(b.Skipped) != 0 {
		t.Errorf("skipped %+v", b.Skipped)
	}
	inCounty := map[string]bool{}
	for _, o := range b.Offerings {
		for _, m := range o.Municipalities {
			if m[:2] == "23" {
				inCounty[o.ID] = true
			}
		}
	}
	for _, id := range []string{"myh.2024.3727", "myh.2024.3455", "myh.2024.2984"} {
		if !inCounty[id] {
			t.Errorf("%s is not placed in the county", id)
		}
	}
	if len(inCounty) != 3 {
		t.Errorf("county offerings %v, want 3", inCounty)
	}
	if len(b.Offerings) != 156 {
		t.Errorf("got %d offerings, want 156 (155 distance, 1 campus in Krokom)", len(b.Offerings))
	}
}

func TestFetchFails(t *testing.T) {
	tests := []struct {
		name, fail, t4 string
	}{
		{"500 on tabell3", tabell3, tabell4},
		{"500 on tabell4", tabell4, tabell4},
		{"404 on tabell4", "", "tabell4-missing.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := snapshotServer(t, tt.fail)
			if b, err := snapshotSource(srv, tt.t4).Fetch(context.Background(), time.Time{}); err == nil || b != nil {
				t.Fatalf("Fetch = %v, %v; want an error and no batch", b, err)
			}
		})
	}
}

// TestFetchNotATable: an HTML error page served with 200 is not tabell3.
func TestFetchNotATable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><body>Sidan kunde inte hittas</body></html>\n"))
	}))
	defer srv.Close()
	s := New(Config{ID: "myh", URL: srv.URL + "/tabell3.csv", Region: county}, fetch.New(fetch.Config{Delay: -1, Retries: -1}, srv.Client().Transport))
	if _, err := s.Fetch(context.Background(), time.Time{}); err == nil {
		t.Fatal("want an error")
	}
}
