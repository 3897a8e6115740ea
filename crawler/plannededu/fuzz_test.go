package plannededu

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// FuzzDecode feeds arbitrary bytes to the page parser and the normaliser.
// Neither may panic, and whatever survives must be a usable offering.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/list_v3_*.json")
	snap, _ := filepath.Glob(filepath.Join(snapshotDir, "*_page-0_*.json"))
	for _, name := range append(seeds, snap[:min(2, len(snap))]...) {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"status":"OK","body":{"_embedded":{"listedAdultEducationEvents":[{"educationEventId":"e.x","titleSv":"<![CDATA[","providerName":"p","typeOfSchool":"vuxgy","paceOfStudy":"-","lastApplicationDate":"2099-12-31T00:00:00+14:00"}]},"page":{"totalPages":1}}}`))
	s := New(Config{ID: "fuzz"}, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		page, err := DecodePage(data)
		if err != nil {
			return
		}
		batch := &catalog.Batch{}
		seen := map[string]bool{}
		for _, raw := range page.Embedded.Events {
			s.add(raw, "2380", batch, seen)
		}
		for _, o := range batch.Offerings {
			if o.ID == "" || o.Title == "" || o.Provider.Name == "" || o.SchoolType == "" {
				t.Fatalf("incomplete offering %+v", o)
			}
			if len(o.Municipalities) != 1 || len(o.Municipalities[0]) != 4 {
				t.Fatalf("municipalities %q", o.Municipalities)
			}
			if !o.Mode.Valid() || o.Pace < 0 || o.Pace > 100 {
				t.Fatalf("mode %q pace %d", o.Mode, o.Pace)
			}
			dates := []struct {
				name string
				t    time.Time
			}{{"start", o.Start}, {"application_last", o.ApplicationLast}}
			for _, d := range dates {
				if d.t.IsZero() {
					continue
				}
				if d.t.Location() != stockholm || d.t.Hour() != 0 || d.t.Minute() != 0 || d.t.Year() >= sentinelYear {
					t.Fatalf("%s %v is not a Stockholm calendar date before %d", d.name, d.t, sentinelYear)
				}
			}
		}
		for _, sk := range batch.Skipped {
			if sk.Reason == "" {
				t.Fatalf("skip without reason: %+v", sk)
			}
		}
	})
}
