package myh

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"kurskatalog/data/catalog"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// county is Jämtlands län.
var county = []string{"2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380"}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// parseFixture parses testdata/tabell3.csv, with testdata/tabell4.csv when
// withTabell4 is set.
func parseFixture(t testing.TB, tabell3 []byte, withTabell4 bool) *catalog.Batch {
	t.Helper()
	var several map[string][]string
	if withTabell4 {
		var err error
		if several, err = DecodeMunicipalities(readFile(t, "testdata/tabell4.csv")); err != nil {
			t.Fatal(err)
		}
	}
	s := New(Config{ID: "myh", URL: "https://example.test/tabell3.csv", Region: county}, nil)
	b, err := s.parse(tabell3, several)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func marshal(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden normalises real rows (refusals, campus and distance programmes,
// programmes in several municipalities) and compares the offerings with
// testdata/tabell3.golden.json. Run with -update after a deliberate change.
func TestGolden(t *testing.T) {
	b := parseFixture(t, readFile(t, "testdata/tabell3.csv"), true)
	got := marshal(t, b.Offerings)
	const golden = "testdata/tabell3.golden.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readFile(t, golden); !bytes.Equal(got, want) {
		t.Errorf("offerings differ from %s (run go test -update and review the diff)\ngot:\n%s", golden, got)
	}
}

// TestCounts checks what is kept, filtered and skipped, with and without
// tabell4.
func TestCounts(t *testing.T) {
	tests := []struct {
		name        string
		withTabell4 bool
		kept        int
		filtered    int
		skipped     []catalog.Skip
	}{
		{"with tabell4", true, 8, 8, []catalog.Skip{
			{ID: "myh.2024.3616", Reason: `line 18: bad YH-poäng "4OO"`},
			{ID: "myh.2024.3048", Reason: "line 19: 10 fields, want 28"},
		}},
		{"without tabell4", false, 8, 7, []catalog.Skip{
			{ID: "myh.2024.3761", Reason: "line 6: Flera kommuner without a tabell4 row"},
			{ID: "myh.2024.3616", Reason: `line 18: bad YH-poäng "4OO"`},
			{ID: "myh.2024.3048", Reason: "line 19: 10 fields, want 28"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parseFixture(t, readFile(t, "testdata/tabell3.csv"), tt.withTabell4)
			if b.Fetched != 18 || len(b.Offerings) != tt.kept || b.Filtered != tt.filtered || !b.Complete {
				t.Errorf("fetched %d kept %d filtered %d complete %v; want 18, %d, %d, true",
					b.Fetched, len(b.Offerings), b.Filtered, b.Complete, tt.kept, tt.filtered)
			}
			if !equalSkips(b.Skipped, tt.skipped) {
				t.Errorf("skipped %+v\nwant %+v", b.Skipped, tt.skipped)
			}
		})
	}
}

func equalSkips(a, b []catalog.Skip) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestEncodings reads the fixture as Excel on a Swedish machine would write
// it (Windows-1252, semicolons, BOM, LF) and expects the same offerings.
func TestEncodings(t *testing.T) {
	utf8CSV := readFile(t, "testdata/tabell3.csv")
	want := marshal(t, parseFixture(t, utf8CSV, true).Offerings)
	tests := []struct {
		name string
		data []byte
	}{
		{"BOM", append([]byte("\uFEFF"), utf8CSV...)},
		{"LF line ends", bytes.ReplaceAll(utf8CSV, []byte("\r\n"), []byte("\n"))},
		{"semicolons", toSemicolons(t, utf8CSV)},
		{"Windows-1252 with semicolons", toWindows1252(t, toSemicolons(t, utf8CSV))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := marshal(t, parseFixture(t, tt.data, true).Offerings); !bytes.Equal(got, want) {
				t.Errorf("offerings differ from the UTF-8 file:\n%s", got)
			}
		})
	}
}
