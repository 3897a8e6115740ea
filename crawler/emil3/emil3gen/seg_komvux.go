package emil3gen

import (
	"time"

	"kurskatalog/crawler/emil3"
)

// contractors are the distance schools many municipalities buy komvux
// courses from; the event's KVEventExtension names them.
var contractors = []string{"Hermods AB", "NTI Vuxenutbildning", "Lernia Utbildning AB", "Folkuniversitetet"}

// komvuxDef is the (cached) komvux provider of m.
func (g *gen) komvuxDef(m *muni) *providerDef {
	if d, ok := g.komvuxDefs[m.Code]; ok {
		return d
	}
	d := komvuxProvider(m)
	g.komvuxDefs[m.Code] = d
	return d
}

// komvux emits a municipal adult education event in m.
func (g *gen) komvux(m *muni, school string, c *course) {
	prov := g.komvuxDef(m)
	t := m.seat()
	if len(m.Towns) > 1 && g.chance(0.2) {
		t = m.Towns[1+g.r.IntN(len(m.Towns)-1)]
	}
	p := &plan{school: school, c: c, prov: prov,
		infoID: "i.vux." + m.Code + "." + asciiSlug(c.Code),
		url:    prov.URL + "/" + asciiSlug(c.Title),
		html:   g.chance(0.25),
	}
	street := ""
	if t.Name == m.seat().Name {
		street = prov.Street
	}
	p.where = g.at(t, m.Code, street, "Lärcentrum "+t.Name)
	pkg := c.config() == "kurspaket"
	if !pkg && g.chance(0.25) {
		p.distance = g.sessions(g.between(0, 2), t.Name)
		if g.chance(0.4) {
			p.ext = &emil3.EventExtension{Type: "KVEventExtension", ID: "0", Contractor: oneOf(g, contractors...)}
		}
	}

	switch x := g.r.Float64(); {
	case pkg || school == "VUXGY" && x < 0.55 || x < 0.35:
		p.cond = "1"
		s := g.pickSlot(komvuxSlots)
		p.start, p.first, p.last = day(s.Start), s.First, s.Last
	case x < 0.8:
		p.cond = "2"
		p.continuous = true
		g.rolling(p)
	default:
		p.cond = "3"
		p.continuous = true
		g.rolling(p)
	}

	switch x := g.r.Float64(); {
	case pkg || school == "VUXSFI" && x < 0.5:
		p.pace = 100
	case x < 0.35:
		p.pace = 50
	case x < 0.65:
		p.pace = 100
	case x < 0.75:
		p.pace = 75
	case x < 0.9:
		p.pace = 25
	}
	if !p.start.IsZero() {
		w := 10
		if c.Credits > 0 && p.pace > 0 {
			w = int(c.Credits / 20 * 100 / float64(p.pace)) // 20 points a week is full time
		}
		p.end = weeks(p.start, w)
	}
	p.tos = oneOfWeighted(g, []string{"dag", "kväll", "blandat", ""}, []float64{55, 20, 15, 10})
	if p.distance != nil && p.tos == "dag" && g.chance(0.5) {
		p.tos = "blandat"
	}
	p.places = g.between(10, 32)
	if pkg {
		p.apprentice = g.chance(0.2)
		p.places = g.between(12, 24)
	}
	if g.chance(0.5) {
		p.appURL = "www." + m.Domain + "/komvux/ansok"
	}
	p.eventID = "e.vux." + m.Code + "." + asciiSlug(c.Code) + "." + startKey(p)
	g.emit(p)
}

// coreCourses is how many rows at the head of vuxGY every komvux offers
// (Swedish, English, mathematics and the other core subjects).
const coreCourses = 27

// offered draws a course m's komvux gives: Östersund gives all of them, the
// smaller municipalities the core and a quarter of the vocational ones,
// which makes their courses recur with several starts.
func (g *gen) offered(m *muni, table []course) *course {
	for {
		i := g.r.IntN(len(table))
		if m.Code == "2380" || i < coreCourses || (i+int(m.Code[3]))%4 == 0 {
			return &table[i]
		}
	}
}

// rolling sets the availability period of a rolling-start event: the term
// it can be started in, or, for some, no dates at all.
func (g *gen) rolling(p *plan) {
	if g.chance(0.3) {
		return
	}
	if g.chance(0.5) {
		p.start, p.end = day("2026-08-17"), day("2027-06-18")
	} else {
		p.start, p.end = day("2027-01-11"), day("2027-12-17")
	}
	p.first = "2026-06-01"
}

// startKey is the part of an event id that tells starts apart.
func startKey(p *plan) string {
	if p.start.IsZero() {
		return "lop"
	}
	return p.start.Format("0601")
}

// anpassad emits anpassad utbildning (VUXGRAN, VUXGYAN), which only the
// larger municipalities run.
func (g *gen) anpassad() {
	var m *muni
	if g.cfg.National {
		m = g.local.pick(g.r)
	} else {
		m = countyMuni(oneOfWeighted(g, []string{"2380", "2313", "2309", "2361"}, []float64{60, 15, 15, 10}))
	}
	row := pick(g, vuxAnpassad)
	g.komvux(m, row.School, &row.course)
}

// distanceKomvux emits gymnasial courses of national distance schools,
// located at their head office and open to learners anywhere.
func (g *gen) distanceKomvux() {
	prov := oneOf(g, hermods, nti)
	c := pick(g, vuxGY)
	t := townIn(prov.Muni)
	p := &plan{school: "VUXGY", c: c, prov: prov,
		infoID: "i.vux." + prov.ID[len("p.vux."):] + "." + asciiSlug(c.Code),
		url:    prov.URL + "/kurser/" + asciiSlug(c.Title),
		where:  g.at(t, prov.Muni, prov.Street, ""),
		cond:   "2", continuous: true, pace: oneOf(g, 25, 50, 100),
		distance: g.sessions(0, t.Name), html: g.chance(0.5), places: 500,
	}
	p.start = day("2026-11-23").AddDate(0, 0, 7*g.r.IntN(40))
	p.end = weeks(p.start, int(p.c.Credits/20*100/float64(p.pace)))
	p.eventID = "e.vux." + prov.ID[len("p.vux."):] + "." + asciiSlug(c.Code) + "." + startKey(p)
	g.emit(p)
}

// oneOfWeighted draws a value by weight.
func oneOfWeighted[T any](g *gen, vs []T, ws []float64) T {
	total := 0.0
	for _, w := range ws {
		total += w
	}
	x := g.r.Float64() * total
	for i, w := range ws {
		x -= w
		if x < 0 {
			return vs[i]
		}
	}
	return vs[len(vs)-1]
}

// mondayBetween draws a Monday in [from, to].
func (g *gen) mondayBetween(from, to string) time.Time {
	a, b := day(from), day(to)
	for a.Weekday() != time.Monday {
		a = a.AddDate(0, 0, 1)
	}
	n := int(b.Sub(a).Hours()/24/7) + 1
	return a.AddDate(0, 0, 7*g.r.IntN(max(n, 1)))
}
