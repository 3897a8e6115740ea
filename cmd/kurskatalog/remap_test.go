package main

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/occupation"
)

// Offerings are mapped to occupations when imported. A service started
// with other occupation tables than the ones its stored offerings were
// mapped with imports every source completely before serving, so that the
// stored offerings follow the tables; with the same tables it does not.
func TestChangedTablesRemapStoredOfferings(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	ctx := context.Background()
	snap := newLiveSnapshot(t)
	dir := t.TempDir()
	dataDir := filepath.Join(dir, "var")
	config := writeConfig(t, dir, snap.srv.URL, "168h")
	crawlOnce(t, config, dataDir)

	// Stand in for an offering mapped by older tables: its matches gone.
	db := openTestStore(t, dataDir)
	var stale catalog.Offering
	err := db.EachOffering(ctx, func(o catalog.Offering) error {
		if stale.ID == "" && len(o.Occupations) > 0 && o.SchoolType == "YH" {
			stale = o
		}
		return nil
	})
	if err != nil || stale.ID == "" {
		t.Fatalf("no mapped YH offering in the store (%v)", err)
	}
	want := stale.Occupations
	stale.Occupations = nil
	if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: []catalog.Offering{stale}}); err != nil {
		t.Fatal(err)
	}
	occupations := func(base string) []catalog.OccupationMatch {
		var o catalog.Offering
		getJSON(t, base+"/api/v1/offerings/"+url.PathEscape(stale.ID), http.StatusOK, &o)
		return o.Occupations
	}

	base, stop := startServe(t, "--config", config, "--data-dir", dataDir)
	if got := occupations(base); len(got) != 0 {
		t.Fatalf("same tables, no new import: occupations %v, want the stale none", got)
	}
	stop()

	record := filepath.Join(dataDir, tablesFile)
	if err := os.WriteFile(record, []byte("0123456789abcdef 2026-01-01T00:00:00Z\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base, stop = startServe(t, "--config", config, "--data-dir", dataDir)
	defer stop()
	if got := occupations(base); len(got) != len(want) || got[0].SSYK != want[0].SSYK {
		t.Errorf("after a change of the tables: occupations %v, want %v", got, want)
	}
	version, err := occupation.TablesVersion()
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(record); err != nil || !strings.HasPrefix(string(b), version+" ") {
		t.Errorf("tables record %q (%v), want version %s", b, err, version)
	}
}

// A run that started earlier in the second the new tables were first seen
// mapped its offerings with the old ones: it counts as older, and its
// source imports again.
func TestTablesChangedWithinASecond(t *testing.T) {
	dir := t.TempDir()
	ran := time.Date(2027, 3, 1, 12, 0, 0, 300e6, time.UTC)
	since, changed, err := tablesChangedAt(dir, "v2", ran.Add(400*time.Millisecond))
	if err != nil || !changed {
		t.Fatalf("new version: changed %v (%v)", changed, err)
	}
	if !ran.Before(since) {
		t.Errorf("tables changed at %v: a run started at %v does not count as older", since, ran)
	}
	again, changed, err := tablesChangedAt(dir, "v2", ran.Add(time.Hour))
	if err != nil || changed || !again.Equal(since) {
		t.Errorf("same version later: %v changed %v (%v), want %v unchanged", again, changed, err, since)
	}
}
