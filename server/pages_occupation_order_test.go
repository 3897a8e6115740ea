package server_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// The occupation page lists the educations that lead to the occupation
// before the single courses that count towards it, each part by start,
// and leaves out what can no longer be started or applied to. The shape
// is /yrke/5321 on the bundled data: komvux's Etik and Gerontologi start
// before the assistant-nurse package.
func TestOccupationPageListsProgrammesFirst(t *testing.T) {
	prov := catalog.Provider{ID: "p.vux", Name: "Komvux Östersund"}
	mk := func(id, title, schoolType, configuration string, start, last [3]int) catalog.Offering {
		o := catalog.Offering{ID: id, Title: title, Provider: prov, SchoolType: schoolType, Configuration: configuration,
			Mode: catalog.ModeOnsite, Municipalities: []string{"2380"}, Pace: 100,
			Occupations: []catalog.OccupationMatch{{SSYK: "5321", Reason: "title rule 'undersköterska'"}},
			Provenance:  catalog.Provenance{Source: "susa-navet"}}
		o.Start = pagesDay(start[0], time.Month(start[1]), start[2])
		o.ApplicationLast = pagesDay(last[0], time.Month(last[1]), last[2])
		return o
	}
	etik := mk("e.etik", "Etik och människans livsvillkor", "VUXGY", "kurs", [3]int{2026, 12, 7}, [3]int{2026, 11, 30})
	gero := mk("e.gero", "Gerontologi och geriatrik", "VUXGY", "kurs", [3]int{2027, 1, 11}, [3]int{2026, 12, 1})
	gero2 := mk("e.gero.2", "Gerontologi och geriatrik", "VUXGY", "kurs", [3]int{2027, 8, 16}, [3]int{2027, 6, 1})
	pkg := mk("e.pkg", "Vård- och omsorgsutbildning – undersköterska", "VUXGY", "kurspaket", [3]int{2027, 3, 22}, [3]int{2027, 2, 14})
	aub := mk("e.aub", "Undersköterska (arbetsmarknadsutbildning)", "AUB", "kurs", [3]int{2027, 1, 18}, [3]int{2027, 1, 4})
	planned := mk("e.planned", "Undersköterska", "VUXGY", "", [3]int{2027, 8, 16}, [3]int{2027, 5, 15})
	planned.Credits, planned.CreditSystem = 1500, "gy"
	closed := mk("e.closed", "Undersköterska, ansökan stängd", "VUXGY", "kurspaket", [3]int{2026, 12, 14}, [3]int{2026, 11, 1})
	closedRolling := mk("e.closed.rolling", "Medicin 1, ansökan stängd", "VUXGY", "kurs", [3]int{2026, 8, 17}, [3]int{2026, 11, 20})
	closedRolling.RollingStart = true
	srv := newCoverageServerWith(t, []catalog.Offering{etik, gero, gero2, pkg, aub, planned, closed, closedRolling})

	for _, path := range []string{"/yrke/5321", "/yrke/5321?municipality=2380", "/yrke/5321?lang=en"} {
		t.Run(path, func(t *testing.T) {
			body := getPage(t, srv, path).body
			i := strings.Index(body, `id="reach-`)
			j := strings.Index(body[i:], "</section>")
			group := body[i : i+j] // the first group: on site
			var got []string
			for _, m := range regexp.MustCompile(`<h4 class="reach-part">([^<]+)</h4>|href="/kurs/([^"?]+)`).FindAllStringSubmatch(group, -1) {
				if m[1] != "" {
					got = append(got, "# "+m[1])
				} else if !slices.Contains(got, m[2]) {
					got = append(got, m[2])
				}
			}
			// Gerontologi starts twice: one card, two intakes.
			want := []string{"# Hela utbildningar mot yrket", "e.aub", "e.pkg", "e.planned", "# Enstaka kurser", "e.etik", "e.gero", "e.gero.2"}
			if strings.Contains(path, "lang=en") {
				want[0], want[4] = "# Full programmes for the occupation", "# Single courses"
			}
			if !slices.Equal(got, want) {
				t.Errorf("on site:\n got %q\nwant %q", got, want)
			}
			if n := strings.Count(group, `class="result-card"`); n != 5 {
				t.Errorf("on site: %d cards, want one per course (5)", n)
			}
			for _, hidden := range []string{"e.closed", "e.closed.rolling"} {
				if strings.Contains(body, `href="/kurs/`+hidden+`"`) {
					t.Errorf("lists %s, whose application has closed", hidden)
				}
			}
		})
	}
}
