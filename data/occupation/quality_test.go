package occupation_test

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
	"kurskatalog/data/occupation"
)

// The mapping's quality on the labelled offerings of the bundled snapshot
// (testdata/labelled_offerings.csv), on real yrkeshögskola programmes that
// the rules were improved with (testdata/myh_dev.csv) and on real ones they
// were never shown (testdata/myh_heldout.csv). The floors sit a little below
// the figures measured when they were set, so that a change to the tables
// that makes the mapping worse fails here. Run with -v for the figures and
// every disagreement:
//
//	go test ./data/occupation -run Quality -v
var floors = map[string]struct{ precision, recall float64 }{
	"snapshot": {0.97, 0.97}, // measured 0.991, 0.991 (labels and rules by the same hand)
	"myh_dev":  {0.70, 0.65}, // measured 0.741, 0.706
	"heldout":  {0.70, 0.50}, // measured 0.727, 0.533
}

// bundledOfferings imports the bundled Susa-navet snapshot the way the
// service does (emil3test.ImportBundled).
var bundledOfferings = sync.OnceValues(func() (map[string]catalog.Offering, error) {
	offerings, err := emil3test.ImportBundled(context.Background())
	if err != nil {
		return nil, err
	}
	out := make(map[string]catalog.Offering, len(offerings))
	for _, o := range offerings {
		out[o.ID] = o
	}
	return out, nil
})

type labelled struct {
	offering catalog.Offering
	want     []string
}

type score struct{ tp, fp, fn, offerings, exact, negatives, cleanNegatives int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// evaluate compares the mapper's groups with the labels, pair by pair
// (offering, SSYK group), and logs every disagreement.
func evaluate(t *testing.T, m *occupation.Mapper, tax *occupation.Taxonomy, set []labelled) score {
	t.Helper()
	var s score
	for _, l := range set {
		var got []string
		for _, match := range m.Map(l.offering) {
			got = append(got, match.SSYK)
		}
		want := make([]string, 0, len(l.want))
		for _, c := range l.want {
			if c = tax.Canonical(c); !slices.Contains(want, c) {
				want = append(want, c)
			}
		}
		s.offerings++
		if len(want) == 0 {
			s.negatives++
			if len(got) == 0 {
				s.cleanNegatives++
			}
		}
		for _, c := range got {
			if slices.Contains(want, c) {
				s.tp++
			} else {
				s.fp++
			}
		}
		for _, c := range want {
			if !slices.Contains(got, c) {
				s.fn++
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if slices.Equal(got, want) {
			s.exact++
		} else {
			t.Logf("%-45s %-7s got %v want %v  %v", l.offering.ID, l.offering.SchoolType, got, want, m.Map(l.offering))
		}
	}
	t.Logf("offerings %d (negatives %d, of them mapped to nothing %d); exactly right %d",
		s.offerings, s.negatives, s.cleanNegatives, s.exact)
	t.Logf("pairs: true positives %d, false positives %d, false negatives %d; precision %.3f, recall %.3f",
		s.tp, s.fp, s.fn, s.precision(), s.recall())
	return s
}

func readLabels(t *testing.T, name string, fn func(rec map[string]string)) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.Comment = ';', '#'
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		row := map[string]string{}
		for i, h := range header {
			row[h] = rec[i]
		}
		fn(row)
	}
}

func mapper(t *testing.T) (*occupation.Mapper, *occupation.Taxonomy) {
	t.Helper()
	m, err := occupation.DefaultMapper()
	if err != nil {
		t.Fatal(err)
	}
	tax, err := occupation.Load()
	if err != nil {
		t.Fatal(err)
	}
	return m, tax
}

func TestQualityOnSnapshot(t *testing.T) {
	offerings, err := bundledOfferings()
	if err != nil {
		t.Fatal(err)
	}
	m, tax := mapper(t)
	var set []labelled
	readLabels(t, "testdata/labelled_offerings.csv", func(row map[string]string) {
		o, ok := offerings[row["id"]]
		if !ok {
			t.Fatalf("labelled offering %s is not in the bundled snapshot", row["id"])
		}
		set = append(set, labelled{o, strings.Fields(row["ssyk"])})
	})
	if len(set) < 150 {
		t.Fatalf("only %d labelled offerings, want at least 150", len(set))
	}
	checkFloor(t, "snapshot", evaluate(t, m, tax, set))
}

func TestQualityOnYrkeshogskola(t *testing.T) {
	m, tax := mapper(t)
	for _, name := range []string{"myh_dev", "heldout"} {
		t.Run(name, func(t *testing.T) {
			file := "testdata/" + name + ".csv"
			if name == "heldout" {
				file = "testdata/myh_heldout.csv"
			}
			var set []labelled
			readLabels(t, file, func(row map[string]string) {
				o := catalog.Offering{ID: row["title"], Title: row["title"], SchoolType: "YH", Configuration: "program",
					Subjects: []catalog.Code{{Type: "C_Subject_SUN", Code: row["sun"]}}}
				set = append(set, labelled{o, strings.Fields(row["ssyk"])})
			})
			checkFloor(t, name, evaluate(t, m, tax, set))
		})
	}
}

func checkFloor(t *testing.T, name string, s score) {
	t.Helper()
	f := floors[name]
	if s.precision() < f.precision || s.recall() < f.recall {
		t.Errorf("%s: precision %.3f recall %.3f, want at least %.2f and %.2f", name, s.precision(), s.recall(), f.precision, f.recall)
	}
}
