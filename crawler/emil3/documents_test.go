package emil3_test

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/emil3/emil3gen"
	"kurskatalog/crawler/fetch"
	"kurskatalog/data/catalog"
)

// savedDocuments is emil3.Documents in memory.
type savedDocuments map[string]map[string][]byte // by kind, then id

func (s savedDocuments) SourceDocuments(_ context.Context, _, kind string, ids []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, id := range ids {
		if doc, ok := s[kind][id]; ok {
			out[id] = doc
		}
	}
	return out, nil
}

func (s savedDocuments) CountSourceDocuments(_ context.Context, _, kind string) (int, error) {
	return len(s[kind]), nil
}

func (s savedDocuments) SaveSourceDocuments(_ context.Context, _, kind string, docs map[string][]byte, gone []string, replace bool) error {
	if replace || s[kind] == nil {
		s[kind] = map[string][]byte{}
	}
	maps.Copy(s[kind], docs)
	for _, id := range gone {
		delete(s[kind], id)
	}
	return nil
}

// countingServer serves ds with the EMIL3 API's semantics and counts the
// requests by kind: "list <resource>" (with " since" when updatedSince is
// set) and "id <resource>" for a lookup by id.
type countingServer struct {
	mu       sync.Mutex
	ds       *emil3.Dataset
	h        *emil3.Server
	requests map[string]int
	srv      *httptest.Server
}

const apiBase = "https://api.skolverket.se/susa-navet/emil3"

func newCountingServer(t *testing.T, ds *emil3.Dataset) *countingServer {
	c := &countingServer{ds: ds, h: emil3.NewServer(ds, apiBase), requests: map[string]int{}}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		defer c.mu.Unlock()
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/susa-navet/emil3/"), "/")
		key := "list " + parts[0]
		if len(parts) > 1 {
			key = "id " + parts[0]
		} else if r.URL.Query().Get("updatedSince") != "" {
			key += " since"
		}
		c.requests[key]++
		c.h.ServeHTTP(w, r)
	}))
	t.Cleanup(c.srv.Close)
	return c
}

// change edits the dataset between runs and forgets the requests so far.
func (c *countingServer) change(fn func(ds *emil3.Dataset)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fn(c.ds)
	c.h = emil3.NewServer(c.ds, apiBase) // finds appended entries by id
	clear(c.requests)
}

func (c *countingServer) source(docs emil3.Documents, region []string) *emil3.Source {
	client := fetch.New(fetch.Config{Delay: -1, Retries: 1, RetryBackoff: time.Millisecond}, c.srv.Client().Transport)
	return emil3.New(emil3.Config{ID: "susa-navet", URL: c.srv.URL + "/susa-navet/emil3", Region: region, PageSize: 4,
		Documents: docs}, client)
}

func run(t *testing.T, src *emil3.Source, since time.Time) *catalog.Batch {
	t.Helper()
	b, err := src.Fetch(context.Background(), since)
	if err != nil {
		t.Fatal(err)
	}
	if err := src.SaveState(context.Background()); err != nil {
		t.Fatal(err)
	}
	return b
}

func byID(b *catalog.Batch) map[string]catalog.Offering {
	m := map[string]catalog.Offering{}
	for _, o := range b.Offerings {
		m[o.ID] = o
	}
	return m
}

