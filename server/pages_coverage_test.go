package server_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/occupation"
	"kurskatalog/data/sqlite"
	"kurskatalog/server"
)

// The occupation and coverage pages over a small catalogue whose
// occupations and demand are known, on the page tests' fixed day, Monday
// 23 November 2026:
//
//   - 5321 (assistant nurses, shortage): on site in Åre, blended with 3
//     meetings and online from Östersund, blended with 10 meetings in Sveg;
//     a cancelled intake and one starting in 2028 do not count.
//   - 8332 (truck drivers, shortage): on site in Östersund only, so
//     Krokom reaches it nearby and Härjedalen not at all: a gap there.
//   - 7114 (civil construction workers, shortage): no course, a gap in
//     every municipality.
//   - 2512 (software developers, balance): one online course.

func coverageFixture() []catalog.Offering {
	prov := catalog.Provider{ID: "p.vux", Name: "Komvux Jämtland"}
	mk := func(id, title, ssyk, reason string, mode catalog.Mode, munis ...string) catalog.Offering {
		return catalog.Offering{ID: id, Title: title, Provider: prov, SchoolType: "VUXGY", Mode: mode, Municipalities: munis,
			Pace: 100, Start: pagesDay(2027, 1, 18), ApplicationLast: pagesDay(2026, 12, 15),
			Occupations: []catalog.OccupationMatch{{SSYK: ssyk, Reason: reason}},
			Provenance:  catalog.Provenance{Source: "susa-navet"}}
	}
	ssk := "title rule 'undersköterska'"
	are := mk("e.ssk.are", "Undersköterska Åre", "5321", ssk, catalog.ModeOnsite, "2321")
	blended := mk("e.ssk.flex", "Undersköterska flex", "5321", ssk, catalog.ModeBlended, "2380")
	blended.MandatorySessions = 3
	online := mk("e.ssk.online", "Undersköterska distans", "5321", "SUN 723o -> 5321", catalog.ModeOnline)
	sveg := mk("e.ssk.sveg", "Undersköterska Sveg", "5321", ssk, catalog.ModeBlended, "2361")
	sveg.MandatorySessions = 10
	cancelled := mk("e.ssk.cancelled", "Undersköterska inställd", "5321", ssk, catalog.ModeOnline)
	cancelled.Cancelled = true
	later := mk("e.ssk.later", "Undersköterska 2028", "5321", ssk, catalog.ModeOnline)
	later.Start, later.ApplicationLast = pagesDay(2028, 8, 20), pagesDay(2028, 4, 15)
	truck := mk("e.truck", "Lastbilsförare CE", "8332", "AUB_Subject 8332", catalog.ModeOnsite, "2380")
	truck.SchoolType = "AUB"
	dev := mk("e.dev", "Systemutveckling", "2512", "keyword rule 'systemutvecklare'", catalog.ModeOnline)
	dev.SchoolType = "YH"
	return []catalog.Offering{are, blended, online, sveg, cancelled, later, truck, dev}
}

func coverageDemand() []catalog.Demand {
	row := func(name, concept, area, recruitment string, ssyk ...string) catalog.Demand {
		return catalog.Demand{Round: "2025-2", Region: "23", Area: area, Occupation: name, ConceptID: concept, SSYK: ssyk,
			Recruitment: recruitment, JobOpportunities: "stora", Forecast: "öka",
			JobOpportunitiesText: "Möjligheterna till arbete bedöms vara stora.", RecruitmentText: "Rekryteringssituationen kännetecknas av " + recruitment + "."}
	}
	return []catalog.Demand{
		row("Undersköterskor inom hemtjänst, hemsjukvård, äldreboende och habilitering", "", "Hälso- och sjukvård", "brist", "5321"),
		row("Lastbilsförare", "", "Transport", "brist", "8332"),
		row("Anläggningsarbetare (med yrkesbevis)", "upbS_QFL_YQP", "Bygg och anläggning", "brist", "7114"),
		row("Mjukvaru- och systemutvecklare", "KT6P_hVH_LRD", "Data/IT", "balans", "2512"),
	}
}

