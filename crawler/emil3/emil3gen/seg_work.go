package emil3gen

import (
	"strings"
)

// yhWeights make granted programmes three times as likely as the others.
var yhWeights = func() []float64 {
	w := make([]float64, len(yhRows))
	for i, r := range yhRows {
		w[i] = 1
		if r.Granted {
			w[i] = 3
		}
	}
	return w
}()

// yh emits an intake of a YH programme.
func (g *gen) yh() {
	row := oneOfWeighted(g, yhRows, yhWeights)
	c := &row.course
	prov := c.Prov
	areaCode := c.Muni
	if m := g.local.pick(g.r); g.nationalLocal(m) {
		prov = g.localDef(&providerDef{ID: "p.myh.9" + m.Code, Name: "Yrkeshögskolan " + m.Name, Body: "kommunal",
			URL: "www." + m.Domain + "/yh", Email: "yh@" + m.Domain, Phone: m.Phone, Street: "Kunskapsgatan 1", Muni: m.Code})
		areaCode = m.Code
	}
	t := townIn(areaCode)
	s := g.pickSlot(yhSlots)
	p := &plan{school: "YH", c: c, prov: prov,
		infoID:  "i.myh." + itoa(row.Num),
		eventID: "e.myh." + itoa(g.next()-70000),
		url:     prov.URL + "/utbildningar/" + asciiSlug(c.Title),
		where:   g.at(t, areaCode, streetOf(prov, areaCode), ""),
		cond:    "1", start: day(s.Start), first: s.First, last: s.Last,
		pace: c.Pace, places: c.Places, tos: "dag",
		appURL: prov.URL + "/ansok",
		html:   g.chance(0.5),
	}
	if p.infoID != "" && g.nationalLocal(&muni{Code: areaCode}) {
		p.infoID += "." + areaCode
	}
	p.end = weeks(p.start, int(c.Credits/5*100/float64(c.Pace))) // 5 YH points a week is full time
	if c.Distance {
		p.distance = g.sessions(g.between(2, 4), t.Name)
		p.tos = oneOf(g, "blandat", "dag")
	}
	g.emit(p)
}

// aubProviders run labour-market training in the county.
var aubProviders = []*providerDef{lernia, yrkesakademin, hermodsAUB}

// aub emits a labour-market training course: rolling intake decided by the
// provider, no application window (learners are referred).
func (g *gen) aub() {
	// Each provider won the procurement of a third of the courses.
	k := g.r.IntN(len(aubCourses))
	c := &aubCourses[k]
	prov := aubProviders[k%len(aubProviders)]
	m := countyMuni("2380")
	if g.chance(0.3) || g.cfg.National {
		m = g.local.pick(g.r)
	}
	if g.nationalLocal(m) {
		prov = g.localDef(&providerDef{ID: "p.aub.lernia" + m.Code, Name: "Lernia " + m.Name, Body: "enskild",
			URL: "https://www.lernia.se", Email: "info@lernia.se", Phone: "0771-650 650", Street: "Industrigatan 2", Muni: m.Code})
	}
	key := strings.TrimPrefix(prov.ID, "p.aub.")
	t := m.seat()
	p := &plan{school: "AUB", c: c, prov: prov,
		infoID: "i.aub." + key + "." + asciiSlug(c.Title),
		url:    prov.URL + "/arbetsmarknadsutbildning/" + asciiSlug(c.Title),
		where:  g.at(t, m.Code, streetOf(prov, m.Code), ""),
		pace:   100, tos: "dag", places: g.between(6, 16),
		appURL: "https://arbetsformedlingen.se/for-arbetssokande/extra-stod/stod-a-o/arbetsmarknadsutbildning",
		html:   g.chance(0.3),
	}
	if g.chance(0.7) {
		p.cond, p.continuous = "3", true
	} else {
		p.cond = "1"
	}
	p.start = g.mondayBetween("2026-09-07", "2027-10-25")
	p.end = weeks(p.start, c.Weeks)
	p.eventID = "e.aub." + key + "." + itoa(g.next())
	g.emit(p)
}
