package gtfs

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"kurskatalog/crawler/fetch"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// memStore keeps runs and the last accepted travel times.
type memStore struct {
	runs  []catalog.Run
	feed  catalog.TransitFeed
	times []catalog.TransitTime
}

func (m *memStore) StartRun(_ context.Context, source string, full bool) (catalog.Run, error) {
	return catalog.Run{ID: int64(len(m.runs) + 1), Source: source, Full: full, Started: time.Now()}, nil
}

func (m *memStore) FinishRun(_ context.Context, r *catalog.Run) error {
	r.Finished = time.Now()
	m.runs = append(m.runs, *r)
	return nil
}

func (m *memStore) ReplaceTransit(_ context.Context, feed catalog.TransitFeed, times []catalog.TransitTime) (catalog.ApplyResult, error) {
	m.feed, m.times = feed, times
	return catalog.ApplyResult{Added: make([]string, len(times))}, nil
}

// TestImport serves a feed as Samtrafiken does (the key in the query),
// imports it, then serves a broken one: the run fails, names the cause
// without the key, and the stored times stay.
func TestImport(t *testing.T) {
	fsys, err := data.Snapshot("gtfs")
	if err != nil {
		t.Fatal(err)
	}
	good, err := fs.ReadFile(fsys, "jlt.zip")
	if err != nil {
		t.Fatal(err)
	}
	body := good
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/gtfs/jlt/jlt.zip" || r.URL.Query().Get("key") != "hemlig" {
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Write(body)
	}))
	defer srv.Close()
	client := fetch.New(fetch.Config{Delay: -1, Retries: -1}, srv.Client().Transport)
	today := func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, catalog.Stockholm) }
	cfg := Config{ID: "jlt", URL: srv.URL + "/gtfs/jlt/jlt.zip", Key: "hemlig", Now: today, Log: slog.New(slog.DiscardHandler),
		Origins: []Origin{{ID: "2361", Lat: 62.034, Lon: 14.357}, {ID: "2380", Lat: 63.177, Lon: 14.636}}}
	store := &memStore{}
	run, err := New(cfg, client).Import(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	if run.Status != catalog.RunOK || run.Fetched == 0 || run.Added != len(store.times) || len(store.times) == 0 {
		t.Fatalf("run %+v with %d times", run, len(store.times))
	}
	if store.feed.Day.Weekday() != time.Friday || store.feed.Leave != "06:00" || store.feed.ArriveBy != "10:00" {
		t.Errorf("feed %+v: want the snapshot's Friday, 06:00 to 10:00", store.feed)
	}
	kept := len(store.times)

	body = []byte("not a zip")
	run, err = New(cfg, client).Import(context.Background(), store)
	if err == nil || run.Status != catalog.RunFailed || !strings.Contains(run.Error, "not a zip") {
		t.Errorf("broken feed: run %+v, error %v", run, err)
	}
	if len(store.times) != kept {
		t.Errorf("a failed import changed the stored times")
	}
	cfg.Key = "wrong-key-42"
	run, _ = New(cfg, client).Import(context.Background(), store)
	if run.Status != catalog.RunFailed || !strings.Contains(run.Error, "401") || strings.Contains(run.Error, "wrong-key-42") {
		t.Errorf("wrong key: %q (the run should fail on the 401 without recording the key)", run.Error)
	}
}
