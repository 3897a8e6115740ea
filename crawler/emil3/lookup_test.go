package emil3

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"kurskatalog/data/catalog"
)

// An info or provider that a lookup did not find is asked for once; every
// event naming it is skipped, the second one too (it used to dereference
// the remembered nil and fail the whole run).
func TestMissingInfoAndProviderNamedTwice(t *testing.T) {
	var lookups atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			lookups.Add(1)
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	src := New(Config{ID: "susa-navet", URL: srv.URL, Region: region}, testClient(srv))
	n := normaliser{ctx: context.Background(), src: src,
		infos:     map[string]*Info{"i.x": {Identifier: "i.x", Type: &CodeValue{Code: "HS"}}},
		providers: map[string]*Provider{"p.x": {Identifier: "p.x"}}}
	event := func(id, info, provider string) EventEntry {
		return EventEntry{ID: id, Status: StatusActive, Content: &Event{Identifier: id, Education: info, Providers: []string{provider},
			Title: &LangString{Strings: []LangNode{{Lang: "swe", Value: "Kurs"}}}, Locations: []Address{{AreaCode: "2380"}},
			Execution: &Execution{Start: "2027-02-01"}}}
	}
	b := &catalog.Batch{Complete: true}
	for _, e := range []EventEntry{event("e.1", "i.gone", "p.x"), event("e.2", "i.gone", "p.x"),
		event("e.3", "i.x", "p.gone"), event("e.4", "i.x", "p.gone")} {
		n.add(b, e)
	}
	if n.err != nil {
		t.Fatalf("run failed: %v", n.err)
	}
	if len(b.Offerings) != 0 || len(b.Skipped) != 4 {
		t.Fatalf("kept %d skipped %d, want 0 and 4: %+v", len(b.Offerings), len(b.Skipped), b.Skipped)
	}
	for i, s := range b.Skipped {
		if !strings.HasSuffix(s.Reason, "not found") {
			t.Errorf("skip %d: %q", i, s.Reason)
		}
	}
	if got := lookups.Load(); got != 2 {
		t.Errorf("%d lookups, want one per missing id (2)", got)
	}
}
