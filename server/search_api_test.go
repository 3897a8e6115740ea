package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
	"kurskatalog/server"
)

var apiToday = time.Date(2026, 11, 20, 9, 0, 0, 0, catalog.Stockholm)

// newAPIServer serves a few offerings from a real store and index, on a
// fixed day.
func newAPIServer(t *testing.T) *httptest.Server {
	t.Helper()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, catalog.Stockholm) }
	base := func(id, title, desc string, start time.Time) catalog.Offering {
		return catalog.Offering{ID: id, EducationID: "i." + id, Title: title, Description: desc, SchoolType: "STF",
			Municipalities: []string{"2380"}, Towns: []string{"Östersund"}, Mode: catalog.ModeOnsite, TimeOfStudy: "kväll",
			Start: start, End: start.AddDate(0, 2, 0), Provider: catalog.Provider{ID: "p.abf", Name: "ABF Jämtlands län"},
			Provenance: catalog.Provenance{Source: "susa-navet"}}
	}
	keramik := base("e.keramik", "Keramik – drejning", "<p>Du drejar <b>skålar</b> & koppar i lera.</p>", day(2027, 1, 12))
	keramik.ApplicationLast = day(2026, 12, 1)
	past := base("e.past", "Keramik för vana", "Glasering.", day(2026, 3, 1))
	spanska := base("e.spanska", "Spanska för nybörjare", "Studiecirkel i spanska.", day(2027, 9, 1))
	return serveCatalogue(t, server.Deps{Now: func() time.Time { return apiToday }}, func(ctx context.Context, db *sqlite.DB) error {
		_, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: []catalog.Offering{keramik, past, spanska}, Complete: true})
		return err
	})
}

func getAPI(t *testing.T, srv *httptest.Server, path string, wantStatus int, v any) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s: %d, want %d: %s", path, resp.StatusCode, wantStatus, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v: %s", path, err, body)
	}
}

type apiSearch struct {
	Total   int  `json:"total"`
	Relaxed bool `json:"relaxed"`
	Hits    []struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		TitleHTML string `json:"title_html"`
		Snippet   string `json:"snippet"`
	} `json:"hits"`
	Facets map[string][]catalog.FacetValue `json:"facets"`
}

func TestSearchAPI(t *testing.T) {
	srv := newAPIServer(t)
	var r apiSearch
	getAPI(t, srv, "/api/v1/search?q=keramik+lera&lang=en", http.StatusOK, &r)
	if r.Total != 1 || r.Hits[0].ID != "e.keramik" {
		t.Fatalf("keramik (the past one hidden): %+v", r)
	}
	if h := r.Hits[0]; h.TitleHTML != "<mark>Keramik</mark> – drejning" ||
		h.Snippet != "Du drejar skålar &amp; koppar i <mark>lera</mark>." {
		t.Errorf("highlighting: %q, %q", h.TitleHTML, h.Snippet)
	}
	for _, f := range catalog.Facets {
		if _, ok := r.Facets[f.Name]; !ok {
			t.Errorf("no facet %s", f.Name)
		}
	}
	want := map[string]catalog.FacetValue{
		catalog.FacetTimeOfStudy:     {Value: "evening", Label: "Evenings", Count: 1},
		catalog.FacetStartPeriod:     {Value: "within_3_months", Label: "Starts within 3 months", Count: 1},
		catalog.FacetApplicationOpen: {Value: "true", Label: "Open for application", Count: 1},
		catalog.FacetMunicipality:    {Value: "2380", Label: "Östersund", Count: 1},
	}
	for name, v := range want {
		if got := r.Facets[name]; len(got) != 1 || got[0] != v {
			t.Errorf("facet %s: %+v, want %+v", name, got, v)
		}
	}

	// The names are kept by language: Swedish after English is Swedish.
	getAPI(t, srv, "/api/v1/search?q=keramik+lera&lang=sv", http.StatusOK, &r)
	if got := r.Facets[catalog.FacetTimeOfStudy]; len(got) != 1 || got[0].Label != "Kvällstid" {
		t.Errorf("time of study in Swedish: %+v", got)
	}

	getAPI(t, srv, "/api/v1/search?q=keramik&include_past=true", http.StatusOK, &r)
	if r.Total != 2 {
		t.Errorf("include_past: total %d", r.Total)
	}
	getAPI(t, srv, "/api/v1/search?q=keramik+tumstock", http.StatusOK, &r)
	if !r.Relaxed || r.Total != 1 {
		t.Errorf("keramik tumstock: relaxed %v, total %d", r.Relaxed, r.Total)
	}
	getAPI(t, srv, "/api/v1/search?start_period=later", http.StatusOK, &r)
	if r.Total != 1 || r.Hits[0].ID != "e.spanska" || !strings.Contains(r.Hits[0].Snippet, "spanska") {
		t.Errorf("start_period=later: %+v", r)
	}
	var e struct {
		Error struct{ Code, Parameter string } `json:"error"`
	}
	getAPI(t, srv, "/api/v1/search?time_of_study=night", http.StatusBadRequest, &e)
	if e.Error.Code != "invalid" || e.Error.Parameter != "time_of_study" {
		t.Errorf("bad time_of_study: %+v", e)
	}
}