func newCoverageServer(t *testing.T) *httptest.Server {
	t.Helper()
	return newCoverageServerWith(t, coverageFixture())
}

// newCoverageServerWith serves offerings with the fixture's demand.
func newCoverageServerWith(t *testing.T, offerings []catalog.Offering) *httptest.Server {
	t.Helper()
	tax, err := occupation.Load()
	if err != nil {
		t.Fatal(err)
	}
	return serveCatalogue(t, server.Deps{Taxonomy: tax, Now: func() time.Time { return pagesToday }}, func(ctx context.Context, db *sqlite.DB) error {
		db.SetClock(func() time.Time { return pagesToday })
		if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: offerings}); err != nil {
			return err
		}
		_, err := db.ReplaceDemand(ctx, "2025-2", coverageDemand())
		return err
	})
}

func TestOccupationAndCoveragePages(t *testing.T) {
	srv := newCoverageServer(t)
	for _, tc := range []struct {
		name, path string
		status     int
		lang       string
		contains   []string
		lacks      []string
	}{
		{"occupation", "/yrke/5321", 200, "sv", []string{
			"Undersköterskor, hemtjänst, hemsjukvård och äldreboende", "Assistant nurses, home care",
			"Service-, omsorgs- och försäljningsyrken", `href="/tackning?visa=alla&amp;falt=5"`,
			"Rekryteringsläge", "Brist", "Stora", "Efterfrågan ökar", "omgång 2025-2", "Möjligheterna till arbete",
			"4 utbildningar går att börja.", "På plats i länet", "Distans med träffar", "Helt på distans",
			"Undersköterska Åre", "Undersköterska distans", `href="/?occupation=5321"`},
			[]string{"Undersköterska inställd", "Undersköterska 2028", "Lastbilsförare CE"}},
		{"occupation from a municipality", "/yrke/5321?municipality=2361", 200, "sv", []string{
			"3 utbildningar går att nå från Härjedalen.", "På plats i Härjedalen", "På plats inom 60 km",
			"Distans med högst 5 träffar", `<option value="2361" selected>Härjedalen</option>`,
			"På plats längre bort, eller med fler träffar", "Undersköterska Sveg", "Åre (cirka 155 km)"},
			nil},
		{"occupation in English", "/yrke/5321?municipality=2380&lang=en", 200, "en", []string{
			"Assistant nurses, home care", "In Swedish:", "Shortage", "On site in Östersund",
			`<p lang="sv">Möjligheterna`, `<input type="hidden" name="lang" value="en">`}, nil},
		{"occupation filed under another group", "/yrke/5322", 200, "sv", []string{
			"Undersköterskor, habilitering", "redovisar yrket under gruppen 5321", "Undersköterska Åre"}, nil},
		{"occupation without courses", "/yrke/7114", 200, "sv", []string{
			"0 utbildningar går att börja.", "Inga utbildningar.", "Anläggningsarbetare (med yrkesbevis)"}, nil},
		{"occupation some of whose barometer occupations are unassessed", "/yrke/8332", 200, "sv", []string{
			"Kranbilsförare", "Arbetsförmedlingen har inte bedömt yrket i länet."}, nil},
		{"unknown occupation", "/yrke/9999", 404, "sv", []string{"Sidan finns inte"}, nil},
		{"not an occupation group", "/yrke/53", 404, "sv", []string{"Sidan finns inte"}, nil},
		{"occupation from a municipality by name", "/yrke/5321?municipality=h%C3%A4rjedalens+kommun", 200, "sv", []string{
			"3 utbildningar går att nå från Härjedalen.", `<option value="2361" selected>Härjedalen</option>`}, nil},
		{"occupation, the former parameter name", "/yrke/5321?kommun=2361", 200, "sv", []string{
			"3 utbildningar går att nå från Härjedalen."}, nil},
		{"municipality outside the county", "/yrke/5321?municipality=0180", 400, "sv", []string{"municipality", "0180"}, nil},
		{"municipality outside the county by name", "/yrke/5321?municipality=Stockholm", 400, "sv", []string{"municipality", "0180"}, nil},
		{"bad municipality", "/yrke/5321?municipality=Sveg", 400, "sv", []string{"municipality", "Sveg"}, nil},
		{"unknown parameter", "/yrke/5321?kommunkod=2361", 400, "sv", []string{"kommunkod"}, nil},

		{"occupations", "/yrke", 200, "sv", []string{"Service-, omsorgs- och försäljningsyrken",
			`href="/yrke/5321"`, "(4 utbildningar)", `href="/yrke/7114"`, "(0 utbildningar)", `href="/yrke/2512"`}, nil},
		{"occupations in English", "/yrke?lang=en", 200, "en", []string{"Assistant nurses", `href="/yrke/5321?lang=en"`}, nil},

		{"coverage", "/tackning", 200, "sv", []string{
			"2 bristyrken som saknar utbildning i någon kommun", "Saknas i alla kommuner", `href="/yrke/7114"`,
			`href="/yrke/8332"`, `<th scope="col">Härjedalen</th>`, `<th scope="row">`,
			"Lärcentrum Funäsdalen", "Tentamensskrivning", "format=csv", "view=cells", "view=gaps",
			"Härjedalen: 2 bristyrken utan utbildning", "Krokom: 1 bristyrke utan utbildning"},
			// 5321 is a shortage occupation, but every municipality reaches
			// its online course.
			[]string{`href="/yrke/2512"`, `href="/yrke/5321"`, `id="vald-kommun"`}},
		{"coverage, all occupations", "/tackning?visa=alla", 200, "sv", []string{`href="/yrke/2512"`, "Balans"}, nil},
		{"coverage of an SSYK major group", "/tackning?falt=8&visa=alla", 200, "sv", []string{`href="/yrke/8332"`, "1 yrke:"},
			[]string{`href="/yrke/5321"`, `href="/yrke/2512"`}},
		{"coverage of a barometer area", "/tackning?falt=Transport", 200, "sv", []string{`href="/yrke/8332"`},
			[]string{`href="/yrke/5321"`, `href="/yrke/7114"`}},
		{"coverage of 3 months", "/tackning?months=3", 200, "sv", []string{`<option value="3" selected>3 månader</option>`,
			"23 februari 2027"}, nil},
		{"coverage for a municipality", "/tackning?municipality=2361", 200, "sv", []string{`id="vald-kommun"`,
			"Distansutbildningar för dig som bor i Härjedalen", "4 distansutbildningar går att läsa",
			`href="/?include_distance=true&amp;municipality=2361"`, `aria-current="true"`, "Undersköterska flex",
			// ten meetings, but in Sveg
			"Undersköterska Sveg</a>"},
			[]string{"Undersköterska Åre</a>"}},
		{"coverage in English", "/tackning?lang=en", 200, "en", []string{"Courses by municipality", "Gap in every municipality",
			"Exam proctoring", "lang=en"}, nil},
		{"bad view", "/tackning?visa=allt", 400, "sv", []string{"visa"}, nil},
		{"bad field", "/tackning?falt=99", 400, "sv", []string{"falt"}, nil},
		{"coverage, former parameter names", "/tackning?manader=3&kommun=2361", 200, "sv", []string{
			`<option value="3" selected>3 månader</option>`, "Distansutbildningar för dig som bor i Härjedalen"}, nil},
		{"coverage for a municipality by name", "/tackning?municipality=Harjedalen", 200, "sv", []string{
			"Distansutbildningar för dig som bor i Härjedalen"}, nil},
		{"bad window", "/tackning?months=5", 400, "sv", []string{"months"}, nil},
		{"coverage, municipality outside the county", "/tackning?municipality=0180", 400, "sv", []string{"municipality", "0180"}, nil},
		{"coverage, unknown municipality", "/tackning?municipality=Sveg", 400, "sv", []string{"municipality", "Sveg"}, nil},
		{"coverage, unknown parameter", "/tackning?manad=3", 400, "sv", []string{"manad"}, nil},

		{"offering links its occupations", "/kurs/e.ssk.online", 200, "sv", []string{"Leder till yrke",
			`href="/yrke/5321"`, "utbildningsinriktningen 723o (SUN 2020)"}, nil},
		{"offering links its occupations in English", "/kurs/e.ssk.are?lang=en", 200, "en", []string{
			`href="/yrke/5321?lang=en"`, "the title contains “undersköterska”"}, nil},
		{"search links a chosen occupation", "/?occupation=8332", 200, "sv", []string{
			`<a href="/yrke/8332">Om yrket: Lastbilsförare m.fl.</a>`}, nil},
		{"navigation", "/", 200, "sv", []string{`href="/yrke"`, `href="/tackning"`, "Utbud per kommun"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := getPage(t, srv, tc.path)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d\n%s", r.status, tc.status, r.body)
			}
			if !strings.Contains(r.body, `<html lang="`+tc.lang+`"`) {
				t.Errorf("page is not lang=%s", tc.lang)
			}
			if m := regexp.MustCompile(`!missing:[\w.-]+`).FindString(r.body); m != "" {
				t.Errorf("a message is missing from the catalogue: %s", m)
			}
			for _, want := range tc.contains {
				if !strings.Contains(r.body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			for _, unwanted := range tc.lacks {
				if strings.Contains(r.body, unwanted) {
					t.Errorf("page has %q", unwanted)
				}
			}
		})
	}
}

// The occupation page's groups are the coverage report's cells: the same
// reach, so the same counts, from every municipality.
func TestOccupationPageAgreesWithCoverageAPI(t *testing.T) {
	srv := newCoverageServer(t)
	resp, err := http.Get(srv.URL + "/api/v1/coverage?occupation=5321&view=cells&from=2026-11-23")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rep struct {
		Cells []struct {
			Municipality                   string
			Local, Nearby, Blended, Online int
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Cells) != 8 {
		t.Fatalf("%d cells, want one per municipality", len(rep.Cells))
	}
	count := func(body, group string) int {
		m := regexp.MustCompile(`id="reach-` + group + `-heading">[^<]*<span class="count">\((\d+) tillfällen?\)`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no %s group", group)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	for _, c := range rep.Cells {
		body := getPage(t, srv, "/yrke/5321?municipality="+c.Municipality).body
		got := [4]int{count(body, "local"), count(body, "nearby"), count(body, "blended"), count(body, "online")}
		if want := [4]int{c.Local, c.Nearby, c.Blended, c.Online}; got != want {
			t.Errorf("%s: page %v, API %v", c.Municipality, got, want)
		}
	}
}

// The page's CSV link downloads the rows the page shows.
func TestCoverageCSVLinkMatchesPage(t *testing.T) {
	srv := newCoverageServer(t)
	body := getPage(t, srv, "/tackning").body
	m := regexp.MustCompile(`href="(/api/v1/coverage\?[^"]*view=cells[^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no CSV link")
	}
	resp, err := http.Get(srv.URL + html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	occupations := map[string]bool{}
	for _, r := range rows[1:] {
		occupations[r[1]] = true
	}
	if len(rows)-1 != 2*8 || !occupations["8332"] || !occupations["7114"] {
		t.Errorf("CSV has %d rows for %v; want the page's 2 occupations in 8 municipalities", len(rows)-1, occupations)
	}
}

// The map has the county's eight municipalities, each a link with a title
// that says its number of gaps.
func TestCoverageMap(t *testing.T) {
	srv := newCoverageServer(t)
	body := getPage(t, srv, "/tackning").body
	regions := regexp.MustCompile(`<a href="([^"]+)" class="region shade-(\d)[^"]*"[^>]*><title>([^<]+)</title><path id="(\d{4})" d="M[^"]+"/></a>`).
		FindAllStringSubmatch(body, -1)
	if len(regions) != 8 {
		t.Fatalf("%d regions on the map, want 8", len(regions))
	}
	shades := map[string]string{}
	for _, r := range regions {
		if !strings.Contains(r[1], "municipality="+r[4]) {
			t.Errorf("region %s links %s", r[4], r[1])
		}
		shades[r[4]] = r[2]
	}
	// Härjedalen lacks both shortage occupations, Krokom only one.
	if shades["2361"] <= shades["2309"] {
		t.Errorf("Härjedalen is shade %s, Krokom %s", shades["2361"], shades["2309"])
	}
}
