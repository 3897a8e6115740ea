package coverage_test

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/crawler/yrkesbarometer"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/occupation"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestBundledReport computes the report the service would give on its
// bundled data, on the snapshot's reference date, and keeps it as golden
// CSV: a change to the mapping, the demand or the rules shows up as a diff
// a reviewer can read.
func TestBundledReport(t *testing.T) {
	offerings, err := emil3test.ImportBundled(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ybfs, err := data.Snapshot("yrkesbarometer")
	if err != nil {
		t.Fatal(err)
	}
	body, err := fs.ReadFile(ybfs, "yrkesbarometer.json")
	if err != nil {
		t.Fatal(err)
	}
	demand, err := yrkesbarometer.Parse(body, yrkesbarometer.DefaultRegions)
	if err != nil {
		t.Fatal(err)
	}
	mapper, err := occupation.DefaultMapper()
	if err != nil {
		t.Fatal(err)
	}
	tax, err := occupation.Load()
	if err != nil {
		t.Fatal(err)
	}
	in := coverage.Input{Offerings: coverage.List(offerings), Occupations: mapper.Map, Demand: demand.Rows,
		Names: func(s string) string { return tax.Label(s).SV }}
	p := coverage.DefaultParams(time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm))
	rep, err := coverage.Compute(in, p)
	if err != nil {
		t.Fatal(err)
	}
	// The cells of shortage occupations only: the full matrix is the same
	// computation over every group and would bury the diff.
	var shortage []catalog.CoverageCell
	for _, c := range rep.Cells {
		if c.Shortage {
			shortage = append(shortage, c)
		}
	}
	var cells, gaps bytes.Buffer
	if err := coverage.WriteCellsCSV(&cells, shortage); err != nil {
		t.Fatal(err)
	}
	if err := coverage.WriteGapsCSV(&gaps, rep.Gaps); err != nil {
		t.Fatal(err)
	}
	golden(t, "shortage_cells_2026-11-20.golden.csv", cells.Bytes())
	golden(t, "gaps_2026-11-20.golden.csv", gaps.Bytes())
	t.Logf("%d cells (%d of shortage occupations), %d gaps", len(rep.Cells), len(shortage), len(rep.Gaps))
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; run go test -update and review the diff", path)
	}
}
