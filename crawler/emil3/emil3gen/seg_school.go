package emil3gen

import (
	"strings"
	"time"
)

// fhs emits a folk high school course.
func (g *gen) fhs() {
	c := pick(g, fhsCourses)
	prov := c.Prov
	if m := g.local.pick(g.r); g.nationalLocal(m) {
		prov = g.localDef(localFHS(m))
	}
	g.school("FHS", c, prov)
}

// kku emits an art and culture course.
func (g *gen) kku() {
	c := pick(g, kkuCourses)
	prov := c.Prov
	if m := g.local.pick(g.r); g.nationalLocal(m) && !c.Distance {
		prov = g.localDef(localFHS(m))
	}
	g.school("KKU", c, prov)
}

// school emits a folk high school or art school course of prov.
func (g *gen) school(school string, c *course, prov *providerDef) {
	key := strings.TrimPrefix(prov.ID, "p.fhs.")
	t := providerTown(prov)
	p := &plan{school: school, c: c, prov: prov,
		infoID: "i.fhs." + key + "." + asciiSlug(c.Code),
		url:    prov.URL + "/kurser/" + asciiSlug(c.Title),
		where:  g.at(t, prov.Muni, prov.Street, prov.Name),
		cond:   "1", pace: 100, tos: "dag", places: c.Places,
		html: g.chance(0.35),
	}
	if c.Pace > 0 {
		p.pace = c.Pace
	}
	if c.Weeks <= 1 {
		p.start = day(oneOf(g, "2027-03-08", "2027-06-14", "2027-06-28", "2026-12-07"))
		p.end = p.start.AddDate(0, 0, 4)
		p.fee, p.feeCond = c.Fee, "Kursavgiften inkluderar kost och logi i dubbelrum."
		p.first, p.last = "2026-09-01", ymd(p.start.AddDate(0, 0, -21))
		p.appURL = prov.URL + "/anmalan"
	} else {
		s := g.pickSlot(fhsSlots)
		p.start, p.first, p.last = day(s.Start), s.First, s.Last
		p.end = termsEnd(p.start, c.Weeks*100/p.pace)
		p.appURL = "https://www.schoolsoft.se/ansokan"
		if g.chance(0.4) {
			p.continuous = true // "sen anmälan" while places last
		}
	}
	if c.Distance {
		p.distance = g.sessions(oneOf(g, 2, 3, 4), t.Name)
		p.tos = oneOf(g, "blandat", "")
	}
	if school == "KKU" && g.chance(0.5) {
		p.fee, p.feeCond = 3500, "Materialavgift per termin."
	}
	p.eventID = "e.fhs." + key + "." + asciiSlug(c.Code) + "." + termCode(p.start)
	g.emit(p)
}

// termsEnd is the end of a folk high school course of n weeks from start:
// it runs whole terms of about 17 weeks, autumn to 18 December and spring
// to 11 June.
func termsEnd(start time.Time, n int) time.Time {
	end := start
	for terms := (n + 16) / 17; terms > 0; terms-- {
		if end.Month() >= time.July {
			end = time.Date(end.Year(), time.December, 18, 0, 0, 0, 0, time.UTC)
		} else {
			end = time.Date(end.Year(), time.June, 11, 0, 0, 0, 0, time.UTC)
		}
		end = end.AddDate(0, 0, 30) // into the next term
	}
	return end.AddDate(0, 0, -30)
}
