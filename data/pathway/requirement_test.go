package pathway

import (
	"slices"
	"testing"
)

// The eligibility texts are the bundled snapshot's, as EMIL3 words them.
func TestParseEligibility(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		labels []string
		higher bool
	}{
		{"university, basic only", "Grundläggande behörighet.",
			[]string{"Svenska 1–3 / Svenska som andraspråk 1–3", "Engelska 5–6", "Matematik 1a/1b/1c"}, false},
		{"university, specific with a combined alternative",
			"Grundläggande behörighet samt Matematik 2a/2b/2c, Naturkunskap 2 och Samhällskunskap 1b/1a1+1a2.",
			[]string{"Svenska 1–3 / Svenska som andraspråk 1–3", "Engelska 5–6", "Matematik 1a/1b/1c",
				"Matematik 2a/2b/2c", "Naturkunskap 2", "Samhällskunskap 1b/1a1+1a2"}, false},
		{"yrkeshögskola with specific courses",
			"<p>Grundläggande behörighet för yrkeshögskoleutbildning: gymnasieexamen eller motsvarande kunskaper, eller förutsättningar att tillgodogöra dig utbildningen genom arbetslivserfarenhet. Särskilda förkunskaper: Engelska 5 och Matematik 1a/1b/1c.</p>",
			[]string{"Svenska 1–3 / Svenska som andraspråk 1–3", "Engelska 5–6", "Matematik 1a/1b/1c", "Engelska 5"}, false},
		{"alternatives across subjects", "Svenska 2 / Svenska som andraspråk 2",
			[]string{"Svenska 2 / Svenska som andraspråk 2"}, false},
		{"a degree", "Kandidatexamen om 180 hp inom huvudområdet samt Engelska 6.", []string{"Engelska 6"}, true},
		{"credits in the main field", "Grundläggande behörighet samt 15 hp inom huvudområdet.",
			[]string{"Svenska 1–3 / Svenska som andraspråk 1–3", "Engelska 5–6", "Matematik 1a/1b/1c"}, true},
		{"labour-market training", "Du ska vara inskriven som arbetssökande hos Arbetsförmedlingen och ha anvisats till utbildningen.", nil, false},
		{"komvux says what it needs in words", "Du ska vara bosatt i Östersunds kommun och ha fyllt 20 år, eller ha avslutat gymnasieskolan. Du får inte redan ha betyg i kursen.", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := ParseEligibility(tc.text)
			var got []string
			for _, r := range n.Requirements {
				got = append(got, r.Label)
			}
			if !slices.Equal(got, tc.labels) || n.Higher != tc.higher {
				t.Errorf("ParseEligibility(%q) = %q, higher %v; want %q, higher %v", tc.text, got, n.Higher, tc.labels, tc.higher)
			}
		})
	}
	r := ParseEligibility("Samhällskunskap 1b/1a1+1a2").Requirements[0]
	if want := []string{"Samhällskunskap 1b", "Samhällskunskap 1a1", "Samhällskunskap 1a2"}; !slices.Equal(r.Courses, want) {
		t.Errorf("courses of %q = %q, want %q", r.Label, r.Courses, want)
	}
}

func TestMeets(t *testing.T) {
	tests := []struct {
		title string
		names []string
		want  bool
	}{
		{"Matematik 2a", []string{"Matematik 2a", "Matematik 2b"}, true},
		{"Matematik 2a, distans", []string{"Matematik 2a"}, true},
		{"Svenska som andraspråk 1", []string{"Svenska 1"}, false},
		{"Matematik 1a", []string{"Matematik 1"}, false},
		{"Engelska 6", []string{"Engelska 5"}, false},
		{"Svenska 1 för yrkesförare", []string{"Svenska 1"}, false},
	}
	for _, tc := range tests {
		if got := meets(tc.title, tc.names); got != tc.want {
			t.Errorf("meets(%q, %q) = %v, want %v", tc.title, tc.names, got, tc.want)
		}
	}
}
