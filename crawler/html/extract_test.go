package html

import (
	"net/url"
	"os"
	"testing"
)

// TestColumns reads table cells by header, with columns spanning several
// header cells and a header row of <th> without <thead>.
func TestColumns(t *testing.T) {
	const page = `<table>
		<tr><th>Kurskod</th><th>Kurs</th><th colspan="2">Datum</th><th>Ort</th></tr>
		<tr><td>TR1</td><td><a href="/truck">Truckkort</a></td><td>2027-02-08</td><td>2027-02-10</td><td>Sveg</td></tr>
		<tr><td colspan="2">Sammanfattning</td><td>x</td></tr>
	</table>`
	site, err := compile(SiteConfig{
		StartURLs: []string{"https://x.se/"}, Item: "tr:has(td)",
		Fields: map[string]FieldRule{
			FieldCode:  {Column: "kurskod"},
			FieldTitle: {Column: "Kurs"}, // exact header wins over Kurskod
			FieldURL:   {Column: "Kurs", Selector: "a", Attr: "href"},
			FieldStart: {Column: "Datum"},
			FieldTown:  {Column: "Ort"},
			FieldEnd:   {Column: "Saknas"},
		},
		Defaults: map[string]string{FieldProvider: "P", FieldSchoolType: "AU"},
	})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://x.se/kurser/")
	res := site.parsePage(parseDoc(t, page), u)
	if len(res.records) != 2 {
		t.Fatalf("got %d records", len(res.records))
	}
	want := map[string]string{FieldCode: "TR1", FieldTitle: "Truckkort", FieldURL: "https://x.se/truck", FieldStart: "2027-02-08", FieldTown: "Sveg"}
	got := res.records[0].fields
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	if _, ok := got[FieldEnd]; ok {
		t.Error("a column that does not exist gave a value")
	}
	// The summary row's first cell spans Kurskod and Kurs.
	if r := res.records[1].fields; r[FieldCode] != "Sammanfattning" || r[FieldTitle] != "Sammanfattning" || r[FieldStart] != "x" || r[FieldTown] != "" {
		t.Errorf("spanning row: %q", r)
	}
}

func TestNodeText(t *testing.T) {
	doc := parseDoc(t, `<div><p>Start: 18 jan<br>Plats: <b>S</b>veg</p><span>a</span><span>b</span>
		<script>var x = "dold";</script><ul><li>ett</li><li>två</li></ul></div>`)
	got := nodeText(doc.Find("div").Get(0))
	want := "Start: 18 jan\nPlats: Sveg\na b\nett\ntvå"
	if got != want {
		t.Errorf("nodeText = %q, want %q", got, want)
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Truckkort A+B 2027-02-08":   "truckkort-a-b-2027-02-08",
		"Skoterförarbevis":           "skoterforarbevis",
		"  Hjärt- och lungräddning ": "hjart-och-lungraddning",
		"VÅ015G":                     "va015g",
		"¡!":                         "",
	}
	for in, want := range tests {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkParsePage(b *testing.B) {
	var site *site
	for _, s := range loadSites(b) {
		if s.ID == "larcentrum-ragunda" {
			site, _ = compile(s.Site)
		}
	}
	page, err := os.ReadFile(sitesDir + "/www.ragunda.se/utbildning/larcentrum/kurser/index.html")
	if err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse(site.cfg.StartURLs[0])
	for b.Loop() {
		site.parsePage(parseDoc(b, string(page)), u)
	}
}
