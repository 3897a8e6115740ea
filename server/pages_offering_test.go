package server_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
	"kurskatalog/server"
)

// newOfferingsServer serves offerings from a real store and index on the
// page tests' day.
func newOfferingsServer(t *testing.T, offerings []catalog.Offering) *httptest.Server {
	t.Helper()
	return serveCatalogue(t, server.Deps{Now: func() time.Time { return pagesToday }}, func(ctx context.Context, db *sqlite.DB) error {
		db.SetClock(func() time.Time { return pagesToday })
		_, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: offerings})
		return err
	})
}

// decisionFixture has one offering per school type with what the feeds
// carry for it, and one that carries nothing.
func decisionFixture() []catalog.Offering {
	base := func(id, title, school, muni string) catalog.Offering {
		return catalog.Offering{ID: id, EducationID: "i." + id, Title: title, SchoolType: school, Mode: catalog.ModeOnsite,
			Municipalities: []string{muni}, Start: pagesDay(2027, 1, 18), ApplicationLast: pagesDay(2026, 12, 15),
			Provenance: catalog.Provenance{Source: "susa-navet", SourceURL: "https://api.skolverket.se/susa-navet/emil3/educationEvents/" + id}}
	}
	hs := base("e.hs", "Omvårdnad vid demenssjukdom", "HS", "2380")
	hs.Provider = catalog.Provider{ID: "p.uoh.miun", Name: "Mittuniversitetet", ResponsibleBody: "statlig", URL: "https://www.miun.se"}
	hs.URL = "https://www.miun.se/utbildning/va015g"
	hs.Mode, hs.MandatorySessions = catalog.ModeBlended, 2
	hs.Eligibility = "<p>Grundläggande behörighet samt <strong>Omvårdnad 1</strong>.</p>"
	hs.Fees = []catalog.Fee{{Free: true}, {Amount: 45000, Currency: "SEK", Condition: "Studieavgift för studenter utanför EU/EES"}}
	hs.Locations = []catalog.Location{{Name: "Campus Östersund", Street: "Kunskapens väg 8", PostalCode: "831 25", Town: "Östersund", Municipality: "2380", Lat: 63.1767, Lon: 14.6345}}
	hs.ApplicationURL, hs.ApplicationCode, hs.StudentAid = "https://www.antagning.se", "MIU-21011", "ja"

	vux := base("e.vux", "Svenska 2", "VUXGY", "2326")
	vux.Provider = catalog.Provider{ID: "p.vux.2326komvux", Name: "Lärcentrum Berg", ResponsibleBody: "kommunal", URL: "https://www.berg.se/komvux",
		Address: &catalog.Location{Street: "Centralvägen 2", PostalCode: "845 31", Town: "Svenstavik", Municipality: "2326"}}
	vux.Eligibility = "<p>Du ska vara bosatt i Bergs kommun och ha fyllt 20 år.</p>"
	vux.PriorKnowledge = "<p>Svenska 1 eller motsvarande kunskaper.</p>"
	vux.Fees = []catalog.Fee{{Free: true}}
	vux.ApplicationURL, vux.StudentAid = "https://www.berg.se/komvux/ansok", "A 1 gy"

	yh := base("e.yh", "Drifttekniker", "YH", "2380")
	yh.Provider = catalog.Provider{ID: "p.myh.1", Name: "YrkesAkademin", ResponsibleBody: "enskild"}
	yh.Eligibility = "<p>Grundläggande behörighet för yrkeshögskoleutbildning.</p>"
	yh.Fees = []catalog.Fee{{Free: true, Condition: "Kurslitteratur bekostar du själv."}}
	yh.ApplicationURL, yh.StudentAid = "https://www.yrkesakademin.se/ansok", "ja"

	fhs := base("e.fhs", "Allmän kurs", "FHS", "2309")
	fhs.Provider = catalog.Provider{ID: "p.fhs.birka", Name: "Birka folkhögskola", ResponsibleBody: "region"}
	fhs.Fees = []catalog.Fee{{Amount: 2400, Currency: "SEK", Condition: "Material och studieresor"}}
	fhs.StudentAid = "nej"

	bare := base("e.stf", "Körsång", "STF", "2380")
	bare.Provider = catalog.Provider{ID: "p.sv.1", Name: "Studieförbundet Vuxenskolan"}
	return []catalog.Offering{hs, vux, yh, fhs, bare}
}

// decisionTexts are the page's "before you apply" entries, as dt -> dd
// text without markup.
func decisionTexts(t *testing.T, body string) map[string]string {
	t.Helper()
	start := strings.Index(body, `id="decide-heading"`)
	if start < 0 {
		t.Fatal("no decide section")
	}
	sec := body[start:]
	sec = sec[:strings.Index(sec, "</section>")]
	tags := regexp.MustCompile(`<[^>]+>`)
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`(?s)<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>`).FindAllStringSubmatch(sec, -1) {
		dd := strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(m[2], " "))), " ")
		out[html.UnescapeString(m[1])] = dd
	}
	return out
}

