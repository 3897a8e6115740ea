package server

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/frontend"
)

type offeringView struct {
	ID          string
	BackURL     string
	Title       string
	TitleLang   string
	TextLang    string
	SchoolType  string
	Where       string
	Provider    catalog.Provider
	PhoneLink   string
	HasContact  bool
	CourseURL   string
	ApplyURL    string
	Cancelled   bool
	Facts       []fact
	Decisions   []decision       // what it requires, costs, where it is, how to apply
	MoreURL     string           // the provider's page about the course, else the provider's site
	MoreText    string           // MoreURL's host, as a reader recognises it
	Occupations []occupationLink // the occupations it leads to
	Description template.HTML
	Related     []intakeItem
	Sources     []sourceView
	JSONLD      template.JS
}

// fact is one line of the offering's facts: a text, a date or both.
type fact struct {
	Label string
	Value string
	Date  time.Time
	Badge string
}

type sourceView struct {
	Name, URL                        string
	FirstSeen, LastSeen, LastChanged time.Time
}

func (s *Server) offeringPage(c *gin.Context) {
	lang, err := pageLang(c)
	p := basePage(c, lang, "")
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	ctx := c.Request.Context()
	o, err := s.Store.FindOfferingByID(ctx, c.Param("id"))
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	// The other intakes are the course's as a search groups them.
	related, err := s.Store.OfferingsByIDs(ctx, s.Index.Course(o.ID))
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	m := pages.Messages
	today := s.today()
	v := offeringView{ID: o.ID, SchoolType: valueLabel(catalog.FacetSchoolType, o.SchoolType, lang), Where: where(o, lang),
		Provider: o.Provider, CourseURL: o.URL, ApplyURL: o.ApplicationURL, Cancelled: o.Cancelled,
		Description: template.HTML(o.Description)} // sanitised by the importers (catalog.Offering.Description)
	v.Title, v.TitleLang = localTitle(o, lang)
	v.BackURL = frontend.Href(lang, "/")
	if ref, err := url.Parse(c.Request.Referer()); err == nil && ref.Host == c.Request.Host && ref.Path == "/" {
		v.BackURL = ref.RequestURI() // back to the search the reader came from
	}
	if lang != "sv" {
		v.TextLang = "sv" // descriptions are in Swedish
	}
	if v.ApplyURL == "" {
		v.ApplyURL = o.URL
	}
	v.PhoneLink = strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '+' {
			return r
		}
		return -1
	}, o.Provider.Phone)
	v.HasContact = o.Provider.URL != "" || o.Provider.Email != "" || o.Provider.Phone != "" || o.URL != ""
	v.Facts = offeringFacts(o, lang, today)
	v.Decisions = decisions(o, lang)
	v.MoreURL = o.URL
	if v.MoreURL == "" {
		v.MoreURL = o.Provider.URL
	}
	if u, err := url.Parse(v.MoreURL); err == nil && u.Host != "" {
		v.MoreText = strings.TrimPrefix(u.Host, "www.")
	} else {
		v.MoreURL = ""
	}
	v.Occupations = s.occupationLinks(o, lang)

	instances := currentIntakes(o, related, today)
	for i := range instances {
		if r := &instances[i]; r.ID != o.ID && intakeKey(r) != intakeKey(o) {
			v.Related = append(v.Related, relatedIntake(r, fmt.Sprintf("rel%d", i+1), lang, today))
		}
	}
	for _, src := range o.Sources {
		v.Sources = append(v.Sources, sourceView{Name: m.Label(lang, "source."+src.Source, src.Source), URL: src.SourceURL,
			FirstSeen: calendarDay(src.FirstSeen), LastSeen: calendarDay(src.LastSeen), LastChanged: calendarDay(src.LastChanged)})
	}
	ld, err := courseJSONLD(o, instances, s.baseURL(c))
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	v.JSONLD = template.JS(ld) // json.Marshal escapes <, > and &, so it cannot close the script
	p.Title = v.Title
	s.render(c, 200, "offering", p, v)
}

