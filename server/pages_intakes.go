package server

import (
	"fmt"
	"strings"
	"time"

	"kurskatalog/data/catalog"
)

// intakeItem is one line of an offering's other intakes: what tells it
// apart from the others.
type intakeItem struct {
	resultItem
	Place       string // municipalities, empty for distance without meetings
	StudyForm   string
	TimeOfStudy string
}

// currentIntakes are the intakes of o's course a learner can still start
// on today, o first if it is one, each kind once: intakes a learner cannot
// tell apart (intakeKey) collapse into the first of them. related is in
// start order and may include o; without it, o stands alone.
func currentIntakes(o *catalog.Offering, related []catalog.Offering, today time.Time) []catalog.Offering {
	seen := map[string]bool{}
	var out []catalog.Offering
	add := func(r *catalog.Offering) {
		k := intakeKey(r)
		if r.Cancelled || seen[k] || !catalog.IsCurrent(r, today) {
			return
		}
		seen[k] = true
		out = append(out, *r)
	}
	add(o)
	for i := range related {
		if related[i].ID != o.ID {
			add(&related[i])
		}
	}
	return out
}

// intakeKey is what a learner compares intakes by: start (or rolling),
// place, study form, pace, time of study and deadline.
func intakeKey(o *catalog.Offering) string {
	start := "rolling"
	if !o.RollingStart {
		start = dayKey(o.Start)
	}
	return strings.Join([]string{start, placeNames(o), string(o.Mode), fmt.Sprint(o.MandatorySessions),
		fmt.Sprint(o.Pace), o.TimeOfStudy, dayKey(o.ApplicationLast)}, "|")
}

func dayKey(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return calendarDay(t).Format(time.DateOnly)
}

func relatedIntake(o *catalog.Offering, key, lang string, today time.Time) intakeItem {
	it := intakeItem{resultItem: toResultItem(o, key, lang, today), StudyForm: studyForm(o, lang)}
	if o.Mode != catalog.ModeOnline {
		it.Place = placeNames(o)
	}
	if o.TimeOfStudy != "" {
		it.TimeOfStudy = strings.ToLower(pages.Messages.Label(lang, "time_of_study."+o.TimeOfStudy, o.TimeOfStudy))
	}
	return it
}

// studyForm says how an offering is studied: on site, at a distance with
// its number of mandatory meetings, or at a distance. Where it is held is
// a fact of its own.
func studyForm(o *catalog.Offering, lang string) string {
	m := pages.Messages
	switch o.Mode {
	case catalog.ModeOnline:
		return m.T(lang, "where.online")
	case catalog.ModeBlended:
		if o.MandatorySessions > 0 {
			return m.N(lang, "where.blended", o.MandatorySessions)
		}
		return m.T(lang, "where.blended.some")
	case catalog.ModeOnsite:
		return m.T(lang, "study_form.onsite")
	}
	return ""
}