func TestOfferingPageDecisions(t *testing.T) {
	srv := newOfferingsServer(t, decisionFixture())
	for _, tc := range []struct {
		name, path string
		want       map[string][]string // dt -> substrings of its dd
		links      []string            // hrefs on the page
	}{
		{"university", "/kurs/e.hs", map[string][]string{
			"Behörighet":  {"Grundläggande behörighet samt Omvårdnad 1"},
			"Kostnad":     {"Avgiftsfri", "45 000 kr – Studieavgift för studenter utanför EU/EES"},
			"Adress":      {"Campus Östersund, Kunskapens väg 8, 831 25 Östersund", "Visa på karta"},
			"Så söker du": {"Du söker på Antagning.se med anmälningskoden MIU-21011."},
			"Studiemedel": {"Berättigar till studiemedel från CSN"},
		}, []string{"https://www.openstreetmap.org/?mlat=63.17670&amp;mlon=14.63450#map=16/63.17670/14.63450", `href="https://www.antagning.se"`}},
		{"komvux", "/kurs/e.vux", map[string][]string{
			"Behörighet":                  {"bosatt i Bergs kommun"},
			"Rekommenderade förkunskaper": {"Svenska 1"},
			"Kostnad":                     {"Avgiftsfri"},
			"Adress":                      {"Anordnarens besöksadress: Centralvägen 2, 845 31 Svenstavik"},
			"Så söker du":                 {"Du söker till vuxenutbildningen i Berg.", "Bor du i en annan kommun söker du via vuxenutbildningen i din hemkommun", "Ansök till komvux"},
			"Studiemedel":                 {"Berättigar till studiemedel från CSN"},
		}, []string{"https://www.openstreetmap.org/search?query=Centralv%C3%A4gen%202%2C%20845%2031%20Svenstavik", `href="https://www.berg.se/komvux/ansok"`}},
		{"yh", "/kurs/e.yh", map[string][]string{
			"Kostnad":     {"Avgiftsfri – Kurslitteratur bekostar du själv."},
			"Så söker du": {"Du söker direkt till utbildningsanordnaren", "Ansök hos anordnaren", "Yrkeshögskolan.se"},
			"Adress":      {"uppgift saknas"},
		}, []string{`href="https://www.yrkesakademin.se/ansok"`, `href="https://www.yrkeshogskolan.se"`}},
		{"folk high school", "/kurs/e.fhs", map[string][]string{
			"Behörighet":  {"uppgift saknas"},
			"Kostnad":     {"2 400 kr – Material och studieresor"},
			"Studiemedel": {"Berättigar inte till studiemedel från CSN"},
			"Så söker du": {"uppgift saknas"},
		}, nil},
		{"nothing stated", "/kurs/e.stf", map[string][]string{
			"Behörighet": {"uppgift saknas"}, "Kostnad": {"uppgift saknas"}, "Adress": {"uppgift saknas"},
			"Så söker du": {"uppgift saknas"}, "Studiemedel": {"uppgift saknas"},
		}, nil},
		{"nothing stated, in English", "/kurs/e.stf?lang=en", map[string][]string{
			"Entry requirements": {"not stated"}, "Cost": {"not stated"}, "Address": {"not stated"},
			"How to apply": {"not stated"}, "Student aid": {"not stated"},
		}, nil},
		{"komvux in English", "/kurs/e.vux?lang=en", map[string][]string{
			"Cost":         {"Free of charge"},
			"How to apply": {"You apply to the adult education of Berg.", "If you live in another municipality"},
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := getPage(t, srv, tc.path)
			if r.status != 200 {
				t.Fatalf("status %d", r.status)
			}
			got := decisionTexts(t, r.body)
			for dt, wants := range tc.want {
				dd, ok := got[dt]
				if !ok {
					t.Errorf("no %q in %v", dt, got)
					continue
				}
				for _, w := range wants {
					if !strings.Contains(dd, w) {
						t.Errorf("%s: %q does not contain %q", dt, dd, w)
					}
				}
			}
			for _, l := range tc.links {
				if !strings.Contains(r.body, l) {
					t.Errorf("page lacks %s:\n%s", l, regexp.MustCompile(`href="[^"]*openstreetmap[^"]*"`).FindAllString(r.body, -1))
				}
			}
		})
	}
}