// An incremental run asks only for the events, infos and providers changed
// since the last run; an unchanged info or provider of a changed event comes
// from what the last run saved, and only one never seen is asked for by id.
func TestIncrementalFetchAsksOnlyForChanges(t *testing.T) {
	ds, err := emil3.LoadPages(os.DirFS("testdata/snapshot"))
	if err != nil {
		t.Fatal(err)
	}
	srv := newCountingServer(t, ds)
	docs := savedDocuments{}
	src := srv.source(docs, []string{"2313", "2380"})
	run(t, src, time.Time{})
	if len(docs["educationInfos"]) != 4 || len(docs["educationProviders"]) != 4 {
		t.Fatalf("saved after the complete run: %d infos, %d providers, want 4 and 4",
			len(docs["educationInfos"]), len(docs["educationProviders"]))
	}

	// Since then: an event changed (its info and provider did not), an info
	// changed with its event, and a new event of an info that the last run
	// did not see, edited long ago.
	const edited = "2026-12-01T10:00:00"
	srv.change(func(ds *emil3.Dataset) {
		for i := range ds.Events {
			switch c := ds.Events[i].Content; ds.Events[i].ID {
			case "e.vux.2313.vardomsorg.2027":
				c.LastEdited, c.Title = edited, &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Value: "Vård- och omsorgsarbete 2"}}}
			case "e.uoh.miun.vå015g.21011.20271":
				c.LastEdited = edited
			}
		}
		for i := range ds.Infos {
			if c := ds.Infos[i].Content; ds.Infos[i].ID == "i.uoh.miun.vå015g" {
				c.LastEdited, c.Code = edited, "VÅ016G"
			}
		}
		var info emil3.Info
		var event emil3.Event
		for _, e := range ds.Infos {
			if e.ID == "i.vux.2313.vardomsorg" {
				info = *e.Content
			}
		}
		for _, e := range ds.Events {
			if e.ID == "e.vux.2313.vardomsorg.2027" {
				event = *e.Content
			}
		}
		info.Identifier, info.LastEdited = "i.vux.2313.svenska", "2026-01-01T08:00:00"
		event.Identifier, event.Education = "e.vux.2313.svenska.2027", info.Identifier
		ds.Infos = append(ds.Infos, emil3.InfoEntry{ID: info.Identifier, Status: emil3.StatusActive, Content: &info})
		ds.Events = append(ds.Events, emil3.EventEntry{ID: event.Identifier, Status: emil3.StatusActive, Content: &event})
	})

	b := run(t, src, time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC))
	want := map[string]int{"list educationEvents since": 1, "list educationInfos since": 1,
		"list educationProviders since": 1, "id educationInfos": 1}
	if !maps.Equal(srv.requests, want) {
		t.Errorf("requests of the incremental run:\n got %v\nwant %v", srv.requests, want)
	}
	got := byID(b)
	if o := got["e.vux.2313.vardomsorg.2027"]; o.Title != "Vård- och omsorgsarbete 2" || o.Provider.Name == "" || o.SchoolType != "VUXGY" {
		t.Errorf("changed event with its saved info and provider: %+v", o)
	}
	if o := got["e.uoh.miun.vå015g.21011.20271"]; o.Code != "VÅ016G" {
		t.Errorf("changed info not read: code %q", o.Code)
	}
	if o, ok := got["e.vux.2313.svenska.2027"]; !ok || o.SchoolType != "VUXGY" {
		t.Errorf("event of an unseen info: %+v", o)
	}
	if _, ok := docs["educationInfos"]["i.vux.2313.svenska"]; !ok {
		t.Error("the info asked for by id is not saved for the next run")
	}
}

// At national scale, a run after 1 % of the events changed asks for no info
// or provider by id, reads the changed ones in a page each, and makes of each
// changed event the offering a complete run makes.
func TestIncrementalFetchNational(t *testing.T) {
	gen := emil3gen.Generate(emil3gen.NationalConfig(1, 3000))
	ds := &emil3.Dataset{Events: gen.Events, Infos: gen.Infos, Providers: gen.Providers}
	srv := newCountingServer(t, ds)
	var region []string
	for _, e := range ds.Events {
		if c := e.Content; c != nil {
			for _, l := range c.Locations {
				region = append(region, l.AreaCode)
			}
		}
	}
	docs := savedDocuments{}
	src := srv.source(docs, region)
	start := time.Now()
	run(t, src, time.Time{})

	changed := map[string]bool{}
	srv.change(func(ds *emil3.Dataset) {
		edited := time.Now().In(catalog.Stockholm).Add(time.Minute).Format("2006-01-02T15:04:05")
		for i := range ds.Events {
			if c := ds.Events[i].Content; i%100 == 0 && c != nil && c.Title != nil {
				e := *c
				e.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Value: c.Title.In("swe") + " (ny omgång)"}}}
				e.LastEdited = edited
				ds.Events[i].Content = &e
				changed[ds.Events[i].ID] = true
			}
		}
	})
	b := run(t, src, start)
	for key, n := range srv.requests {
		if strings.HasPrefix(key, "id ") || (key != "list educationEvents since" && n > 1) {
			t.Errorf("%d requests %q, want only a page each of what changed", n, key)
		}
	}

	complete, err := srv.source(nil, region).Fetch(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	full := byID(complete)
	got := byID(b)
	if len(got) < len(changed)/2 {
		t.Fatalf("%d offerings from %d changed events", len(got), len(changed))
	}
	for id, o := range got {
		if !changed[id] {
			t.Errorf("unchanged event %s in the incremental batch", id)
		}
		if !reflect.DeepEqual(o, full[id]) {
			t.Errorf("%s differs from the complete run's:\n got %+v\nwant %+v", id, o, full[id])
		}
	}
}
