package plannededu

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kurskatalog/data/catalog"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// parseFile normalises one page file the way Fetch does, with no area to
// fall back on.
func parseFile(t testing.TB, name string) *catalog.Batch {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	page, err := DecodePage(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	s := New(Config{ID: "planned-educations"}, nil)
	batch := &catalog.Batch{Source: "planned-educations", Complete: true}
	seen := map[string]bool{}
	for _, raw := range page.Embedded.Events {
		batch.Fetched++
		s.add(raw, "", batch, seen)
	}
	return batch
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

// TestGolden normalises real-format pages and compares the offerings with
// testdata/<name>.golden.json. Run with -update after a deliberate change.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/list_v3_*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, in := range files {
		if strings.HasSuffix(in, ".golden.json") {
			continue
		}
		t.Run(filepath.Base(in), func(t *testing.T) {
			got := marshal(t, parseFile(t, in).Offerings)
			golden := strings.TrimSuffix(in, ".json") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("offerings differ from %s (run go test -update and review the diff)\ngot:\n%s", golden, got)
			}
		})
	}
}

// TestQuirksSkipped checks that malformed records are skipped with a reason
// and counted, and the rest of the page survives.
func TestQuirksSkipped(t *testing.T) {
	b := parseFile(t, "testdata/list_v3_quirks.json")
	if b.Fetched != 9 {
		t.Errorf("Fetched = %d, want 9", b.Fetched)
	}
	if len(b.Offerings) != 4 {
		t.Errorf("got %d offerings, want 4", len(b.Offerings))
	}
	want := []catalog.Skip{
		{ID: "", Reason: "missing educationEventId"},
		{ID: "e.IST.23031VUXY271ENGENG06", Reason: "missing titleSv"},
		{ID: "e.vux.2313999", Reason: `unknown typeOfSchool "Förberedande utbildning"`},
		{ID: "e.vux.2326999", Reason: `lastApplicationDate: date "30/11/2026": unknown layout`},
		{ID: "e.vux.2321999", Reason: "undecodable record: json: cannot unmarshal object into Go struct field Event.titleSv of type string"},
	}
	if len(b.Skipped) != len(want) {
		t.Fatalf("skipped %+v, want %+v", b.Skipped, want)
	}
	for i := range want {
		if b.Skipped[i] != want[i] {
			t.Errorf("skip %d = %+v, want %+v", i, b.Skipped[i], want[i])
		}
	}
}