func TestSuggestAPI(t *testing.T) {
	srv := newAPIServer(t)
	var r struct {
		Suggestions []catalog.Suggestion `json:"suggestions"`
	}
	getAPI(t, srv, "/api/v1/suggest?q=ker", http.StatusOK, &r) // not "Keramik för vana", which is over
	if len(r.Suggestions) != 1 || r.Suggestions[0] != (catalog.Suggestion{Text: "Keramik – drejning", Kind: catalog.SuggestTitle, Count: 1}) {
		t.Errorf("ker: %+v", r.Suggestions)
	}
	getAPI(t, srv, "/api/v1/suggest?q=ostersu", http.StatusOK, &r)
	if len(r.Suggestions) != 1 || r.Suggestions[0] != (catalog.Suggestion{Text: "Östersund", Kind: catalog.SuggestMunicipality, Value: "2380", Count: 2}) {
		t.Errorf("ostersu: %+v", r.Suggestions)
	}
	getAPI(t, srv, "/api/v1/suggest?q=", http.StatusOK, &r)
	if r.Suggestions == nil || len(r.Suggestions) != 0 {
		t.Errorf("empty q: %+v", r.Suggestions)
	}
	for _, tc := range []struct{ query, param string }{
		{"q=k&limit=0", "limit"}, {"q=k&limit=21", "limit"}, {"q=k&size=3", "size"}, {"q=a&q=b", "q"},
	} {
		var e struct {
			Error struct{ Code, Parameter string } `json:"error"`
		}
		getAPI(t, srv, "/api/v1/suggest?"+tc.query, http.StatusBadRequest, &e)
		if e.Error.Code != "invalid" || e.Error.Parameter != tc.param {
			t.Errorf("%s: %+v, want invalid naming %s", tc.query, e, tc.param)
		}
	}
}

