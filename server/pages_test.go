package server_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
	"kurskatalog/server"
)

// The page tests run the real server over a real store and index holding a
// small catalogue, on a fixed day: Monday 23 November 2026.

var pagesToday = time.Date(2026, 11, 23, 10, 0, 0, 0, catalog.Stockholm)

func pagesDay(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, catalog.Stockholm)
}

func pagesFixture() (older, newer []catalog.Offering) {
	komvux := catalog.Provider{ID: "p.vux.2380", Name: "Komvux Östersund", URL: "https://www.ostersund.se/komvux",
		Email: "komvux@ostersund.se", Phone: "063-14 30 00", Town: "Östersund"}
	base := func(id, title string) catalog.Offering {
		return catalog.Offering{ID: id, Title: title, Provider: komvux, SchoolType: "VUXGY", Mode: catalog.ModeOnsite,
			Municipalities: []string{"2380"}, Towns: []string{"Östersund"}, Pace: 100, Languages: []string{"swe"},
			Provenance: catalog.Provenance{Source: "susa-navet", SourceURL: "https://api.skolverket.se/susa-navet/emil3/educationEvents/" + id}}
	}
	sv1a := base("e.sv1.a", "Svenska 1")
	sv1a.EducationID, sv1a.Code = "i.sv1", "SVESVE01"
	sv1a.Start, sv1a.End, sv1a.ApplicationLast = pagesDay(2027, 1, 18), pagesDay(2027, 6, 4), pagesDay(2026, 12, 1)
	sv1a.Description = "<p>Grundkurs i svenska.</p><ul><li>Läsa</li><li>Skriva</li></ul>"
	sv1a.ApplicationURL, sv1a.Credits, sv1a.CreditSystem, sv1a.StudentAid = "https://www.ostersund.se/ansok", 100, "gy", "A 1 gy"
	sv1b := base("e.sv1.b", "Svenska 1")
	sv1b.EducationID, sv1b.Mode, sv1b.MandatorySessions = "i.sv1", catalog.ModeBlended, 3
	sv1b.Start, sv1b.ApplicationLast = pagesDay(2027, 8, 16), pagesDay(2027, 6, 1)
	ssk := base("e.ssk", "Undersköterska")
	ssk.Provider = catalog.Provider{ID: "p.aub", Name: "Lernia Åre"}
	ssk.SchoolType, ssk.Municipalities, ssk.Towns = "AUB", []string{"2321"}, []string{"Järpen"}
	ssk.Start, ssk.ApplicationLast = pagesDay(2027, 1, 11), pagesDay(2026, 11, 20)
	cloud := base("e.cloud", "Molntjänster och DevOps")
	cloud.TitleEN, cloud.SchoolType, cloud.Mode, cloud.Pace = "Cloud Services and DevOps", "HS", catalog.ModeOnline, 25
	cloud.Provider = catalog.Provider{ID: "p.miun", Name: "Mittuniversitetet"}
	cloud.Start, cloud.ApplicationLast = pagesDay(2027, 8, 30), pagesDay(2027, 4, 15)
	older = []catalog.Offering{sv1a, sv1b, ssk, cloud}
	for i := range 25 {
		m := base(fmt.Sprintf("e.ma.%02d", i), fmt.Sprintf("Matematik %d", i+1))
		m.Municipalities, m.Towns, m.Pace = []string{"2309"}, []string{"Krokom"}, 50
		m.Start = pagesDay(2027, 1, 18).AddDate(0, 0, i)
		older = append(older, m)
	}
	eng := base("e.eng5", "Engelska 5")
	eng.Mode, eng.RollingStart = catalog.ModeOnline, true
	return older, []catalog.Offering{eng}
}

