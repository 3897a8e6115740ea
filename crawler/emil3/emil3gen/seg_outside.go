package emil3gen

import (
	"kurskatalog/crawler/emil3"
)

// outside emits on-site events elsewhere in Sweden (and one in Norway):
// in the feed, out of the region's scope.
func (g *gen) outside() {
	switch x := g.r.Float64(); {
	case x < 0.2:
		u := oneOf(g, umu, ltu)
		g.hs(u, pick(g, campusCourses[u.ID]), u.Muni, false)
	case x < 0.3:
		g.hs(miun, pick(g, miunSundsvall), "2281", false)
	case x < 0.8:
		m := &muni{Code: "2281"}
		code := oneOfWeighted(g, []string{"2281", "2280", "2260", "2161"}, []float64{50, 20, 15, 15})
		for _, n := range nationalMunis() {
			if n.Code == code {
				m = &n
				break
			}
		}
		m.Towns = []town{townIn(code)}
		if code == "2281" {
			m.Domain, m.Phone = "sundsvall.se", "060-19 10 00"
		}
		school, tbl := "VUXGY", vuxGY
		if g.chance(0.15) {
			school, tbl = "VUXSFI", vuxSFI
		}
		g.komvux(m, school, pick(g, tbl))
	case x < 0.97:
		g.stfAt(pick(g, stfCourses), &muni{Code: "2281", Name: "Sundsvall", Towns: []town{townIn("2281")}})
	case !g.norwayDone:
		g.norwayDone = true
		g.norway()
	default:
		g.hs(miun, pick(g, miunSundsvall), "2281", false)
	}
}

// norway is a Hålland mountain course held across the border: a location
// with a country but no Swedish area code.
func (g *gen) norway() {
	c := &course{Code: "FJNO", Title: "Fjällkurs i Trollheimen", Weeks: 1, SUN: "812z", Places: 12, Fee: 7900,
		Keys: "fjäll, norge, vandring", About: "En veckas fjällvandring i Trollheimen i Norge med guide från Hålland."}
	p := &plan{school: "FHS", c: c, prov: halland, infoID: "i.fhs.halland.fjno", eventID: "e.fhs.halland.fjno.20271",
		url: halland.URL + "/kurser/trollheimen", where: &emil3.Address{Town: "Oppdal", Country: "NO"},
		cond: "1", start: day("2027-07-05"), end: day("2027-07-09"), pace: 100, tos: "blandat", places: 12,
		fee: c.Fee, feeCond: "Inklusive boende i fjällstuga och guidning.", first: "2027-01-15", last: "2027-05-31"}
	g.emit(p)
}
