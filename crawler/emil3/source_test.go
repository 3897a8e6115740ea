package emil3

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kurskatalog/crawler/fetch"
	"kurskatalog/data/catalog"
)

var update = flag.Bool("update", false, "rewrite golden files")

var region = []string{"2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380"}

const basePath = "/susa-navet/emil3"

// newTestServer serves testdata/snapshot with the EMIL3 API's semantics on a
// real HTTP server; wrap lets a test break it.
func newTestServer(t *testing.T, wrap func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	ds, err := LoadPages(os.DirFS("testdata/snapshot"))
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = NewServer(ds, "https://api.skolverket.se"+basePath)
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// testClient is the polite client without delays, retrying once quickly.
func testClient(srv *httptest.Server) *fetch.Client {
	return fetch.New(fetch.Config{Delay: -1, Retries: 1, RetryBackoff: time.Millisecond}, srv.Client().Transport)
}

func fetchBatch(t *testing.T, srv *httptest.Server, since time.Time) *catalog.Batch {
	t.Helper()
	src := New(Config{ID: "susa-navet", URL: srv.URL + basePath, Region: region, PageSize: 4}, testClient(srv))
	b, err := src.Fetch(context.Background(), since)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	return b
}

func TestFetchGolden(t *testing.T) {
	srv := newTestServer(t, nil)
	b := fetchBatch(t, srv, time.Time{})
	for i := range b.Offerings { // the test server's port changes every run
		b.Offerings[i].Provenance.SourceURL = strings.Replace(b.Offerings[i].Provenance.SourceURL, srv.URL, "http://emil3.test", 1)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep the sanitised HTML readable in the golden file
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	golden := filepath.Join("testdata", "batch.golden.json")
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if strings.TrimSpace(string(got)) != strings.TrimSpace(string(want)) {
		t.Errorf("batch differs from %s; run go test -update and review the diff\ngot:\n%s", golden, got)
	}
}

func TestFetchNormalises(t *testing.T) {
	b := fetchBatch(t, newTestServer(t, nil), time.Time{})
	byID := map[string]catalog.Offering{}
	for _, o := range b.Offerings {
		byID[o.ID] = o
	}
	if !b.Complete {
		t.Error("a fetch without since must be complete")
	}
	// The server leaves out events of other school types (the GY event) and
	// of unknown infos (the orphan), as the live API filters by school type.
	if b.Fetched != 8 || b.Filtered != 1 || len(b.Skipped) != 2 || len(b.Offerings) != 4 {
		t.Errorf("fetched %d filtered %d skipped %d kept %d, want 8 1 2 4", b.Fetched, b.Filtered, len(b.Skipped), len(b.Offerings))
	}

	miun := byID["e.uoh.miun.vå015g.21011.20271"]
	t.Run("blended with two mandatory sessions", func(t *testing.T) {
		if miun.Mode != catalog.ModeBlended || miun.MandatorySessions != 2 {
			t.Errorf("mode %s sessions %d, want blended 2", miun.Mode, miun.MandatorySessions)
		}
	})
	t.Run("html made safe", func(t *testing.T) {
		for _, bad := range []string{"<script", "onclick", "javascript:"} {
			if strings.Contains(miun.Description, bad) {
				t.Errorf("description keeps %q: %s", bad, miun.Description)
			}
		}
		if !strings.Contains(miun.Description, "<strong>distans</strong>") {
			t.Errorf("description lost its safe markup: %s", miun.Description)
		}
	})
	t.Run("url without scheme", func(t *testing.T) {
		if miun.URL != "https://www.miun.se/utbildning/kurser/VÅ015G" {
			t.Errorf("url %q", miun.URL)
		}
		if miun.Provider.URL != "https://www.miun.se" {
			t.Errorf("provider url %q", miun.Provider.URL)
		}
	})
	t.Run("info and provider joined", func(t *testing.T) {
		if miun.SchoolType != "HS" || miun.Credits != 7.5 || miun.CreditSystem != "hp" || miun.TitleEN != "Nursing Care in Dementia" ||
			miun.Provider.Name != "Mittuniversitetet" || miun.Provider.ResponsibleBody != "statlig" || !miun.StudentAidEligible() {
			t.Errorf("got %+v", miun)
		}
	})

	t.Run("requirements, fees and address", func(t *testing.T) {
		if !strings.HasPrefix(miun.Eligibility, "<p>Grundläggande behörighet samt <strong>Omvårdnad 1</strong>") || strings.Contains(miun.Eligibility, "<script") {
			t.Errorf("eligibility %q", miun.Eligibility)
		}
		if len(miun.Fees) != 2 || !miun.Fees[0].Free || miun.Fees[1].Amount != 45000 || !strings.Contains(miun.Fees[1].Condition, "utanför EU/EES") {
			t.Errorf("fees %+v", miun.Fees)
		}
		want := catalog.Location{Name: "Campus Östersund", Street: "Kunskapens väg 8", PostalCode: "831 25", Town: "Östersund", Municipality: "2380", Lat: 63.1767, Lon: 14.6345}
		if len(miun.Locations) != 1 || miun.Locations[0] != want {
			t.Errorf("locations %+v, want %+v", miun.Locations, want)
		}
	})

	vux := byID["e.vux.2313.vardomsorg.2027"]
	t.Run("komvux: residence rule, free by condition, provider's visiting address", func(t *testing.T) {
		if !strings.Contains(vux.Eligibility, "bosatt i Strömsunds kommun") || !strings.Contains(vux.PriorKnowledge, "Svenska 1") {
			t.Errorf("eligibility %q prior knowledge %q", vux.Eligibility, vux.PriorKnowledge)
		}
		if len(vux.Fees) != 1 || !vux.Fees[0].Free || vux.Fees[0].Condition != "" {
			t.Errorf("fees %+v", vux.Fees)
		}
		if len(vux.Locations) != 0 || vux.Provider.Address == nil || vux.Provider.Address.Street != "Storgatan 17" || vux.Provider.Address.Lat != 63.8515 {
			t.Errorf("locations %+v provider address %+v", vux.Locations, vux.Provider.Address)
		}
	})
	t.Run("nothing said about fees", func(t *testing.T) {
		if o := byID["e.uoh.umu.2pe123.51234.20271"]; o.Fees != nil || o.Eligibility != "" || o.Provider.Address != nil {
			t.Errorf("fees %+v eligibility %q address %+v", o.Fees, o.Eligibility, o.Provider.Address)
		}
	})
	t.Run("komvux: 2099 last day means rolling start, pace as string, date-time start", func(t *testing.T) {
		if !vux.RollingStart || !vux.ApplicationLast.IsZero() || vux.Pace != 50 || vux.Start.Format(time.DateOnly) != "2027-01-11" || vux.Mode != catalog.ModeOnsite {
			t.Errorf("rolling %v pace %d start %v mode %s", vux.RollingStart, vux.Pace, vux.Start, vux.Mode)
		}
		if len(vux.Keywords) != 1 || vux.Keywords[0] != "undersköterska" {
			t.Errorf("keywords %v", vux.Keywords)
		}
		if !strings.Contains(vux.Description, "<p>Undervisning två kvällar") {
			t.Errorf("plain text description not in paragraphs: %s", vux.Description)
		}
	})
	t.Run("national distance course kept", func(t *testing.T) {
		o, ok := byID["e.uoh.umu.2pe123.51234.20271"]
		if !ok || o.Mode != catalog.ModeOnline || o.Credits != 30 {
			t.Errorf("got %+v, %v", o, ok)
		}
	})
	t.Run("cancelled kept and marked", func(t *testing.T) {
		if o := byID["e.fhs.birka.allman.2027"]; !o.Cancelled {
			t.Error("cancelled offering not marked")
		}
	})
	t.Run("deleted reported as removed", func(t *testing.T) {
		if len(b.Removed) != 1 || b.Removed[0] != "e.vux.2313.removed" {
			t.Errorf("removed %v", b.Removed)
		}
	})
	t.Run("malformed skipped with reasons", func(t *testing.T) {
		want := map[string]string{
			"e.vux.2313.broken1": "missing execution",
			"e.vux.2313.broken2": "execution.start",
		}
		for _, s := range b.Skipped {
			if w, ok := want[s.ID]; !ok || !strings.HasPrefix(s.Reason, w) {
				t.Errorf("skip %s: %q, want prefix %q", s.ID, s.Reason, w)
			}
		}
	})
}

func TestFetchIncremental(t *testing.T) {
	var sawSince atomic.Value
	srv := newTestServer(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/educationEvents") {
				sawSince.Store(r.URL.Query().Get("updatedSince"))
			}
			h.ServeHTTP(w, r)
		})
	})
	since := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	b := fetchBatch(t, srv, since)
	if b.Complete {
		t.Error("an incremental batch must not be complete")
	}
	if got := sawSince.Load(); got != "2026-10-01T02:00:00" {
		t.Errorf("updatedSince %q, want Swedish local time 2026-10-01T02:00:00", got)
	}
	// Events edited before the 1st of October are not sent again; the ones
	// that moved out of scope are reported as removed.
	for _, o := range b.Offerings {
		if o.ID == "e.fhs.birka.allman.2027" {
			t.Error("unchanged event returned by incremental fetch")
		}
	}
}

