package server_test

import (
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"kurskatalog/server"
)

// absoluteLinkPaths are the answers that hold absolute links: the shared
// shortlist's link, Atom, iCalendar, the offering page's structured data,
// robots.txt and the sitemap.
var absoluteLinkPaths = []string{"/lista?id=e.sv1.a&note=", "/flode.atom", "/deadlines.ics", "/kurs/e.sv1.a",
	"/robots.txt", "/sitemap.xml"}

// Absolute links go to the configured public address, whatever Host the
// request names: a link built from it could point anywhere.
func TestAbsoluteLinksIgnoreTheHostHeader(t *testing.T) {
	for _, tc := range []struct {
		name, public, want string
	}{
		{"configured", "https://kurskatalog.example.se/", "https://kurskatalog.example.se/"},
		{"not configured", "", "http://localhost/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := serveWithRun(t, server.Deps{PublicURL: tc.public})
			for _, path := range absoluteLinkPaths {
				resp, body := do(t, http.MethodGet, srv.URL+path, http.Header{"Host": {"evil.example"},
					"X-Forwarded-Host": {"evil.example"}, "X-Forwarded-Proto": {"https"}})
				if resp.StatusCode != 200 {
					t.Fatalf("%s: status %d", path, resp.StatusCode)
				}
				if strings.Contains(body, "evil.example") {
					t.Errorf("%s links to the request's Host", path)
				}
				if !strings.Contains(body, tc.want) {
					t.Errorf("%s has no link to %s", path, tc.want)
				}
			}
		})
	}
}

// Search engines find every current course page in the sitemap, which
// robots.txt names; the API and the shortlists are kept out.
func TestRobotsAndSitemap(t *testing.T) {
	srv, _ := serveWithRun(t, server.Deps{PublicURL: "https://kurskatalog.example.se"})
	_, robots := do(t, http.MethodGet, srv.URL+"/robots.txt", nil)
	for _, want := range []string{"Disallow: /api/\n", "Disallow: /lista\n", "Sitemap: https://kurskatalog.example.se/sitemap.xml\n"} {
		if !strings.Contains(robots, want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, robots)
		}
	}
	resp, body := do(t, http.MethodGet, srv.URL+"/sitemap.xml", nil)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/xml") {
		t.Errorf("Content-Type %q", ct)
	}
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(body), &set); err != nil {
		t.Fatal(err)
	}
	locs := map[string]bool{}
	for _, u := range set.URLs {
		locs[u.Loc] = true
	}
	older, newer := pagesFixture()
	for _, o := range append(older, newer...) {
		// The assistant nurse course's application closed on 20 November:
		// it is not current, and the search does not show it.
		current := o.ID != "e.ssk"
		if locs["https://kurskatalog.example.se/kurs/"+o.ID] != current {
			t.Errorf("%s in the sitemap: %t, want %t", o.ID, !current, current)
		}
	}
	if !locs["https://kurskatalog.example.se/"] || len(set.URLs) != len(older)+len(newer)-1+3 {
		t.Errorf("the sitemap has %d addresses: %v", len(set.URLs), locs)
	}
}
