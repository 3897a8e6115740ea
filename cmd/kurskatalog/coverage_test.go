package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"
)

// The coverage report on the bundled data, as JSON and as CSV: the CSV
// parses back to the same gaps and cells the JSON has.
func TestCoverageAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	dataDir := filepath.Join(t.TempDir(), "var")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"crawl", "--data-dir", dataDir}, &stdout, &stderr); code != 0 {
		t.Fatalf("crawl of the bundled sources exited %d:\n%s", code, stdout.String())
	}
	base, _ := startServe(t, "--data-dir", dataDir)

	var rep struct {
		Cells []struct {
			Municipality string   `json:"municipality"`
			SSYK         string   `json:"ssyk"`
			Local        int      `json:"local"`
			Nearby       int      `json:"nearby"`
			Blended      int      `json:"blended"`
			Online       int      `json:"online"`
			Total        int      `json:"total"`
			OfferingIDs  []string `json:"offering_ids"`
			Shortage     bool     `json:"shortage"`
		} `json:"cells"`
		Gaps []struct {
			Municipality string `json:"municipality"`
			Occupation   string `json:"occupation"`
		} `json:"gaps"`
	}
	query := "/api/v1/coverage?from=2026-11-20&to=2027-11-19&municipality=2361&municipality=2380"
	getJSON(t, base+query, http.StatusOK, &rep)
	if len(rep.Cells) == 0 || len(rep.Gaps) == 0 {
		t.Fatalf("%d cells, %d gaps", len(rep.Cells), len(rep.Gaps))
	}
	shortage := 0
	for _, c := range rep.Cells {
		if c.Local+c.Nearby+c.Blended+c.Online != c.Total || len(c.OfferingIDs) != c.Total {
			t.Errorf("cell %s/%s: %d+%d+%d+%d != total %d (%d ids)", c.Municipality, c.SSYK, c.Local, c.Nearby, c.Blended, c.Online, c.Total, len(c.OfferingIDs))
		}
		if c.Shortage {
			shortage++
		}
	}
	if shortage == 0 {
		t.Error("no cell carries the county's shortage signal: is the Yrkesbarometer imported?")
	}
	// An assistant nurse course is reachable from Östersund.
	found := false
	for _, c := range rep.Cells {
		found = found || (c.Municipality == "2380" && c.SSYK == "5321" && c.Total > 0)
	}
	if !found {
		t.Error("no reachable course towards 5321 (undersköterskor) from Östersund")
	}

	gaps := getCSV(t, base+query+"&format=csv")
	if len(gaps)-1 != len(rep.Gaps) || gaps[0][0] != "municipality" {
		t.Errorf("gaps CSV has %d rows and header %v; JSON has %d gaps", len(gaps)-1, gaps[0], len(rep.Gaps))
	}
	for i, g := range rep.Gaps {
		if i+1 < len(gaps) && (gaps[i+1][0] != g.Municipality || gaps[i+1][1] != g.Occupation) {
			t.Errorf("gap %d: CSV %v, JSON %+v", i, gaps[i+1], g)
		}
	}
	cells := getCSV(t, base+query+"&format=csv&view=cells")
	if len(cells)-1 != len(rep.Cells) {
		t.Fatalf("cells CSV has %d rows, JSON %d", len(cells)-1, len(rep.Cells))
	}
	col := map[string]int{}
	for i, h := range cells[0] {
		col[h] = i
	}
	for i, c := range rep.Cells {
		row := cells[i+1]
		if total, _ := strconv.Atoi(row[col["total"]]); row[col["ssyk"]] != c.SSYK || total != c.Total {
			t.Errorf("cell %d: CSV %v, JSON %s total %d", i, row, c.SSYK, c.Total)
		}
	}

	var e errorBodyJSON
	getJSON(t, base+"/api/v1/coverage?occupation=9999", http.StatusBadRequest, &e)
	if e.Error.Parameter != "occupation" {
		t.Errorf("bad occupation: %+v", e.Error)
	}
	checkCoverageByBus(t, base)
}

func getCSV(t *testing.T, u string) [][]string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("GET %s: not CSV: %v", u, err)
	}
	return rows
}
