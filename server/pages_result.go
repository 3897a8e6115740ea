package server

import (
	"strings"
	"time"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/frontend"
)

// resultItem is one offering as a line in a list: search hits, the other
// intakes of a course, the shortlist.
type resultItem struct {
	Key            string // unique on the page, for element ids
	ID             string
	URL            string
	Title          string
	TitleLang      string // set when the title is not in the page's language
	Provider       string
	Where          string
	Pace           string
	SchoolType     string
	Start          time.Time
	Rolling        bool
	Deadline       time.Time
	DeadlineSoon   bool // within deadlineSoonDays
	DeadlinePassed bool
	// Intakes are the course's intakes that match the search, soonest
	// first; MoreIntakes those behind "fler tillfällen". Empty outside
	// search results. IntakesCut says that more match than are listed:
	// the course page lists them.
	Intakes, MoreIntakes []intakeItem
	IntakesCut           bool
}

// deadlineSoonDays is how close an application deadline is marked "soon".
const deadlineSoonDays = 14

// today is the current calendar date in Sweden.
func (s *Server) today() time.Time {
	return catalog.Day(s.Now())
}

// calendarDay is t's date in Sweden, at midnight.
func calendarDay(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return catalog.Day(t)
}

func toResultItem(o *catalog.Offering, key, lang string, today time.Time) resultItem {
	m := pages.Messages
	title, titleLang := localTitle(o, lang)
	it := resultItem{Key: key, ID: o.ID, URL: frontend.Href(lang, offeringPath(o.ID)), Title: title, TitleLang: titleLang,
		Provider: o.Provider.Name, Where: where(o, lang), SchoolType: valueLabel(catalog.FacetSchoolType, o.SchoolType, lang),
		Start: calendarDay(o.Start), Rolling: o.RollingStart, Deadline: calendarDay(o.ApplicationLast)}
	if o.Pace > 0 {
		it.Pace = m.T(lang, "pace.value", o.Pace)
	}
	if !it.Deadline.IsZero() {
		days := int(it.Deadline.Sub(today).Hours() / 24)
		it.DeadlinePassed = it.Deadline.Before(today)
		it.DeadlineSoon = !it.DeadlinePassed && days <= deadlineSoonDays
	}
	return it
}

// localTitle is the title in the page's language when the source has one,
// with the language to mark on the element when it is not the page's.
func localTitle(o *catalog.Offering, lang string) (title, titleLang string) {
	if lang == "en" && o.TitleEN != "" {
		return o.TitleEN, ""
	}
	if lang != "sv" {
		return o.Title, "sv"
	}
	return o.Title, ""
}

// where says where an offering is taken: "Distans", "Distans med 3
// obligatoriska träffar (Berg)", or the municipalities it is held in.
func where(o *catalog.Offering, lang string) string {
	m := pages.Messages
	places := placeNames(o)
	switch o.Mode {
	case catalog.ModeOnline:
		return m.T(lang, "where.online")
	case catalog.ModeBlended:
		s := m.T(lang, "where.blended.some")
		if o.MandatorySessions > 0 {
			s = m.N(lang, "where.blended", o.MandatorySessions)
		}
		if places != "" {
			s += " (" + places + ")"
		}
		return s
	}
	if places == "" {
		return m.T(lang, "where.unknown")
	}
	return places
}

// placeNames are the offering's municipalities by name, or its towns when
// it has no municipality.
func placeNames(o *catalog.Offering) string {
	var names []string
	for _, code := range o.Municipalities {
		if n, ok := data.MunicipalityName(code); ok {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		names = o.Towns
	}
	return strings.Join(names, ", ")
}
