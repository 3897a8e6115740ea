package emil3gen

import (
	"strings"

	"kurskatalog/crawler/emil3"
)

// wireQuirk is how an event's values are spelled on the wire when the feed
// deviates from the specification's types.
type wireQuirk struct {
	PaceString   bool // paceOfStudy.percentage as "100.0"
	PlacesString bool // places as "25"
	CondNumber   bool // execution.condition.code as a number
	KeywordsList bool // keywords as an array of LangStrings, as the spec has it
}

// unsafeHTML are descriptions an importer must sanitise before rendering.
var unsafeHTML = []string{
	`<p>Välkommen till kursen!</p><script>alert('xss')</script><p>Anmäl dig i dag.</p>`,
	`<p onclick="alert(1)">Klicka här för mer information om kursen.</p>`,
	`<p>Läs mer i <a href="javascript:alert(document.cookie)">kursplanen</a>.</p>`,
	`<p>Kursen ger grundläggande kunskaper.</p><img src="x" onerror="alert(1)">`,
	`<p style="color:red">Sista chansen att söka!</p><iframe src="https://example.invalid/"></iframe>`,
}

// quirks gives the data the problems real feeds have. It runs before the
// entries are sorted, on events in the order they were made.
func (g *gen) quirks() {
	evs := g.ds.Events
	n := len(evs)
	if n == 0 {
		return
	}
	used := map[int]bool{}
	// draw picks an unused active event satisfying ok; -1 when none is found.
	draw := func(ok func(*emil3.Event) bool) int {
		for range 200 {
			i := g.r.IntN(n)
			if !used[i] && evs[i].Content != nil && (ok == nil || ok(evs[i].Content)) {
				used[i] = true
				return i
			}
		}
		return -1
	}
	count := func(pct float64, least int) int { return max(least, int(float64(n)*pct)) }
	local := func(e *emil3.Event) bool {
		return len(e.Locations) > 0 && inCounty(e.Locations[0].AreaCode) && strings.HasPrefix(e.Identifier, "e.vux.")
	}

	// Malformed records an importer must skip and count.
	if i := draw(local); i >= 0 {
		evs[i].Content.Education = ""
		g.ds.Malformed = append(g.ds.Malformed, evs[i].ID)
	}
	if i := draw(local); i >= 0 {
		evs[i].Content.Execution = nil
		g.ds.Malformed = append(g.ds.Malformed, evs[i].ID)
	}
	if i := draw(local); i >= 0 {
		evs[i].Content.Execution.Start = "2027-13-45"
		g.ds.Malformed = append(g.ds.Malformed, evs[i].ID)
	}

	// Removed resources: a status other than ACTIVE and no content.
	for range count(0.01, 1) {
		if i := draw(nil); i >= 0 {
			evs[i].Status = oneOfWeighted(g, []string{"DELETED", "INACTIVE"}, []float64{85, 15})
			evs[i].Content = nil
		}
	}
	for range count(0.01, 1) {
		if i := draw(nil); i >= 0 {
			evs[i].Content.IsCancelled = ptr(true)
		}
	}
	for range count(0.01, 1) {
		if i := draw(nil); i >= 0 {
			evs[i].Content.Description = nil
		}
	}
	for range count(0.01, 1) {
		if i := draw(nil); i >= 0 {
			evs[i].Content.PaceOfStudy = nil
		}
	}
	for range count(0.01, 1) {
		if i := draw(nil); i >= 0 {
			evs[i].Content.TimeOfStudy = nil
		}
	}
	for range count(0.001, 2) {
		if i := draw(func(e *emil3.Event) bool { return e.TimeOfStudy != nil }); i >= 0 {
			evs[i].Content.TimeOfStudy = code("C_TimeOfStudy", "flexibel")
		}
	}
	for range count(0.04, 1) {
		if i := draw(func(e *emil3.Event) bool { return e.Execution.Start != "" }); i >= 0 {
			ex := evs[i].Content.Execution
			ex.Start += "T00:00:00"
			if ex.End != "" {
				ex.End += "T00:00:00"
			}
			if a := evs[i].Content.Application; a != nil && a.Last != "" {
				a.Last += "T23:59:59"
			}
		}
	}
	for range count(0.03, 1) {
		if i := draw(func(e *emil3.Event) bool {
			return e.Application != nil && e.Application.Continuous != nil && *e.Application.Continuous
		}); i >= 0 {
			evs[i].Content.Application.Last = "2099-12-31"
		}
	}
	for k := range count(0.003, len(unsafeHTML)) {
		if i := draw(local); i >= 0 {
			evs[i].Content.Description = html(unsafeHTML[k%len(unsafeHTML)])
		}
	}
	for range count(0.001, 2) {
		if i := draw(nil); i >= 0 {
			t := evs[i].Content.Title
			t.Strings[0].Value = "  " + t.Strings[0].Value + " "
		}
	}

	// Representation quirks: same values, other JSON types.
	for i, e := range evs {
		if e.Content == nil {
			continue
		}
		var q wireQuirk
		q.PaceString = e.Content.PaceOfStudy != nil && g.chance(0.03)
		q.PlacesString = e.Content.Places != nil && g.chance(0.01)
		q.CondNumber = e.Content.Execution != nil && g.chance(0.02)
		q.KeywordsList = len(e.Content.Keywords) > 0 && g.chance(0.05)
		if q != (wireQuirk{}) {
			g.ds.wire[evs[i].ID] = q
		}
	}

	// Removed infos and a removed provider that no event refers to any more.
	g.ds.Infos = append(g.ds.Infos,
		emil3.InfoEntry{ID: "i.vux.2380.matmat01c", Status: "DELETED"},
		emil3.InfoEntry{ID: "i.uoh.miun.tu011g", Status: "DELETED"})
	g.ds.Providers = append(g.ds.Providers, emil3.ProviderEntry{ID: "p.sv.68897966", Status: "INACTIVE"})
}
