package emil3gen

import (
	"time"

	"kurskatalog/crawler/emil3"
)

// plan is one event as a segment decided it; emit turns it into wire
// records. Zero values mean "not sent".
type plan struct {
	school  string // C_SchoolType
	c       *course
	prov    *providerDef
	infoID  string
	eventID string // made unique by emit

	where    *emil3.Address
	distance *emil3.Distance

	cond       string // C_ExecutionCondition
	start, end time.Time
	pace       int
	tos        string // C_TimeOfStudy
	places     int
	first      string
	last       string
	continuous bool
	appCode    string
	appURL     string
	langs      []string
	apprentice bool
	fee        int
	feeCond    string
	ext        *emil3.EventExtension
	url        string
	html       bool // description as HTML
}

// at is the location of an event in town t of municipality code. Like
// real records, only some carry coordinates and a named study location.
func (g *gen) at(t town, code, street, studyLocation string) *emil3.Address {
	a := &emil3.Address{StreetAddress: street, PostalCode: t.Postal, Town: t.Name, AreaCode: code}
	if g.chance(0.6) {
		a.Country = "SE"
	}
	if t.Lat != 0 && g.chance(0.4) {
		a.WGS84 = ftoa(t.Lat) + "," + ftoa(t.Lon)
	}
	if studyLocation != "" && g.chance(0.4) {
		a.StudyLocation = sv(studyLocation)
	}
	return a
}

// sessions is a distance element with n mandatory meetings in town.
func (g *gen) sessions(n int, town string) *emil3.Distance {
	d := &emil3.Distance{NoOfMandatorySessions: emil3.Num(float64(n))}
	if g.chance(0.4) {
		d.NoOfOptionalSessions = emil3.Num(float64(g.between(0, 3)))
	}
	if g.chance(0.3) {
		d.NoOfMandatoryRemoteSessions = emil3.Num(float64(g.between(2, 8)))
	}
	switch {
	case n == 0:
		d.Description = sv("Utbildningen ges helt på distans via lärplattform; inga obligatoriska träffar.")
	case n == 1:
		d.Description = sv("En obligatorisk träff i " + town + ", i övrigt studier via lärplattform.")
	default:
		d.Description = sv(numberWord(n) + " obligatoriska träffar i " + town + ", i övrigt studier via lärplattform.")
	}
	return d
}

// emit writes the event of p, adding its info and provider on first use.
func (g *gen) emit(p *plan) *emil3.Event {
	provID := g.provider(p.prov)
	g.info(p)
	id := p.eventID
	for n := 2; g.eventSeen[id]; n++ {
		id = p.eventID + "-" + itoa(n)
	}
	g.eventSeen[id] = true

	title := p.c.Title
	ev := &emil3.Event{
		Identifier: id,
		Education:  p.infoID,
		Providers:  []string{provID},
		LastEdited: g.lastEdited(),
		Title:      svEn(title, engTitle(p.c)),
		URL:        link(p.url),
		Keywords:   g.keywords(p),
	}
	if p.c.Lang == "eng" {
		ev.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "eng", Value: p.c.Eng}, {Lang: "swe", Value: p.c.Title}}}
	}
	// Many events leave the course text to their info.
	if p.c.About == "" || g.chance(0.8) {
		ev.Description = g.description(p, title)
	}
	if p.where != nil {
		ev.Locations = []emil3.Address{*p.where}
	}
	ev.LanguageOfInstructions = p.langs
	if ev.LanguageOfInstructions == nil {
		ev.LanguageOfInstructions = []string{"swe"}
	}
	ex := &emil3.Execution{Condition: code("C_ExecutionCondition", p.cond)}
	if !p.start.IsZero() {
		ex.Start = ymd(p.start)
	}
	if !p.end.IsZero() {
		ex.End = ymd(p.end)
	}
	ev.Execution = ex
	ev.Expires = g.expires(p)
	if g.chance(0.6) {
		ev.IsCancelled = ptr(false) // many records send the default
	}
	if p.places > 0 {
		ev.Places = emil3.Num(float64(p.places))
	}
	if p.tos != "" {
		ev.TimeOfStudy = code("C_TimeOfStudy", p.tos)
	}
	if p.pace > 0 {
		ev.PaceOfStudy = &emil3.PaceOfStudy{Percentage: emil3.Num(float64(p.pace))}
	}
	if p.apprentice {
		ev.IsApprenticeship = ptr(true)
	}
	ev.Distance = p.distance
	if p.first != "" || p.last != "" || p.continuous || p.appURL != "" {
		a := &emil3.Application{Code: p.appCode, First: p.first, Last: p.last}
		if p.continuous {
			a.Continuous = ptr(true)
		} else if p.first != "" {
			a.Continuous = ptr(false)
		}
		if p.appURL != "" {
			a.URL = link(p.appURL)
		}
		ev.Application = a
	}
	ev.Fees = g.eventFees(id, p)
	if p.ext != nil {
		ev.Extensions = []emil3.EventExtension{*p.ext}
	}
	g.ds.Events = append(g.ds.Events, emil3.EventEntry{ID: id, Status: emil3.StatusActive, Content: ev})
	return ev
}

// expires is when the event leaves the feed: some months after its end,
// or at the end of the planning period for open-ended rolling starts.
func (g *gen) expires(p *plan) string {
	switch {
	case !p.end.IsZero():
		return midnight(p.end.AddDate(0, g.between(1, 3), 0))
	case !p.start.IsZero():
		return midnight(p.start.AddDate(0, 6, 0))
	}
	return "2027-12-31T00:00:00"
}

// engTitle is the English title sent next to the Swedish one.
func engTitle(c *course) string {
	if c.Lang == "eng" {
		return ""
	}
	return c.Eng
}
