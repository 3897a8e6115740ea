package yrkesbarometer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kurskatalog/crawler/fetch"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

var update = flag.Bool("update", false, "rewrite golden files")

const sample = "testdata/yrkesbarometer_sample.json"

// newServer serves body at /prognoser/yrkesbarometer.json with an ETag, as
// Arbetsförmedlingen's file server does; status overrides the answer.
func newServer(t *testing.T, body []byte, status *int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/prognoser/yrkesbarometer.json" {
			http.NotFound(w, r)
			return
		}
		if status != nil && *status != http.StatusOK {
			w.WriteHeader(*status)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func newSource(srv *httptest.Server) *Source {
	client := fetch.New(fetch.Config{Delay: -1, Retries: 1, RetryBackoff: time.Millisecond}, srv.Client().Transport)
	return New(Config{ID: "yrkesbarometer", URL: srv.URL + "/prognoser/yrkesbarometer.json"}, client)
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFetchGolden(t *testing.T) {
	srv := newServer(t, readFile(t, sample), nil)
	res, err := newSource(srv).Fetch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "yrkesbarometer_sample.golden.json")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readFile(t, golden); !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("result differs from %s; run go test -update and review the diff\ngot:\n%s", golden, buf.Bytes())
	}
}

func TestFetchNormalises(t *testing.T) {
	srv := newServer(t, readFile(t, sample), nil)
	res, err := newSource(srv).Fetch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]catalog.Demand{}
	for _, d := range res.Rows {
		byKey[d.Region+"/"+d.Occupation] = d
	}
	reasons := map[string]int{}
	for _, s := range res.Skipped {
		reasons[s.Reason]++
	}
	t.Run("counts", func(t *testing.T) {
		// 16 rows: 7 kept, 3 of other counties and 1 of an older round
		// filtered, 5 skipped.
		if res.Round != "2025-2" || res.Fetched != 16 || len(res.Rows) != 7 || res.Filtered != 4 || len(res.Skipped) != 5 {
			t.Errorf("round %s fetched %d kept %d filtered %d skipped %d", res.Round, res.Fetched, len(res.Rows), res.Filtered, len(res.Skipped))
		}
		want := map[string]int{"missing yb_yrke": 1, "malformed row": 1, "unknown rekryteringssituation": 1, "duplicate row": 1, "bad ssyk": 1}
		for k, v := range want {
			if reasons[k] != v {
				t.Errorf("skip reasons %v, want %v", reasons, want)
				break
			}
		}
	})
	t.Run("several SSYK groups, no assessment", func(t *testing.T) {
		d := byKey["23/Finansanalytiker och finansmäklare"]
		if !slices.Equal(d.SSYK, []string{"2413", "2414", "3311"}) || d.Recruitment != "" || d.JobOpportunities != "" || d.Shortage() {
			t.Errorf("%+v", d)
		}
	})
	t.Run("paradox keeps its supply", func(t *testing.T) {
		d := byKey["00/Lednings- och organisationsutvecklare"]
		if d.Recruitment != catalog.RecruitmentParadox || !slices.Equal(d.Paradox, []string{"lämnare"}) {
			t.Errorf("%+v", d)
		}
	})
	t.Run("values lower-cased and trimmed", func(t *testing.T) {
		d := byKey["23/Medicinska sekreterare/vårdadministratörer"]
		if d.Recruitment != "brist" || d.JobOpportunities != "stora" || !d.Shortage() || !d.Partial || d.AssessmentLevel != "nationellt" {
			t.Errorf("%+v", d)
		}
	})
}

func TestFetchConditional(t *testing.T) {
	srv := newServer(t, readFile(t, sample), nil)
	src := newSource(srv)
	if _, err := src.Fetch(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Fetch(context.Background()); !errors.Is(err, ErrNotModified) {
		t.Errorf("second fetch: %v, want ErrNotModified", err)
	}
}

func TestParseRejects(t *testing.T) {
	for name, body := range map[string]string{
		"object":       `{"yb_yrke": "Kockar"}`,
		"truncated":    `[{"yb_yrke": "Kockar", "lan": "23"`,
		"no valid row": `[{"yb_yrke": "", "lan": "23"}]`,
		"empty":        `[]`,
	} {
		if _, err := Parse([]byte(body), DefaultRegions); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// fakeStore records runs and demand in memory.
type fakeStore struct {
	runs  []catalog.Run
	round string
	rows  []catalog.Demand
}

func (s *fakeStore) StartRun(_ context.Context, source string, full bool) (catalog.Run, error) {
	return catalog.Run{ID: int64(len(s.runs) + 1), Source: source, Full: full, Status: catalog.RunRunning}, nil
}

func (s *fakeStore) FinishRun(_ context.Context, r *catalog.Run) error {
	s.runs = append(s.runs, *r)
	return nil
}

func (s *fakeStore) ReplaceDemand(_ context.Context, round string, rows []catalog.Demand) (catalog.ApplyResult, error) {
	res := catalog.ApplyResult{}
	for _, d := range rows {
		res.Added = append(res.Added, d.Region+"/"+d.Occupation)
	}
	s.round, s.rows = round, rows
	return res, nil
}

func TestImportKeepsOldDataOnFailure(t *testing.T) {
	status := http.StatusOK
	srv := newServer(t, readFile(t, sample), &status)
	src := newSource(srv)
	store := &fakeStore{}
	run, err := src.Import(context.Background(), store)
	if err != nil || run.Status != catalog.RunOK || run.Added != 7 || run.Skipped != 5 || store.round != "2025-2" {
		t.Fatalf("first import: %+v %v", run, err)
	}
	status = http.StatusServiceUnavailable
	run, err = src.Import(context.Background(), store)
	if err == nil || run.Status != catalog.RunFailed || len(store.rows) != 7 {
		t.Errorf("failed import: %+v %v; store has %d rows", run, err, len(store.rows))
	}
	status = http.StatusOK
	run, err = src.Import(context.Background(), store)
	if err != nil || run.Status != catalog.RunOK || run.Added != 0 {
		t.Errorf("unchanged file: %+v %v", run, err)
	}
}

// TestBundledSnapshot checks the bundled copy: the nation and the county,
// every barometer occupation once each, one round.
func TestBundledSnapshot(t *testing.T) {
	fsys, err := data.Snapshot("yrkesbarometer")
	if err != nil {
		t.Fatal(err)
	}
	body, err := fs.ReadFile(fsys, "yrkesbarometer.json")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(body, DefaultRegions)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) != 0 || res.Filtered != 0 || res.Round != "2025-2" {
		t.Errorf("skipped %v filtered %d round %s", res.Skipped, res.Filtered, res.Round)
	}
	perRegion := map[string]int{}
	shortage := 0
	for _, d := range res.Rows {
		perRegion[d.Region]++
		if d.Region == "23" && d.Shortage() {
			shortage++
		}
	}
	if perRegion["00"] != perRegion["23"] || perRegion["23"] < 200 {
		t.Errorf("rows per region %v", perRegion)
	}
	if shortage < 30 {
		t.Errorf("only %d shortage occupations in the county", shortage)
	}
	if !strings.Contains(string(body), `"yb_concept_id": "PDNm_NZ2_WRh"`) {
		t.Error("the real rows of the reference are missing")
	}
}
