package server_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/insights"
	"kurskatalog/server"
)

// browser is a resident's user agent.
const browser = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

// serveInsights serves the coverage fixture with a recorder of searches
// into the same SQLite store, on the page tests' day (2026-W48).
func serveInsights(t *testing.T, o insights.Options) (*httptest.Server, *insights.Recorder) {
	t.Helper()
	db, ix, tax := coverageCatalogue(t)
	now := func() time.Time { return pagesToday }
	o.Now, o.FlushEvery = now, time.Hour // written when closed, by the test
	rec := insights.NewRecorder(db, o)
	t.Cleanup(rec.Close)
	srv := httptest.NewServer(server.New(server.Deps{Index: ix, Store: db, Coverage: db, Taxonomy: tax,
		Log: slog.New(slog.DiscardHandler), Now: now, Insights: rec}))
	t.Cleanup(srv.Close)
	return srv, rec
}

// searchAs asks for path n times as a user agent.
func searchAs(t *testing.T, method, base, path, agent string, n int) {
	t.Helper()
	for range n {
		resp, _ := do(t, method, base+path, http.Header{"User-Agent": {agent}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: status %d", method, path, resp.StatusCode)
		}
	}
}

func apiTotal(t *testing.T, base, query string) int {
	t.Helper()
	_, body := do(t, http.MethodGet, base+"/api/v1/search?"+query, http.Header{"User-Agent": {"Googlebot/2.1"}})
	var r struct{ Total int }
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatal(err)
	}
	return r.Total
}

