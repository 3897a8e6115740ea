package plannededu

import (
	"context"
	"kurskatalog/crawler/fetch"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// snapshotDir is the bundled snapshot of the county.
const snapshotDir = "../../data/snapshots/planned-educations"

// county is Jämtlands län.
var county = []string{"2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380"}

// snapshotServer serves the snapshot by SnapshotFile(request URL). fail, when
// it names a file, answers that request with a 500 instead.
func snapshotServer(t *testing.T, fail string) (*httptest.Server, *[]string) {
	t.Helper()
	var mu sync.Mutex
	var requested []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Accept"); got != MediaType {
			http.Error(w, "wrong Accept "+got, http.StatusNotAcceptable)
			return
		}
		name := SnapshotFile(r.URL)
		mu.Lock()
		requested = append(requested, name)
		mu.Unlock()
		if name == fail {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		data, err := os.ReadFile(filepath.Join(snapshotDir, name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", MediaType)
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv, &requested
}

func newTestSource(srv *httptest.Server, region []string) *Source {
	return New(Config{ID: "planned-educations", URL: srv.URL + "/planned-educations/v3/adult-education-events", Region: region}, fetch.New(fetch.Config{Delay: -1, Retries: -1}, srv.Client().Transport))
}

// TestFetchSnapshot reads the whole county from the bundled snapshot: every
// file is requested exactly once, pages are followed to the last, and every
// record becomes an offering of the municipality it was asked for.
func TestFetchSnapshot(t *testing.T) {
	srv, requested := snapshotServer(t, "")
	b, err := newTestSource(srv, county).Fetch(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(snapshotDir, "*.json"))
	var want []string
	for _, f := range files {
		want = append(want, filepath.Base(f))
	}
	got := slices.Clone(*requested)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("requested %q\nwant the snapshot files %q", got, want)
	}
	if !b.Complete || b.Source != "planned-educations" {
		t.Errorf("Complete = %v, Source = %q", b.Complete, b.Source)
	}
	if len(b.Skipped) != 0 {
		t.Errorf("skipped %+v", b.Skipped)
	}
	if b.Fetched != len(b.Offerings) || len(b.Offerings) < 8*18 {
		t.Errorf("Fetched %d, offerings %d", b.Fetched, len(b.Offerings))
	}
	per := map[string]int{}
	ids := map[string]bool{}
	for _, o := range b.Offerings {
		per[o.Municipalities[0]]++
		if ids[o.ID] {
			t.Errorf("duplicate %s", o.ID)
		}
		ids[o.ID] = true
		if strings.Contains(o.Title, "CDATA") || o.ApplicationLast.Year() >= sentinelYear {
			t.Errorf("quirk leaked into %+v", o)
		}
	}
	for _, code := range county {
		if per[code] < 18 || per[code] > 60 {
			t.Errorf("municipality %s has %d offerings", code, per[code])
		}
	}
}

// TestFetchPaging checks the request sequence for one municipality with
// three pages.
func TestFetchPaging(t *testing.T) {
	srv, requested := snapshotServer(t, "")
	b, err := newTestSource(srv, []string{"2380"}).Fetch(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"adult-education-events_geographicalAreaCode-2380_page-0_size-20.json",
		"adult-education-events_geographicalAreaCode-2380_page-1_size-20.json",
		"adult-education-events_geographicalAreaCode-2380_page-2_size-20.json",
	}
	if !slices.Equal(*requested, want) {
		t.Errorf("requested %q, want %q", *requested, want)
	}
	if len(b.Offerings) != 59 {
		t.Errorf("got %d offerings, want 59", len(b.Offerings))
	}
}

// TestFetchFails checks that any failed page fails the whole fetch, so that
// a partial batch never passes for a complete one.
func TestFetchFails(t *testing.T) {
	tests := []struct {
		name   string
		region []string
		fail   string
	}{
		{"500 on page 2", county, "adult-education-events_geographicalAreaCode-2380_page-1_size-20.json"},
		{"500 on first page", county, "adult-education-events_geographicalAreaCode-2303_page-0_size-20.json"},
		{"404 for a municipality without a file", []string{"2380", "0180"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := snapshotServer(t, tt.fail)
			b, err := newTestSource(srv, tt.region).Fetch(context.Background(), time.Time{})
			if err == nil || b != nil {
				t.Fatalf("Fetch = %v, %v; want an error and no batch", b, err)
			}
		})
	}
}

func TestFetchUndecodablePage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html>Service Unavailable</html>`))
	}))
	defer srv.Close()
	if _, err := newTestSource(srv, []string{"2380"}).Fetch(context.Background(), time.Time{}); err == nil {
		t.Fatal("want an error for an HTML page")
	}
}

// TestFetchEmptyMunicipality: a municipality without events answers with no
// _embedded and zero pages, which is an empty result, not an error.
func TestFetchEmptyMunicipality(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		calls++
		w.Write([]byte(`{"status":"OK","message":"Success","body":{"_links":{},"page":{"size":20,"totalElements":0,"totalPages":0,"number":0}}}`))
	}))
	defer srv.Close()
	b, err := newTestSource(srv, []string{"2303"}).Fetch(context.Background(), time.Time{})
	if err != nil || len(b.Offerings) != 0 || calls != 1 {
		t.Fatalf("Fetch = %+v, %v after %d calls", b, err, calls)
	}
}

func TestSnapshotFile(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://api.skolverket.se/planned-educations/v3/adult-education-events?size=20&page=0&geographicalAreaCode=2380",
			"adult-education-events_geographicalAreaCode-2380_page-0_size-20.json"},
		{"http://127.0.0.1:1/x/adult-education-events/?page=3&size=20&geographicalAreaCode=2303",
			"adult-education-events_geographicalAreaCode-2303_page-3_size-20.json"},
		{"https://h/v3/adult-education-events", "adult-education-events.json"},
		{"https://h/v3/adult-education-events?typeOfSchool=vuxgy&typeOfSchool=vuxsfi",
			"adult-education-events_typeOfSchool-vuxgy_typeOfSchool-vuxsfi.json"},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := SnapshotFile(u); got != tt.want {
			t.Errorf("SnapshotFile(%s) = %s, want %s", tt.url, got, tt.want)
		}
	}
}
