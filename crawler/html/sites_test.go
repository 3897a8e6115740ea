package html

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestBundledSites crawls every source of the default configuration against the bundled
// snapshot through the production transport and compares the batch with
// testdata/<id>.golden.json. Run go test -update after a deliberate change
// and review the diff.
func TestBundledSites(t *testing.T) {
	sources := loadSites(t)
	if len(sources) < 11 {
		t.Fatalf("the default configuration has %d sources, want the 11 bundled sites", len(sources))
	}
	for _, s := range sources {
		t.Run(s.ID, func(t *testing.T) {
			if s.Kind != "html" || s.Snapshot != "sites" || len(s.Site.StartURLs) == 0 || s.Site.StartURLs[0] != s.URL {
				t.Errorf("kind %q snapshot %q url %q start_urls %v: want html, sites and url = first start URL", s.Kind, s.Snapshot, s.URL, s.Site.StartURLs)
			}
			b := fetchBatch(t, s.ID, s.Site, snapshotClient(nil))
			if !b.Complete || len(b.Offerings) < 5 {
				t.Errorf("complete %v with %d offerings; want a complete batch of at least 5", b.Complete, len(b.Offerings))
			}
			got := marshal(t, b)
			golden := filepath.Join("testdata", s.ID+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("batch differs from %s (run go test -update and review the diff)\ngot:\n%s", golden, got)
			}
		})
	}
}
