package html

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"kurskatalog/data/catalog"
)

func parseDoc(t testing.TB, page string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// jsonLDSource is a JSON-LD-only source with the defaults a learning centre
// would give.
func jsonLDSource(t testing.TB) *Source {
	t.Helper()
	src, err := New("test", SiteConfig{StartURLs: []string{"https://kurser.example.se/"}, JSONLD: true,
		Defaults: map[string]string{FieldSchoolType: "AU", FieldProvider: "Lärcentrum Test"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// jsonLDOfferings normalises the JSON-LD of a page with the given blocks.
func jsonLDOfferings(t *testing.T, blocks ...string) ([]catalog.Offering, []catalog.Skip) {
	t.Helper()
	page := "<html><head>"
	for _, b := range blocks {
		page += `<script type="application/ld+json">` + b + "</script>"
	}
	page += "</head><body></body></html>"
	src := jsonLDSource(t)
	u, _ := url.Parse("https://kurser.example.se/kurs/")
	res := src.site.parsePage(parseDoc(t, page), u)
	var out []catalog.Offering
	skips := res.skips
	for _, r := range res.records {
		o, err := src.offering(r)
		if err != nil {
			skips = append(skips, catalog.Skip{ID: o.ID, Reason: err.Error()})
			continue
		}
		out = append(out, o)
	}
	return out, skips
}

func TestJSONLD(t *testing.T) {
	tests := []struct {
		name   string
		blocks []string
		check  func(t *testing.T, got []catalog.Offering)
	}{
		{"single course with one instance", []string{`{"@context":"https://schema.org","@type":"Course","name":"Truckkort A+B","courseCode":"TR1",
			"description":"Teori och praktik.","provider":{"@type":"Organization","name":"Lärcentrum Ragunda"},
			"hasCourseInstance":{"@type":"CourseInstance","courseMode":"onsite","startDate":"2027-02-08","endDate":"2027-02-10",
			"location":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Hammarstrand"}}}}`},
			func(t *testing.T, got []catalog.Offering) {
				o := got[0]
				if len(got) != 1 || o.ID != "html.test.tr1" || o.Code != "TR1" || o.Title != "Truckkort A+B" || o.Provider.Name != "Lärcentrum Ragunda" ||
					dateString(o.Start) != "2027-02-08" || dateString(o.End) != "2027-02-10" || o.Mode != catalog.ModeOnsite ||
					len(o.Municipalities) != 1 || o.Municipalities[0] != "2303" || o.Description != "<p>Teori och praktik.</p>" ||
					o.URL != "https://kurser.example.se/kurs/" || o.ExecutionCondition != 1 {
					t.Errorf("got %+v", got)
				}
			}},
		{"one offering per instance, ids told apart by start", []string{`{"@type":"Course","name":"Skoter","identifier":"SK",
			"hasCourseInstance":[{"@type":"CourseInstance","startDate":"2027-02-26"},{"@type":"CourseInstance","startDate":"2027-03-19"}]}`},
			func(t *testing.T, got []catalog.Offering) {
				if len(got) != 2 || got[0].ID != "html.test.sk-2027-02-26" || got[1].ID != "html.test.sk-2027-03-19" {
					t.Errorf("got %+v", got)
				}
			}},
		{"@graph with other types", []string{`{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Sida"},
			{"@type":"Organization","name":"Birka folkhögskola"},{"@type":["Course","Thing"],"name":"Keramik",
			"provider":{"@id":"#org","name":"Birka folkhögskola"},"hasCourseInstance":{"@type":"CourseInstance","startDate":"2027-03-12"}}]}`},
			func(t *testing.T, got []catalog.Offering) {
				if len(got) != 1 || got[0].Title != "Keramik" || got[0].Provider.Name != "Birka folkhögskola" {
					t.Errorf("got %+v", got)
				}
			}},
		{"top-level array and schema URL types", []string{`[{"@type":"https://schema.org/Course","name":"A"},{"@type":"schema:Course","name":"B"}]`},
			func(t *testing.T, got []catalog.Offering) {
				if len(got) != 2 || got[0].Title != "A" || got[1].Title != "B" || got[0].ExecutionCondition != 0 {
					t.Errorf("got %+v", got)
				}
			}},
		{"modes: blended, array with part-time, virtual location, attendance mode URL", []string{`[
			{"@type":"Course","name":"Blandad","hasCourseInstance":{"@type":"CourseInstance","courseMode":"Blended","startDate":"2027-01-18"}},
			{"@type":"Course","name":"Nät","hasCourseInstance":{"@type":"CourseInstance","courseMode":["online","part-time"],"courseWorkload":"25 %","startDate":"2027-01-18"}},
			{"@type":"Course","name":"Virtuell","hasCourseInstance":{"@type":"CourseInstance","location":{"@type":"VirtualLocation","url":"https://x"},"startDate":"2027-01-18"}},
			{"@type":"EducationEvent","name":"Händelse","eventAttendanceMode":"https://schema.org/MixedEventAttendanceMode","startDate":"2027-01-18","location":"Sveg"},
			{"@type":"Course","name":"Heltid","hasCourseInstance":{"@type":"CourseInstance","courseMode":["onsite","full-time"],"startDate":"2027-01-18"}}]`},
			func(t *testing.T, got []catalog.Offering) {
				want := []struct {
					mode catalog.Mode
					pace int
				}{{catalog.ModeBlended, 0}, {catalog.ModeOnline, 25}, {catalog.ModeOnline, 0}, {catalog.ModeBlended, 0}, {catalog.ModeOnsite, 100}}
				if len(got) != len(want) {
					t.Fatalf("got %d offerings, want %d", len(got), len(want))
				}
				for i, w := range want {
					if got[i].Mode != w.mode || got[i].Pace != w.pace {
						t.Errorf("%s: mode %s pace %d, want %s %d", got[i].Title, got[i].Mode, got[i].Pace, w.mode, w.pace)
					}
				}
				if got[3].Towns[0] != "Sveg" || got[3].Municipalities[0] != "2361" {
					t.Errorf("EducationEvent location: %v %v", got[3].Towns, got[3].Municipalities)
				}
			}},
		{"values as objects, numbers and offers", []string{`{"@type":"Course","name":{"@value":"Excel","@language":"sv"},
			"identifier":{"@type":"PropertyValue","propertyID":"kurskod","value":"EX-1"},"numberOfCredits":7.5,
			"description":"<p>Formler och <script>alert(1)<\/script>diagram</p>",
			"hasCourseInstance":{"@type":"CourseInstance","startDate":"2027-09-07","maximumAttendeeCapacity":15,
			"offers":[{"@type":"Offer","validThrough":"2027-08-20T23:59:00+02:00","url":"/anmalan?kurs=EX-1"}]}}`},
			func(t *testing.T, got []catalog.Offering) {
				o := got[0]
				if o.Title != "Excel" || o.ID != "html.test.ex-1" || o.Credits != 7.5 || o.Places != 15 ||
					dateString(o.ApplicationLast) != "2027-08-20" || o.ApplicationURL != "https://kurser.example.se/anmalan?kurs=EX-1" ||
					o.Description != "<p>Formler och diagram</p>" {
					t.Errorf("got %+v", o)
				}
			}},
		{"html comment wrapper", []string{`<!-- {"@type":"Course","name":"Kommenterad"} -->`},
			func(t *testing.T, got []catalog.Offering) {
				if len(got) != 1 || got[0].Title != "Kommenterad" {
					t.Errorf("got %+v", got)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skips := jsonLDOfferings(t, tt.blocks...)
			if len(skips) > 0 {
				t.Errorf("skips %+v", skips)
			}
			if len(got) == 0 {
				t.Fatal("no offerings")
			}
			tt.check(t, got)
		})
	}
}

func TestJSONLDProblems(t *testing.T) {
	got, skips := jsonLDOfferings(t,
		`{"@type":"Course","name":"Trasig",`,                                              // not JSON
		`{"@type":"Course","description":"Utan namn"}`,                                    // no title
		`{"@type":"Course","name":"Fel datum","hasCourseInstance":{"startDate":"snart"}}`, // bad date
		`{"@type":"Organization","name":"Inte en kurs"}`,                                  // ignored
		`"bara en sträng"`, `null`, `[1, 2, [3]]`, // ignored
	)
	if len(got) != 0 {
		t.Errorf("kept %+v", got)
	}
	want := []string{"invalid JSON-LD on https://kurser.example.se/kurs/", "missing title", "start: no date"}
	if len(skips) != len(want) {
		t.Fatalf("skips %+v, want %d", skips, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(skips[i].Reason, w) {
			t.Errorf("skip %d: %q, want prefix %q", i, skips[i].Reason, w)
		}
	}
}
