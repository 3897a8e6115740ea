package server

import (
	"context"
	"strings"
	"time"

	"kurskatalog/data/catalog"
)

// courseHit is a hit read from the store: an offering, and when the search
// grouped by course the course's matching intakes (the offering among
// them), soonest first.
type courseHit struct {
	catalog.Offering
	Intakes []catalog.Offering
}

// hydrate reads the offerings of a search result's page in one call.
func (s *Server) hydrate(ctx context.Context, res *catalog.SearchResult) ([]courseHit, error) {
	ids := append([]string(nil), res.IDs...)
	for _, c := range res.Courses {
		ids = append(ids, c...)
	}
	offs, err := s.Store.OfferingsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*catalog.Offering, len(offs))
	for i := range offs {
		byID[offs[i].ID] = &offs[i]
	}
	out := make([]courseHit, 0, len(res.IDs))
	for i, id := range res.IDs {
		lead, ok := byID[id]
		if !ok {
			continue // removed between the search and the read
		}
		h := courseHit{Offering: *lead}
		if i < len(res.Courses) {
			for _, iid := range res.Courses[i] {
				if o, ok := byID[iid]; ok {
					h.Intakes = append(h.Intakes, *o)
				}
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// intakeItem is one intake of a course as a line on a card: what tells it
// apart from the course's other intakes.
type intakeItem struct {
	ID             string
	URL            string
	Start          time.Time
	Rolling        bool
	Where          string
	Pace           string
	TimeOfStudy    string
	Deadline       time.Time
	DeadlineSoon   bool
	DeadlinePassed bool
}

// shownIntakes is how many intakes a card lists before "fler tillfällen".
const shownIntakes = 3

// intakeItems are the lines of a course's intakes, in their order, one
// line for intakes a learner could not tell apart (the same start, place,
// mode, pace, time of study and deadline).
func intakeItems(intakes []catalog.Offering, lang string, today time.Time) []intakeItem {
	var out []intakeItem
	seen := map[string]bool{}
	for i := range intakes {
		o := &intakes[i]
		it := toResultItem(o, "", lang, today)
		line := intakeItem{ID: o.ID, URL: it.URL, Start: it.Start, Rolling: it.Rolling, Where: it.Where, Pace: it.Pace,
			TimeOfStudy: valueLabel(catalog.FacetTimeOfStudy, catalog.TimeOfStudyValue(o.TimeOfStudy), lang),
			Deadline:    it.Deadline, DeadlineSoon: it.DeadlineSoon, DeadlinePassed: it.DeadlinePassed}
		key := strings.Join([]string{line.Start.Format(time.DateOnly), boolWord(line.Rolling), line.Where, line.Pace,
			line.TimeOfStudy, line.Deadline.Format(time.DateOnly)}, "|")
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, line)
	}
	return out
}

func boolWord(b bool) string {
	if b {
		return "r"
	}
	return ""
}

// toCourseItem is a hit as a card: the course, and its intakes with the
// first few shown and the rest behind "fler tillfällen".
func toCourseItem(h *courseHit, key, lang string, today time.Time) resultItem {
	it := toResultItem(&h.Offering, key, lang, today)
	if len(h.Intakes) > 0 {
		lines := intakeItems(h.Intakes, lang, today)
		it.Intakes, it.MoreIntakes = lines[:min(len(lines), shownIntakes)], lines[min(len(lines), shownIntakes):]
	}
	return it
}