func TestOfferingPageStudyFormAndSourceLink(t *testing.T) {
	srv := newOfferingsServer(t, decisionFixture())
	r := getPage(t, srv, "/kurs/e.vux")
	if !strings.Contains(r.body, "<dt>Studieform</dt><dd>På plats</dd>") {
		t.Error("Studieform is not the mode")
	}
	if strings.Contains(r.body, "<dt>Studieform</dt><dd>Berg") {
		t.Error("Studieform says a place")
	}
	api := regexp.MustCompile(`<a href="https://api\.skolverket\.se/[^"]*"[^>]*>(.*?)</a>`).FindStringSubmatch(r.body)
	if api == nil || strings.Contains(api[1], "öppnas på anordnarens webbplats") || !strings.Contains(api[1], "Skolverkets API") {
		t.Errorf("API link labelled %q", api)
	}
	if r := getPage(t, srv, "/kurs/e.hs"); !strings.Contains(r.body, `href="https://www.miun.se/utbildning/va015g" rel="external noopener">miun.se`) {
		t.Error("no link to the provider's course page")
	}
}

// TestOfferingIntakesCurrentOnce checks the other intakes and the JSON-LD
// course instances: current and future intakes only, each kind once.
func TestOfferingIntakesCurrentOnce(t *testing.T) {
	base := func(id string, start time.Time) catalog.Offering {
		return catalog.Offering{ID: id, EducationID: "i.ma2", Title: "Matematik 2b", SchoolType: "VUXGY", Mode: catalog.ModeOnsite,
			Provider: catalog.Provider{ID: "p.vux", Name: "Komvux Östersund"}, Municipalities: []string{"2380"}, Pace: 50,
			Start: start, ApplicationLast: start.AddDate(0, 0, -14), Provenance: catalog.Provenance{Source: "susa-navet"}}
	}
	page := base("e.ma2.jan", pagesDay(2027, 1, 18))
	twin := base("e.ma2.jan.b", pagesDay(2027, 1, 18)) // another source id, same intake for a learner
	evening := base("e.ma2.jan.kv", pagesDay(2027, 1, 18))
	evening.TimeOfStudy = "kväll"
	past := base("e.ma2.aug", pagesDay(2026, 8, 17))
	closed := base("e.ma2.dec", pagesDay(2026, 12, 1)) // starts later, but applications closed on 17 November
	cancelled := base("e.ma2.mar", pagesDay(2027, 3, 15))
	cancelled.Cancelled = true
	distance := base("e.ma2.dist", time.Time{})
	distance.Mode, distance.RollingStart, distance.ApplicationLast = catalog.ModeOnline, true, time.Time{}
	distance.End = pagesDay(2027, 6, 18)
	august := base("e.ma2.aug27", pagesDay(2027, 8, 16))
	srv := newOfferingsServer(t, []catalog.Offering{page, twin, evening, past, closed, cancelled, distance, august})

	r := getPage(t, srv, "/kurs/e.ma2.jan")
	ld := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(r.body)
	if ld == nil {
		t.Fatal("no JSON-LD")
	}
	var course struct {
		Instances []struct {
			URL, StartDate string
		} `json:"hasCourseInstance"`
	}
	if err := json.Unmarshal([]byte(ld[1]), &course); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range course.Instances {
		got = append(got, in.URL[strings.LastIndex(in.URL, "/")+1:])
	}
	want := []string{"e.ma2.jan", "e.ma2.jan.kv", "e.ma2.aug27", "e.ma2.dist"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("course instances %v, want %v", got, want)
	}

	sec := r.body[strings.Index(r.body, `id="related-heading"`):]
	sec = sec[:strings.Index(sec, "</section>")]
	links := regexp.MustCompile(`href="/kurs/([^"]+)"`).FindAllStringSubmatch(sec, -1)
	var related []string
	for _, l := range links {
		related = append(related, l[1])
	}
	if want := []string{"e.ma2.jan.kv", "e.ma2.aug27", "e.ma2.dist"}; !slices.Equal(related, want) {
		t.Errorf("other intakes %v, want %v", related, want)
	}
	for _, w := range []string{"Östersund, På plats, 50 %, kvällstid", "Löpande start</a> – Distans, 50 %"} {
		if !strings.Contains(sec, w) {
			t.Errorf("other intakes lack %q:\n%s", w, sec)
		}
	}
}

func TestOfferingAPIHasDecisionFields(t *testing.T) {
	srv := newOfferingsServer(t, decisionFixture())
	resp, err := srv.Client().Get(srv.URL + "/api/v1/offerings/e.hs")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got catalog.Offering
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	want := decisionFixture()[0]
	if got.Eligibility != want.Eligibility || !slices.Equal(got.Fees, want.Fees) || !slices.Equal(got.Locations, want.Locations) {
		t.Errorf("got eligibility %q fees %+v locations %+v", got.Eligibility, got.Fees, got.Locations)
	}
}