func TestFetchFailures(t *testing.T) {
	tests := []struct {
		name string
		fail func(w http.ResponseWriter, r *http.Request) bool
	}{
		{"500 on a later page", func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Query().Get("page") == "1" && strings.HasSuffix(r.URL.Path, "/educationEvents") {
				http.Error(w, `{"status":500,"type":"Internal Server Error"}`, http.StatusInternalServerError)
				return true
			}
			return false
		}},
		{"truncated json", func(w http.ResponseWriter, r *http.Request) bool {
			if strings.HasSuffix(r.URL.Path, "/educationInfos") {
				w.Write([]byte(`{"links":[],"educationInfos":[{"id":"i.x","status":"ACTIVE","content":{"identif`))
				return true
			}
			return false
		}},
		{"wrong page answered", func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Query().Get("page") == "1" {
				w.Write([]byte(`{"links":[],"educationEvents":[],"page":{"size":4,"totalElements":8,"totalPages":2,"pageNumber":0}}`))
				return true
			}
			return false
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, func(h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if !tt.fail(w, r) {
						h.ServeHTTP(w, r)
					}
				})
			})
			src := New(Config{ID: "susa-navet", URL: srv.URL + basePath, Region: region, PageSize: 4}, testClient(srv))
			if b, err := src.Fetch(context.Background(), time.Time{}); err == nil {
				t.Fatalf("Fetch succeeded with %d offerings, want an error", len(b.Offerings))
			}
		})
	}
}
