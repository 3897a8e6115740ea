package server

import "testing"

func TestReasonText(t *testing.T) {
	for _, tc := range []struct {
		name, reason, lang, want string
	}{
		{"feed code", "AUB_Subject 8332", "sv", "yrkeskoden 8332 i utbildningens uppgifter"},
		{"title", "title rule 'undersköterska'", "en", "the title contains “undersköterska”"},
		{"keyword", "keyword rule 'svetsare'", "sv", "nyckelordet ”svetsare”"},
		{"education field, filed elsewhere", "SUN 723o -> 5322 (filed under 5321)", "sv",
			"utbildningsinriktningen 723o (SUN 2020), redovisas under 5321"},
		{"several", "AUB_Subject 5321; title rule 'vård'", "en",
			"occupation code 5321 in the course data; the title contains “vård”"},
		{"unknown shape kept", "manual review", "sv", "manual review"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := reasonText(tc.reason, tc.lang); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCompareSwedish(t *testing.T) {
	got := countyByName()
	want := []string{"2326", "2305", "2361", "2309", "2303", "2313", "2321", "2380"} // Berg ... Åre, Östersund
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("county by name %v, want %v", got, want)
		}
	}
}
