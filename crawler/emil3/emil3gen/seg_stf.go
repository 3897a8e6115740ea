package emil3gen

// stf emits a study association course in a town of the county (or of any
// municipality, nationally). They meet weekly, mostly in the evening.
func (g *gen) stf() {
	m := g.local.pick(g.r)
	k := g.r.IntN(len(stfDefs))
	// Each association has its own profile: a third of the course list.
	c := pick(g, stfCourses)
	for (c.Weeks+len(c.Title)+k)%3 != 0 {
		c = pick(g, stfCourses)
	}
	prov := stfProvider(k, m, g.cfg.National)
	if g.nationalLocal(m) {
		prov = g.localDef(prov)
	}
	t := m.Towns[g.r.IntN(len(m.Towns))]
	p := &plan{school: "STF", c: c, prov: prov,
		infoID: prov.ID + "." + asciiSlug(c.Title),
		url:    prov.URL + "/kurser/" + asciiSlug(t.Name),
		where:  g.at(t, m.Code, "", ""),
		cond:   "1", places: g.between(6, 15),
		tos:  oneOfWeighted(g, []string{"kväll", "veckoslut", "dag"}, []float64{70, 20, 10}),
		fee:  c.Fee,
		html: g.chance(0.2),
	}
	p.infoID = "i" + p.infoID[1:] // p.sv.N.x -> i.sv.N.x
	if p.fee > 0 {
		p.feeCond = oneOf(g, "Materialkostnad tillkommer.", "Inklusive studiematerial.", "Medlemsrabatt 10 %.")
	}
	switch x := g.r.Float64(); {
	case x < 0.2:
		p.start = g.mondayBetween("2026-09-07", "2026-11-16")
	case x < 0.3:
		p.start = g.mondayBetween("2026-11-23", "2026-12-14")
	case x < 0.7:
		p.start = g.mondayBetween("2027-01-11", "2027-03-15")
	default:
		p.start = g.mondayBetween("2027-08-30", "2027-10-11")
	}
	p.start = p.start.AddDate(0, 0, g.r.IntN(4)) // courses meet Monday to Thursday
	p.end = p.start.AddDate(0, 0, 7*(max(c.Weeks, 1)-1))
	if c.Weeks <= 1 {
		p.tos = "veckoslut"
	}
	if g.chance(0.3) {
		p.pace = 25
	}
	p.first, p.last = "2026-08-15", ymd(p.start.AddDate(0, 0, -3))
	if g.chance(0.5) {
		p.last = ""
	}
	p.eventID = "e" + prov.ID[1:] + "." + itoa(g.next())
	g.emit(p)
}

// stfAt emits a study association course in m (outside the county).
func (g *gen) stfAt(c *course, m *muni) {
	k := g.r.IntN(len(stfDefs))
	s := stfDefs[k]
	prov := g.localDef(&providerDef{ID: "p.sv." + s.Num + m.Code, Name: s.Name + " " + m.Name, Body: "annan",
		URL: "www." + s.Domain, Email: "info@" + s.Domain, Phone: "060-12 34 " + s.Num[6:], Street: "Storgatan 1", Muni: m.Code})
	start := g.mondayBetween("2027-01-11", "2027-03-15")
	p := &plan{school: "STF", c: c, prov: prov,
		infoID: "i" + prov.ID[1:] + "." + asciiSlug(c.Title), eventID: "e" + prov.ID[1:] + "." + itoa(g.next()),
		url: prov.URL + "/kurser", where: g.at(m.Towns[0], m.Code, "", ""), cond: "1", places: g.between(6, 15),
		tos: "kväll", start: start, end: start.AddDate(0, 0, 7*(max(c.Weeks, 1)-1)), fee: c.Fee, feeCond: "Materialkostnad tillkommer."}
	g.emit(p)
}
