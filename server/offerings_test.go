package server_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
	"kurskatalog/server"
)

// TestHitsFollowWrites checks that the offerings a search shows, which the
// server keeps in memory between requests, are those of the latest write:
// a renamed course shows its new title on the next request, a removed one
// is gone, and a course's intakes (kept apart) show their new facts.
func TestHitsFollowWrites(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2027, 2, 1, 0, 0, 0, 0, catalog.Stockholm)
	offering := func(id, title string) catalog.Offering {
		return catalog.Offering{ID: id, EducationID: "i." + id, Title: title, SchoolType: "STF", Municipalities: []string{"2380"},
			Mode: catalog.ModeOnsite, Start: start, Provider: catalog.Provider{ID: "p.1", Name: "Studieförbundet"},
			Provenance: catalog.Provenance{Source: "susa-navet"}}
	}
	later := func(id, title string, pace int) catalog.Offering { // another intake of the course
		o := offering(id, title)
		o.Start, o.Pace = start.AddDate(0, 2, 0), pace
		return o
	}
	write := func(db *sqlite.DB, offs ...catalog.Offering) error {
		_, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: offs, Complete: true})
		return err
	}
	db, ix := openCatalogue(t, func(ctx context.Context, db *sqlite.DB) error {
		return write(db, offering("e.1", "Keramik"), offering("e.2", "Akvarell"), later("e.2b", "Akvarell", 100))
	})
	srv := httptest.NewServer(server.New(server.Deps{Index: ix, Store: db, Coverage: db, Log: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return start.AddDate(0, -1, 0) }}))
	defer srv.Close()
	titles := func() map[string]string {
		var r apiSearch
		getAPI(t, srv, "/api/v1/search", http.StatusOK, &r)
		var out = map[string]string{}
		for _, h := range r.Hits {
			out[h.ID] = h.Title
		}
		return out
	}
	if got := titles(); got["e.1"] != "Keramik" || got["e.2"] != "Akvarell" {
		t.Fatalf("before: %v", got)
	}
	titles() // from memory now
	pace := func() map[string]int {
		var r struct {
			Hits []struct {
				Intakes []struct {
					ID   string `json:"id"`
					Pace int    `json:"pace"`
				} `json:"intakes"`
			} `json:"hits"`
		}
		getAPI(t, srv, "/api/v1/search?q=akvarell", http.StatusOK, &r)
		out := map[string]int{}
		for _, h := range r.Hits {
			for _, in := range h.Intakes {
				out[in.ID] = in.Pace
			}
		}
		return out
	}
	if got := pace(); len(got) != 2 || got["e.2b"] != 100 {
		t.Fatalf("before: intakes %v, want e.2 and e.2b at 100 %%", got)
	}
	pace() // from memory now
	halftime := later("e.2b", "Akvarell", 50)
	if err := write(db, offering("e.2", "Akvarell"), halftime); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, []catalog.Offering{halftime}); err != nil {
		t.Fatal(err)
	}
	if got := pace(); len(got) != 2 || got["e.2b"] != 50 {
		t.Fatalf("after the write: intakes %v, want e.2b at 50 %%", got)
	}

	// The runner's order: the store, then the index.
	renamed := offering("e.1", "Keramik – drejning")
	if err := write(db, renamed); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, []catalog.Offering{renamed}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete([]string{"e.2", "e.2b"}); err != nil {
		t.Fatal(err)
	}
	if got := titles(); len(got) != 1 || got["e.1"] != "Keramik – drejning" {
		t.Fatalf("after the write: %v, want only the new title", got)
	}
}