// TestSearchListsACoursesFirstIntakes: a course that starts every week
// is one hit listing its soonest intakes, as many as intakes_per_hit asks
// (ten unless asked), and counting all that match. Its card on the search
// page lists the first twenty and links to the course page for the rest;
// a course with a few intakes lists them all.
func TestSearchListsACoursesFirstIntakes(t *testing.T) {
	first := time.Date(2026, 12, 7, 0, 0, 0, 0, catalog.Stockholm)
	var weekly []catalog.Offering
	for i := 24; i >= 0; i-- { // stored latest first: the order is the index's
		start := first.AddDate(0, 0, 7*i)
		weekly = append(weekly, catalog.Offering{ID: fmt.Sprintf("e.sva.%02d", i), EducationID: "i.sva",
			Title: "Svenska som andraspråk 1", SchoolType: "VUXGY", Municipalities: []string{"2380"}, Mode: catalog.ModeOnline,
			Start: start, End: start.AddDate(0, 3, 0), Provider: catalog.Provider{ID: "p.vux", Name: "Vuxenutbildningen Östersund"},
			Provenance: catalog.Provenance{Source: "susa-navet"}})
	}
	srv := serveCatalogue(t, server.Deps{Now: func() time.Time { return apiToday }}, func(ctx context.Context, db *sqlite.DB) error {
		_, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: weekly, Complete: true})
		return err
	})
	r := getPage(t, srv, "/?q=svenska")
	if n := strings.Count(r.body, `<li class="intake">`); n != 20 {
		t.Errorf("the card lists %d intakes, want 20", n)
	}
	if !strings.Contains(r.body, `<a href="/kurs/e.sva.00#related-heading">Alla tillfällen på kurssidan</a>`) {
		t.Errorf("no link to the course page's intakes:\n%s", r.body)
	}
	type page struct {
		Total        int `json:"total"`
		TotalIntakes int `json:"total_intakes"`
		Hits         []struct {
			IntakesTotal *int `json:"intakes_total"`
			Intakes      []struct {
				ID string `json:"id"`
			} `json:"intakes"`
		} `json:"hits"`
	}
	for _, c := range []struct {
		query  string
		listed int
	}{{"", 10}, {"&intakes_per_hit=3", 3}, {"&intakes_per_hit=1", 1}, {"&intakes_per_hit=100", 25}} {
		var p page
		getAPI(t, srv, "/api/v1/search?q=svenska"+c.query, http.StatusOK, &p)
		if p.Total != 1 || p.TotalIntakes != 25 || len(p.Hits) != 1 {
			t.Fatalf("%q: %d courses of %d intakes, %d hits; want the one course of 25", c.query, p.Total, p.TotalIntakes, len(p.Hits))
		}
		h := p.Hits[0]
		if h.IntakesTotal == nil || *h.IntakesTotal != 25 {
			t.Errorf("%q: intakes_total %v, want 25", c.query, h.IntakesTotal)
		}
		if len(h.Intakes) != c.listed {
			t.Fatalf("%q: %d intakes listed, want %d", c.query, len(h.Intakes), c.listed)
		}
		for i, in := range h.Intakes {
			if want := fmt.Sprintf("e.sva.%02d", i); in.ID != want {
				t.Errorf("%q: intake %d is %s, want %s (soonest first)", c.query, i, in.ID, want)
			}
		}
	}
	var p page
	getAPI(t, srv, "/api/v1/search?q=svenska&group=intake", http.StatusOK, &p)
	if p.Total != 25 || len(p.Hits) != 20 || p.Hits[0].IntakesTotal != nil {
		t.Errorf("group=intake: %d hits of %d, intakes_total %v; want every intake as a hit and no count", len(p.Hits), p.Total, p.Hits[0].IntakesTotal)
	}
	for _, bad := range []string{"0", "101", "ten", "3&intakes_per_hit=4"} {
		var e struct {
			Error struct{ Code, Parameter string } `json:"error"`
		}
		getAPI(t, srv, "/api/v1/search?q=svenska&intakes_per_hit="+bad, http.StatusBadRequest, &e)
		if e.Error.Code != "invalid" || e.Error.Parameter != "intakes_per_hit" {
			t.Errorf("intakes_per_hit=%s: %+v", bad, e)
		}
	}
}

// A search that finds nothing answers every facet as an empty list, not
// null, whatever the answers before it left for reuse: the collector
// empties the kept arrays (two cycles), as after a quiet spell.
func TestFacetsOfNoHitsAreEmptyLists(t *testing.T) {
	srv := newAPIServer(t)
	for range 2 {
		runtime.GC()
		runtime.GC()
		resp, err := http.Get(srv.URL + "/api/v1/search?q=tumstocksdrejning")
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Total  int                        `json:"total"`
			Facets map[string]json.RawMessage `json:"facets"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || body.Total != 0 {
			t.Fatalf("total %d, %v", body.Total, err)
		}
		for _, f := range catalog.Facets {
			if got := string(body.Facets[f.Name]); got != "[]" {
				t.Errorf("facet %s: %s, want []", f.Name, got)
			}
		}
	}
}
