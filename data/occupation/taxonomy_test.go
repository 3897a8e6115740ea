package occupation

import (
	"strings"
	"testing"
)

func TestTaxonomy(t *testing.T) {
	tax, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for level, want := range map[int]int{1: 10, 2: 46, 3: 148, 4: 429} {
		if got := len(tax.Groups(level)); got != want {
			t.Errorf("level %d: %d groups, want %d", level, got, want)
		}
	}
	for _, level := range []int{1, 2, 3, 4} {
		for _, g := range tax.Groups(level) {
			if g.Name.SV == g.Name.EN { // an English name equal to the Swedish one was never translated
				t.Errorf("%s: name not translated: %q", g.SSYK, g.Name.SV)
			}
		}
	}
	path := tax.Path("5321")
	var codes []string
	for _, g := range path {
		codes = append(codes, g.SSYK)
	}
	if strings.Join(codes, " ") != "5 53 532 5321" {
		t.Errorf("path of 5321: %v", codes)
	}
	if g, _ := tax.Group("5321"); g.Name.EN == "" || g.Parent != "532" || g.ConceptID != "jY19_knH_MJp" {
		t.Errorf("5321: %+v", g)
	}
	if g, _ := tax.Group("1211"); !strings.HasSuffix(g.Name.SV, ", nivå 1") {
		t.Errorf("1211 lost SCB's level suffix: %q", g.Name.SV)
	}
	tests := map[string]string{"5322": "5321", "5324": "5323", "5321": "5321", "1211": "1211", "9999": "9999"}
	for in, want := range tests {
		if got := tax.Canonical(in); got != want {
			t.Errorf("Canonical(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestBarometerOccupations(t *testing.T) {
	tax, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	all := tax.Barometer()
	if len(all) < 200 {
		t.Fatalf("%d barometer occupations, want about 207", len(all))
	}
	names := map[string]bool{}
	for _, b := range all {
		if names[b.Name] {
			t.Errorf("%s twice", b.Name)
		}
		names[b.Name] = true
	}
	var got []string
	for _, b := range tax.BarometerFor("8332") {
		got = append(got, b.Name)
	}
	if !strings.Contains(strings.Join(got, ","), "Lastbilsförare") || len(got) < 4 {
		t.Errorf("barometer occupations of 8332: %v", got)
	}
	if got := tax.BarometerFor("5322"); len(got) != 1 || !strings.HasPrefix(got[0].Name, "Undersköterskor inom hemtjänst") {
		t.Errorf("5322 is filed under 5321: %v", got)
	}
}

func TestLearningCentres(t *testing.T) {
	centres, err := LearningCentres()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range centres {
		seen[c.Municipality] = true
	}
	for _, code := range []string{"2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380"} {
		if !seen[code] {
			t.Errorf("no learning centre in %s", code)
		}
	}
	if _, err := ReadLearningCentres(strings.NewReader("name;municipality;place;lat;lon;services\nX;2303;Y;63;16;simhall\n")); err == nil {
		t.Error("unknown service accepted")
	}
}