func offeringFacts(o *catalog.Offering, lang string, today time.Time) []fact {
	m := pages.Messages
	var out []fact
	add := func(key, value string) {
		if value != "" {
			out = append(out, fact{Label: m.T(lang, key), Value: value})
		}
	}
	addDate := func(key string, t time.Time) fact {
		f := fact{Label: m.T(lang, key), Date: calendarDay(t)}
		if !t.IsZero() {
			out = append(out, f)
		}
		return f
	}
	if o.Cancelled {
		add("fact.status", m.T(lang, "offering.cancelled"))
	}
	add("fact.provider", o.Provider.Name)
	add("fact.school_type", valueLabel(catalog.FacetSchoolType, o.SchoolType, lang))
	add("fact.configuration", m.Label(lang, "configuration."+o.Configuration, o.Configuration))
	add("fact.code", o.Code)
	add("fact.mode", studyForm(o, lang))
	var places []string
	for _, code := range o.Municipalities {
		if n, ok := data.MunicipalityName(code); ok {
			places = append(places, n)
		}
	}
	if o.Mode != catalog.ModeOnline {
		add("fact.where", strings.Join(places, ", "))
		add("fact.towns", strings.Join(o.Towns, ", "))
	}
	if o.Pace > 0 {
		add("fact.pace", m.T(lang, "pace.value", o.Pace))
	}
	add("fact.time_of_study", m.Label(lang, "time_of_study."+o.TimeOfStudy, o.TimeOfStudy))
	switch {
	case o.RollingStart:
		add("fact.start", m.T(lang, "start.rolling"))
	case o.Start.IsZero():
		add("fact.start", m.T(lang, "start.unknown"))
	default:
		addDate("fact.start", o.Start)
	}
	addDate("fact.end", o.End)
	addDate("fact.application_first", o.ApplicationFirst)
	if !o.ApplicationLast.IsZero() {
		it := toResultItem(o, "", lang, today)
		f := fact{Label: m.T(lang, "fact.deadline"), Date: it.Deadline}
		if it.DeadlineSoon {
			f.Badge = m.T(lang, "deadline.soon")
		} else if it.DeadlinePassed {
			f.Value = "(" + strings.ToLower(m.T(lang, "deadline.passed")) + ")"
		}
		out = append(out, f)
	}
	add("fact.application_code", o.ApplicationCode)
	if o.Credits > 0 {
		n := strconv.FormatFloat(o.Credits, 'f', -1, 64)
		if lang == "sv" {
			n = strings.ReplaceAll(n, ".", ",")
		}
		add("fact.credits", strings.TrimSpace(n+" "+m.Label(lang, "credit_system."+o.CreditSystem, o.CreditSystem)))
	}
	var langs []string
	for _, l := range o.Languages {
		langs = append(langs, m.Label(lang, "language."+l, l))
	}
	add("fact.languages", strings.Join(langs, ", "))
	if o.Places > 0 {
		add("fact.places", strconv.Itoa(o.Places))
	}
	return out
}

// courseJSONLD is the schema.org Course of an offering, with every intake of
// it as a CourseInstance, for search engines.
func courseJSONLD(o *catalog.Offering, instances []catalog.Offering, base string) (string, error) {
	type place struct {
		Type    string         `json:"@type"`
		Name    string         `json:"name,omitempty"`
		Address map[string]any `json:"address,omitempty"`
	}
	type instance struct {
		Type       string `json:"@type"`
		CourseMode string `json:"courseMode,omitempty"`
		StartDate  string `json:"startDate,omitempty"`
		EndDate    string `json:"endDate,omitempty"`
		Location   *place `json:"location,omitempty"`
		URL        string `json:"url"`
	}
	course := map[string]any{
		"@context":   "https://schema.org",
		"@type":      "Course",
		"name":       o.Title,
		"url":        base + offeringPath(o.ID),
		"inLanguage": "sv",
	}
	if d := o.DescriptionText(); d != "" {
		course["description"] = d
	}
	if o.Code != "" {
		course["courseCode"] = o.Code
	}
	prov := map[string]any{"@type": "Organization", "name": o.Provider.Name}
	if o.Provider.URL != "" {
		prov["url"] = o.Provider.URL
	}
	course["provider"] = prov
	var list []instance
	for i := range instances {
		in := &instances[i]
		ci := instance{Type: "CourseInstance", CourseMode: string(in.Mode), URL: base + offeringPath(in.ID)}
		if !in.Start.IsZero() {
			ci.StartDate = calendarDay(in.Start).Format(time.DateOnly)
		}
		if !in.End.IsZero() {
			ci.EndDate = calendarDay(in.End).Format(time.DateOnly)
		}
		if in.Mode != catalog.ModeOnline {
			if town := placeNames(in); town != "" {
				ci.Location = &place{Type: "Place", Name: town,
					Address: map[string]any{"@type": "PostalAddress", "addressLocality": town, "addressCountry": "SE"}}
			}
			if len(in.Locations) > 0 && ci.Location != nil {
				l := in.Locations[0]
				if l.Name != "" {
					ci.Location.Name = l.Name
				}
				if l.Street != "" {
					ci.Location.Address["streetAddress"] = l.Street
				}
				if l.PostalCode != "" {
					ci.Location.Address["postalCode"] = l.PostalCode
				}
				if l.Town != "" {
					ci.Location.Address["addressLocality"] = l.Town
				}
			}
		}
		list = append(list, ci)
	}
	if len(list) > 0 {
		course["hasCourseInstance"] = list
	}
	b, err := json.Marshal(course)
	if err != nil {
		return "", fmt.Errorf("offering %s: json-ld: %w", o.ID, err)
	}
	return string(b), nil
}
