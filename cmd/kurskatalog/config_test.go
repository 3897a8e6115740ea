package main

import (
	"strings"
	"testing"
	"time"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// On the bundled snapshots alone the catalogue's today is the snapshots'
// day and the pages say the data is as of then; a configured day wins; with
// a live source today is today.
func TestClock(t *testing.T) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	date := func(t time.Time) string { return t.In(catalog.Stockholm).Format(time.DateOnly) }
	now, asOf := cfg.clock()
	if date(now()) != data.SnapshotDay || date(asOf) != data.SnapshotDay {
		t.Errorf("bundled: today %s, as of %s; want %s", date(now()), date(asOf), data.SnapshotDay)
	}
	cfg.Today = "2027-03-15"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if now, asOf := cfg.clock(); date(now()) != "2027-03-15" || date(asOf) != data.SnapshotDay {
		t.Errorf("configured: today %s, as of %s", date(now()), date(asOf))
	}
	cfg.Today, cfg.Sources[0].Snapshot = "", ""
	if now, asOf := cfg.clock(); date(now()) != date(time.Now()) || !asOf.IsZero() {
		t.Errorf("live: today %s, as of %v", date(now()), asOf)
	}
	cfg.Today = "15 mars"
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "today") {
		t.Errorf("bad today: %v", err)
	}
}