// Searches from the page and the API that find few courses are recorded
// through the real server into SQLite, written when the recorder closes,
// and published from five searches on: four are not shown, five are, and
// the smaller group shows nowhere, in no row and no total.
func TestSearchesWithFewResultsPublished(t *testing.T) {
	srv, rec := serveInsights(t, insights.Options{Few: 3})
	rec.Start()
	// Five searches for the truck course in Härjedalen, where there is
	// none on site, written four ways and from the page and the API.
	for _, p := range []string{"/?q=Lastbilsf%C3%B6rare&municipality=2361&mode=onsite",
		"/api/v1/search?q=+lastbilsf%C3%B6rare++&municipality=2361&mode=onsite",
		"/?q=LASTBILSF%C3%96RARE&municipality=2361&mode=onsite&sort=title",
		"/api/v1/search?q=lastbilsf%C3%B6rare&municipality=2361&mode=onsite&lang=en",
		"/api/v1/search?q=lastbilsf%C3%B6rare&mode=onsite&municipality=2361&per_page=5"} {
		searchAs(t, http.MethodGet, srv.URL, p, browser, 1)
	}
	searchAs(t, http.MethodGet, srv.URL, "/api/v1/search?q=svetsning&municipality=2361", browser, 4)
	// Several municipalities: once in each.
	searchAs(t, http.MethodGet, srv.URL, "/api/v1/search?q=hovslagare&municipality=2303,2361", browser, 5)
	// Not recorded: HEAD, robots, no user agent, a second page, the intake
	// view, and a search that found enough.
	searchAs(t, http.MethodHead, srv.URL, "/api/v1/search?q=head", browser, 5)
	searchAs(t, http.MethodGet, srv.URL, "/api/v1/search?q=robot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 5)
	searchAs(t, http.MethodGet, srv.URL, "/?q=robot", "Mozilla/5.0 (compatible; bingbot/2.0)", 5)
	searchAs(t, http.MethodGet, srv.URL, "/api/v1/search?q=anonym", "", 5)
	searchAs(t, http.MethodGet, srv.URL, "/api/v1/search?q=sida&page=2", browser, 5)
	searchAs(t, http.MethodGet, srv.URL, "/api/v1/search?q=intag&group=intake", browser, 5)
	searchAs(t, http.MethodGet, srv.URL, "/api/v1/search?q=undersk%C3%B6terska", browser, 5)
	if n := apiTotal(t, srv.URL, "q=undersk%C3%B6terska"); n < 3 {
		t.Fatalf("the fixture has %d assistant-nurse courses; the test needs 3 or more", n)
	}
	truck := apiTotal(t, srv.URL, "q=lastbilsf%C3%B6rare&municipality=2361&mode=onsite")
	rec.Close() // writes the queue, as at shutdown

	_, csvBody := do(t, http.MethodGet, srv.URL+"/api/v1/insights?format=csv&weeks=1", nil)
	want := "week,municipality,municipality_name,words,filters,searches,results\n" +
		"2026-W48,2303,Ragunda,hovslagare,,5,0\n" +
		"2026-W48,2361,Härjedalen,hovslagare,,5,0\n" +
		"2026-W48,2361,Härjedalen,lastbilsförare,mode=onsite,5," + strconv.Itoa(truck) + "\n"
	if csvBody != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", csvBody, want)
	}

	resp, body := do(t, http.MethodGet, srv.URL+"/api/v1/insights?municipality=H%C3%A4rjedalen", nil)
	var got struct {
		Enabled          bool
		K, Few           int
		FromWeek, ToWeek string `json:"-"`
		Groups           []map[string]any
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || resp.StatusCode != 200 {
		t.Fatalf("JSON %d: %v\n%s", resp.StatusCode, err, body)
	}
	if !got.Enabled || got.K != 5 || got.Few != 3 || len(got.Groups) != 2 || got.Groups[1]["words"] != "lastbilsförare" ||
		got.Groups[0]["municipality_name"] != "Härjedalen" {
		t.Errorf("JSON for Härjedalen: %s", body)
	}
	if !strings.Contains(body, `"from_week":"2026-W37","to_week":"2026-W48"`) {
		t.Errorf("JSON does not span the default 12 weeks: %s", body)
	}

	// The page shows the groups of five, and nothing of the group of four.
	_, page := do(t, http.MethodGet, srv.URL+"/tackning", nil)
	section := page[strings.Index(page, `id="sokningar"`):]
	for _, w := range []string{"lastbilsförare", "hovslagare", "Härjedalen", "Ragunda", "Studieform: ",
		`href="/api/v1/insights?format=csv&amp;weeks=12"`} {
		if !strings.Contains(section, w) {
			t.Errorf("the coverage page's section lacks %q", w)
		}
	}
	for name, text := range map[string]string{"CSV": csvBody, "JSON": body, "page": page} {
		for _, leak := range []string{"svetsning", "robot", "anonym", "sida", "intag", "head", "undersköterska<"} {
			if strings.Contains(strings.ToLower(text), leak) && !(leak == "head" && name == "page") {
				t.Errorf("the %s shows %q, which must not be published", name, leak)
			}
		}
	}
	_, ragunda := do(t, http.MethodGet, srv.URL+"/tackning?municipality=2303", nil)
	if s := ragunda[strings.Index(ragunda, `id="sokningar"`):]; !strings.Contains(s, "hovslagare") || strings.Contains(s, "lastbilsförare") {
		t.Errorf("Ragunda's section shows other municipalities' searches or not its own")
	}
}

// A full queue drops the search without slowing it, and the drop is
// counted in the metrics.
func TestSearchDroppedWhenQueueFull(t *testing.T) {
	srv, _ := serveInsights(t, insights.Options{QueueSize: 1}) // not started: nothing drains the queue
	searchAs(t, http.MethodGet, srv.URL, "/api/v1/search?q=svetsning", browser, 3)
	_, body := do(t, http.MethodGet, srv.URL+"/metrics", nil)
	if !strings.Contains(body, "kurskatalog_insights_dropped_total 2\n") {
		t.Errorf("/metrics does not count 2 dropped searches:\n%s", grepLines(body, "insights"))
	}
}

func grepLines(text, word string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// Turned off, nothing is recorded or shown: the API says so, the page too.
func TestInsightsOff(t *testing.T) {
	srv, _ := serveWithRun(t, server.Deps{})
	searchAs(t, http.MethodGet, srv.URL, "/api/v1/search?q=svetsning", browser, 5)
	_, body := do(t, http.MethodGet, srv.URL+"/api/v1/insights", nil)
	if !strings.Contains(body, `"enabled":false`) || !strings.Contains(body, `"groups":[]`) {
		t.Errorf("off: %s", body)
	}
	_, page := do(t, http.MethodGet, srv.URL+"/tackning?lang=en", nil)
	if !strings.Contains(page, "Searches are not recorded") {
		t.Error("the coverage page does not say searches are not recorded")
	}
}

// A bad parameter is a 400 that names it.
func TestInsightsParameters(t *testing.T) {
	srv, _ := serveInsights(t, insights.Options{})
	for _, tc := range []struct{ query, param string }{
		{"weeks=0", "weeks"},
		{"weeks=many", "weeks"},
		{"weeks=521", "weeks"},
		{"municipality=Sveg", "municipality"},
		{"municipality=2361&municipality=2380", "municipality"},
		{"format=xlsx", "format"},
		{"kommun=2361", "kommun"},
	} {
		resp, body := do(t, http.MethodGet, srv.URL+"/api/v1/insights?"+tc.query, nil)
		if got := errorCode(t, tc.query, resp, body); resp.StatusCode != 400 || !strings.Contains(body, `"parameter":"`+tc.param+`"`) {
			t.Errorf("%s: %d %s (%s), want 400 naming %s", tc.query, resp.StatusCode, body, got, tc.param)
		}
	}
}
