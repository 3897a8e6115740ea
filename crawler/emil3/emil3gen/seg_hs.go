package emil3gen

import (
	"strings"

	"kurskatalog/crawler/emil3"
)

// campusNames are the study locations of university towns.
var campusNames = map[string]string{
	"2380": "Campus Östersund", "2281": "Campus Sundsvall", "2480": "Campus Umeå", "2580": "Campus Luleå",
	"0780": "Campus Växjö", "0880": "Campus Kalmar", "2080": "Campus Falun", "2081": "Campus Borlänge",
}

// hs emits a university course or programme start of prov, held in (or
// given at a distance from) the municipality areaCode.
func (g *gen) hs(prov *providerDef, c *course, areaCode string, distance bool) {
	key := strings.TrimPrefix(prov.ID, "p.uoh.")
	t := townIn(areaCode)
	program := c.config() == "program"
	slots := hsSlots
	if program {
		slots = hsSlots[5:6] // programmes start in the autumn
		if c.Code == "VSJKG" || g.chance(0.3) {
			slots = []slot{hsSlots[0], hsSlots[2], hsSlots[5]}
		}
	}
	s := g.pickSlot(slots)
	g.round += 1 + g.r.IntN(40)
	round := itoa(g.round)
	term := termCode(day(s.Start))
	// One info per course, shared by all its rounds: the course is the
	// info, the round (kurstillfälle) the event.
	p := &plan{school: "HS", c: c, prov: prov,
		infoID:  "i.uoh." + key + "." + strings.ToLower(asciiSlug(c.Code)),
		eventID: "e.uoh." + key + "." + strings.ToLower(asciiSlug(c.Code)) + "." + round + "." + term,
		url:     prov.URL + "/utbildning/" + strings.ToLower(asciiSlug(c.Code)),
		cond:    "1", start: day(s.Start), first: s.First, last: s.Last,
		appCode: strings.ToUpper(key[:min(3, len(key))]) + "-" + round,
		appURL:  oneOfWeighted(g, []string{"https://www.antagning.se", "www.antagning.se"}, []float64{9, 1}),
		html:    g.chance(0.4),
	}
	if c.Lang == "eng" {
		p.langs = []string{"eng"}
		p.appURL = "https://www.universityadmissions.se"
		p.fee = oneOf(g, 45000, 60000, 75000) * int(c.Credits) / 30
		p.feeCond = "Studieavgift för studenter utanför EU/EES och Schweiz."
	}
	p.where = g.at(t, areaCode, streetOf(prov, areaCode), campusNames[areaCode])

	p.pace = c.Pace
	if p.pace == 0 {
		p.pace = g.hsPace(c.Credits, s.Start)
	}
	p.end = weeks(p.start, int(c.Credits/1.5*100/float64(p.pace)+0.5)) // 1.5 hp a week is full time
	itd := false
	if distance {
		n := oneOfWeighted(g, []int{0, 1, 2, 3}, []float64{50, 20, 20, 10})
		p.distance = g.sessions(n, t.Name)
		itd = n == 0
		p.tos = oneOfWeighted(g, []string{"blandat", "", "dag", "kväll"}, []float64{40, 35, 15, 10})
	} else {
		p.tos = oneOfWeighted(g, []string{"dag", "kväll"}, []float64{85, 15})
	}
	p.places = 5 * g.between(8, 30)
	if program {
		p.places = 5 * g.between(8, 18)
	}
	p.ext = &emil3.EventExtension{Type: "UHEventExtension", ID: "0", ITDistance: ptr(itd)}
	g.emit(p)
}

// hsPace draws a pace that fits the course size.
func (g *gen) hsPace(hp float64, start string) int {
	switch {
	case start == "2027-06-07":
		return oneOf(g, 50, 100)
	case hp <= 7.5:
		return oneOfWeighted(g, []int{50, 25, 100}, []float64{45, 20, 35})
	case hp <= 15:
		return oneOfWeighted(g, []int{50, 100}, []float64{55, 45})
	}
	return oneOfWeighted(g, []int{100, 50}, []float64{60, 40})
}

// otherUniversity emits a distance course of a university outside the
// county.
func (g *gen) otherUniversity() {
	u := universities[g.r.IntN(len(universities))]
	g.hs(u, pick(g, otherHS[u.ID]), u.Muni, true)
}

// nationalUniversity emits a university start anywhere for national data
// sets: a named university at its home campus, on site or at a distance.
func (g *gen) nationalUniversity() {
	all := []*providerDef{miun, umu, ltu, lnu, du}
	u := all[g.r.IntN(len(all))]
	var c *course
	if u == miun {
		c = pick(g, miunCourses)
	} else {
		c = pick(g, otherHS[u.ID])
	}
	g.hs(u, c, u.Muni, g.chance(0.5))
}