// newPagesServer serves the fixture; the rolling-start English course was
// first seen a day after the rest.
func newPagesServer(t *testing.T) *httptest.Server {
	t.Helper()
	return serveCatalogue(t, server.Deps{Now: func() time.Time { return pagesToday }}, func(ctx context.Context, db *sqlite.DB) error {
		older, newer := pagesFixture()
		for i, batch := range [][]catalog.Offering{older, newer} {
			seen := pagesToday.Add(time.Duration(i-2) * 24 * time.Hour)
			db.SetClock(func() time.Time { return seen })
			if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: batch}); err != nil {
				return err
			}
		}
		return nil
	})
}

type pageResponse struct {
	status int
	header http.Header
	body   string
}

func getPage(t *testing.T, srv *httptest.Server, path string, header ...string) pageResponse {
	t.Helper()
	h := http.Header{"Accept": {"text/html,application/xhtml+xml"}}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	resp, body := do(t, http.MethodGet, srv.URL+path, h)
	return pageResponse{resp.StatusCode, resp.Header, body}
}

func TestPageStatusAndLanguage(t *testing.T) {
	srv := newPagesServer(t)
	for _, tc := range []struct {
		name, path string
		status     int
		lang       string
		contains   []string
	}{
		{"search", "/", 200, "sv", []string{"28 utbildningar (29 tillfällen)", `name="municipality" value="2380"`, "Hoppa till innehållet"}},
		{"search in English", "/?lang=en", 200, "en", []string{"28 courses (29 intakes)", "Skip to content", `lang="sv"`}},
		{"search with text", "/?q=svenska", 200, "sv", []string{"Svenska 1", "Sökord: svenska"}},
		{"bad municipality", "/?municipality=abc", 400, "sv", []string{"municipality", "Sökningen gick inte att göra"}},
		{"bad date", "/?start_from=2027-13-01", 400, "sv", []string{"start_from"}},
		{"municipality by name", "/?municipality=%C3%B6stersund", 200, "sv", []string{"Komvux Östersund"}},
		{"unknown municipality", "/?municipality=Sveg", 400, "sv", []string{"municipality", "Sveg"}},
		{"unknown parameter", "/?kommunkod=2380", 400, "sv", []string{"kommunkod"}},
		{"bad language", "/?lang=fi", 400, "sv", []string{"lang"}},
		{"offering", "/kurs/e.sv1.a", 200, "sv", []string{"Svenska 1", "application/ld+json", "Andra tillfällen", "/kurs/e.sv1.b"}},
		{"offering in English", "/kurs/e.cloud?lang=en", 200, "en", []string{"Cloud Services and DevOps", "Distance"}},
		{"unknown offering", "/kurs/e.finns.inte", 404, "sv", []string{"Sidan finns inte"}},
		{"unknown offering in English", "/kurs/e.finns.inte?lang=en", 404, "en", []string{"Page not found"}},
		{"unknown page", "/kurser", 404, "sv", []string{"Sidan finns inte"}},
		{"empty list", "/lista", 200, "sv", []string{"Listan är tom"}},
		{"shared list", "/lista?id=e.sv1.a&note=Fr%C3%A5ga+om+CSN&id=e.cloud&note=", 200, "sv",
			[]string{"Fråga om CSN", "Molntjänster och DevOps", "Dela listan"}},
		{"list with a vanished offering", "/lista?id=e.borta&note=x&id=e.ssk&note=", 200, "sv",
			[]string{"1 utbildning i listan finns inte längre", "Undersköterska"}},
		{"list too long", "/lista?" + strings.Repeat("id=e.x&", 101), 400, "sv", []string{"id"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := getPage(t, srv, tc.path)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d\n%s", r.status, tc.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("content type %q", ct)
			}
			if !strings.Contains(r.body, `<html lang="`+tc.lang+`"`) {
				t.Errorf("page is not lang=%s", tc.lang)
			}
			if strings.Contains(r.body, "!missing:") {
				t.Errorf("a message is missing from the catalogue: %s", regexp.MustCompile(`!missing:[\w.-]+`).FindString(r.body))
			}
			if r.header.Get("Content-Security-Policy") == "" {
				t.Error("no Content-Security-Policy")
			}
			for _, want := range tc.contains {
				if !strings.Contains(r.body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
		})
	}
}

func TestLanguageIsRemembered(t *testing.T) {
	srv := newPagesServer(t)
	r := getPage(t, srv, "/?lang=en")
	var cookie string
	for _, c := range r.header.Values("Set-Cookie") {
		if strings.HasPrefix(c, "lang=en") {
			cookie = "lang=en"
		}
	}
	if cookie == "" {
		t.Fatalf("no lang cookie in %v", r.header.Values("Set-Cookie"))
	}
	if r := getPage(t, srv, "/kurs/e.sv1.a", "Cookie", cookie); !strings.Contains(r.body, `<html lang="en"`) {
		t.Error("the cookie does not keep the page in English")
	}
	if r := getPage(t, srv, "/kurs/e.sv1.a?lang=sv", "Cookie", cookie); !strings.Contains(r.body, `<html lang="sv"`) {
		t.Error("?lang=sv does not win over the cookie")
	}
}

func TestAPIStillAnswersJSON(t *testing.T) {
	srv := newPagesServer(t)
	for _, path := range []string{"/api/v1/nope", "/api/v1/offerings/e.finns.inte"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

func TestSearchPageState(t *testing.T) {
	srv := newPagesServer(t)
	r := getPage(t, srv, "/?municipality=2380&sort=deadline")
	body := r.body
	for _, want := range []string{
		"Sista dag snart",                     // Svenska 1 closes 1 December, 8 days on
		"Distans med 3 obligatoriska träffar", // the blended intake
		"Löpande start",
		`<option value="deadline" selected>`,
		`id="f-municipality-2380" name="municipality" value="2380" form="sok" checked`,
		// the chip removes its filter and keeps the sort
		`href="/?sort=deadline"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The distance toggle keeps the municipality and adds distance courses.
	m := regexp.MustCompile(`class="distance-hint"><a href="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no distance link with a municipality chosen")
	}
	u, err := url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
	if err != nil {
		t.Fatal(err)
	}
	if q := u.Query(); q.Get("municipality") != "2380" || q.Get("include_distance") != "true" || q.Get("sort") != "deadline" {
		t.Errorf("distance link %s", u)
	}
	// In Åre, where only on-site courses are held, it adds the distance
	// courses held elsewhere.
	count := regexp.MustCompile(`id="results-heading"[^>]*>([^<]+)<`)
	before := count.FindStringSubmatch(getPage(t, srv, "/?municipality=2321").body)
	after := count.FindStringSubmatch(getPage(t, srv, "/?municipality=2321&include_distance=true").body)
	if before == nil || after == nil || before[1] == after[1] {
		t.Errorf("including distance courses did not change the result count: %v -> %v", before, after)
	}
	// An intake whose application has closed is not shown, unless the
	// past is asked for, and then its deadline is marked passed.
	if r := getPage(t, srv, "/?municipality=2321"); strings.Contains(r.body, "Undersköterska") {
		t.Error("an intake whose application closed is shown")
	}
	if r := getPage(t, srv, "/?municipality=2321&include_past=true"); !strings.Contains(r.body, "Passerad") {
		t.Error("a passed deadline is not marked")
	}
}

func TestSearchPagePaginates(t *testing.T) {
	srv := newPagesServer(t)
	first := getPage(t, srv, "/?municipality=2309&sort=title")
	if !strings.Contains(first.body, "25 utbildningar") || !strings.Contains(first.body, `href="/?municipality=2309&amp;page=2&amp;sort=title" rel="next"`) {
		t.Fatalf("first page has no link to the second:\n%s", first.body)
	}
	second := getPage(t, srv, "/?municipality=2309&sort=title&page=2")
	if !strings.Contains(second.body, `aria-current="page"><span class="visually-hidden">Sida </span>2<`) ||
		!strings.Contains(second.body, `<ol class="result-list" start="21">`) {
		t.Errorf("second page is not marked current or does not number from 21")
	}
	if n := strings.Count(second.body, `class="result-card"`); n != 5 {
		t.Errorf("second page shows %d results, want 5", n)
	}
}

type atomFeed struct {
	Title   string `xml:"title"`
	Entries []struct {
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Published string `xml:"published"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestAtomFeedNewestFirst(t *testing.T) {
	srv := newPagesServer(t)
	r := getPage(t, srv, "/flode.atom?municipality=2380&sort=title&page=3")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("%d %s\n%s", r.status, r.header.Get("Content-Type"), r.body)
	}
	var f atomFeed
	if err := xml.Unmarshal([]byte(r.body), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != 3 {
		t.Fatalf("%d entries, want the 3 courses in Östersund (Svenska 1 with two intakes)", len(f.Entries))
	}
	if !strings.HasSuffix(f.Entries[0].ID, ":course:komvux%C3%B6stersund%7Cengelska5") {
		t.Errorf("first entry %s, want the newest, Engelska 5", f.Entries[0].ID)
	}
	for i := 1; i < len(f.Entries); i++ {
		if f.Entries[i].Published > f.Entries[i-1].Published {
			t.Errorf("entry %d published %s after entry %d's %s", i, f.Entries[i].Published, i-1, f.Entries[i-1].Published)
		}
	}
	if !strings.HasPrefix(f.Entries[0].Link.Href, srv.URL+"/kurs/") || !strings.Contains(f.Title, "Östersund") {
		t.Errorf("entry link %q, title %q", f.Entries[0].Link.Href, f.Title)
	}
	if r := getPage(t, srv, "/flode.atom?mode=walking"); r.status != 400 {
		t.Errorf("bad filter: status %d", r.status)
	}
}

func TestDeadlinesCalendar(t *testing.T) {
	srv := newPagesServer(t)
	r := getPage(t, srv, "/deadlines.ics?municipality=2380&municipality=2321")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("%d %s", r.status, r.header.Get("Content-Type"))
	}
	if strings.Contains(strings.ReplaceAll(r.body, "\r\n", ""), "\n") {
		t.Fatal("line ends other than CRLF")
	}
	var starts, uids []string
	var unfolded []string
	for _, l := range strings.Split(strings.TrimSuffix(r.body, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line longer than 75 octets: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			unfolded[len(unfolded)-1] += l[1:]
		} else {
			unfolded = append(unfolded, l)
		}
	}
	for _, l := range unfolded {
		if v, ok := strings.CutPrefix(l, "DTSTART;VALUE=DATE:"); ok {
			starts = append(starts, v)
		}
		if v, ok := strings.CutPrefix(l, "UID:"); ok {
			uids = append(uids, v)
		}
	}
	// Östersund's three deadlines to come, earliest first; Åre's has passed.
	if strings.Join(starts, ",") != "20261201,20270415,20270601" {
		t.Errorf("events on %v", starts)
	}
	if len(uids) != 3 || uids[0] == uids[1] || !strings.Contains(r.body, "DTSTAMP:20261123T090000Z") {
		t.Errorf("uids %v or DTSTAMP wrong\n%s", uids, r.body)
	}
	if r := getPage(t, srv, "/deadlines.ics?pace=500"); r.status != 400 {
		t.Errorf("bad filter: status %d", r.status)
	}
}

func TestStaticAssets(t *testing.T) {
	srv := newPagesServer(t)
	for _, tc := range []struct {
		path, contentType string
		status            int
	}{
		{"/static/style.css", "text/css", 200},
		{"/static/app.js", "text/javascript", 200},
		{"/static/", "", 404},
		{"/static/../go.mod", "", 404},
	} {
		resp, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.contentType) {
			t.Errorf("%s: %d %s", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

// A result is a course with its intakes: Svenska 1 starts twice in
// Östersund and is one card with two intake lines, one API hit with two
// intakes, and two hits when asked for intakes.
func TestSearchGroupsCourses(t *testing.T) {
	srv := newPagesServer(t)
	r := getPage(t, srv, "/?q=svenska")
	if n := strings.Count(r.body, `class="result-card"`); n != 1 {
		t.Errorf("%d cards for Svenska 1, want 1", n)
	}
	if n := strings.Count(r.body, `<li class="intake">`); n != 2 {
		t.Errorf("%d intake lines, want 2", n)
	}
	if strings.Contains(r.body, `class="all-intakes"`) {
		t.Errorf("a card that lists every intake links to the course page for more")
	}
	var body struct {
		Total        int    `json:"total"`
		TotalIntakes int    `json:"total_intakes"`
		Group        string `json:"group"`
		Hits         []struct {
			ID      string `json:"id"`
			Intakes []struct {
				ID    string `json:"id"`
				Start string `json:"start"`
			} `json:"intakes"`
		} `json:"hits"`
	}
	for _, tc := range []struct {
		query          string
		total, intakes int
		hitIntakes     []string
	}{
		{"q=svenska", 1, 2, []string{"e.sv1.a", "e.sv1.b"}},
		{"q=svenska&group=course", 1, 2, []string{"e.sv1.a", "e.sv1.b"}},
		{"q=svenska&group=intake", 2, 2, nil},
	} {
		resp := getPage(t, srv, "/api/v1/search?"+tc.query, "Accept", "application/json")
		body.Hits = nil
		if err := json.Unmarshal([]byte(resp.body), &body); err != nil {
			t.Fatalf("%s: %v", tc.query, err)
		}
		var got []string
		if len(body.Hits) > 0 {
			for _, in := range body.Hits[0].Intakes {
				got = append(got, in.ID)
			}
		}
		if body.Total != tc.total || body.TotalIntakes != tc.intakes || !slices.Equal(got, tc.hitIntakes) {
			t.Errorf("%s: total %d, intakes %d, first hit's intakes %v", tc.query, body.Total, body.TotalIntakes, got)
		}
	}
	if r := getPage(t, srv, "/api/v1/search?group=offering", "Accept", "application/json"); r.status != 400 || !strings.Contains(r.body, `"parameter":"group"`) {
		t.Errorf("group=offering: %d %s", r.status, r.body)
	}
}

// A page asked for with a former parameter name or a municipality by name
// moves permanently to its one address, so old links keep working and
// every page state has one address.
func TestPagesRedirectToCanonicalParameters(t *testing.T) {
	srv := newPagesServer(t)
	client := *srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, tc := range []struct{ name, path, want string }{
		{"former name", "/yrke/5321?kommun=2361", "/yrke/5321?municipality=2361"},
		{"former names on the coverage page", "/tackning?manader=6&kommun=2380&lang=en", "/tackning?lang=en&months=6&municipality=2380"},
		{"a name", "/?municipality=H%C3%A4rjedalen&q=svenska", "/?municipality=2361&q=svenska"},
		{"names in a list", "/?municipality=are,2380&municipality=Krokoms+kommun", "/?municipality=2321%2C2380&municipality=2309"},
		{"feed", "/flode.atom?municipality=berg", "/flode.atom?municipality=2326"},
		{"calendar", "/deadlines.ics?kommun=Bräcke", "/deadlines.ics?municipality=2305"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := client.Get(srv.URL + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusMovedPermanently || got != tc.want {
				t.Errorf("%d to %q, want 301 to %q", resp.StatusCode, got, tc.want)
			}
		})
	}
	for _, path := range []string{"/?municipality=2361", "/?municipality=Sveg", "/yrke"} {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusMovedPermanently {
			t.Errorf("%s redirects to %s", path, resp.Header.Get("Location"))
		}
	}
}
