package server

import (
	"context"
	"slices"
	"time"

	"kurskatalog/data/catalog"
)

// courseHit is a hit read from the store: an offering, and when the search
// grouped by course the course's matching intakes (the offering among
// them), soonest first.
type courseHit struct {
	catalog.Offering
	Intakes []*catalog.Offering // shared with the offerings kept: read only
	// Matching counts the course's intakes that match, read or not.
	Matching int
}

// pageIntakes is how many of a course's matching intakes a card on the
// search page reads: the first few shown, the rest behind "fler
// tillfällen", and a link to the course page for a course with more.
const pageIntakes = 20

// hydrate reads the offerings of a search result's page in one call, with
// at most perHit intakes of each course (all with 0).
func (s *Server) hydrate(ctx context.Context, res *catalog.SearchResult, perHit int) ([]courseHit, error) {
	ids := res.IDs
	matching := firstIntakes(res, perHit)
	if res.Courses != nil { // each hit is among its course's intakes
		ids = slices.Concat(res.Courses...)
	}
	byID := make(map[string]*catalog.Offering, len(ids))
	if err := s.offerings(ctx, ids, byID); err != nil {
		return nil, err
	}
	out := make([]courseHit, 0, len(res.IDs))
	eachHit(res, byID, byID, func(i int, lead *catalog.Offering, intakes []*catalog.Offering) {
		h := courseHit{Offering: *lead, Intakes: intakes}
		if i < len(matching) {
			h.Matching = matching[i]
		}
		out = append(out, h)
	})
	return out, nil
}

// firstIntakes keeps the first perHit intakes of each course of res (all
// with 0), and returns how many each had.
func firstIntakes(res *catalog.SearchResult, perHit int) []int {
	matching := make([]int, len(res.Courses))
	for i, c := range res.Courses {
		matching[i] = len(c)
		if perHit > 0 {
			res.Courses[i] = c[:min(len(c), perHit)]
		}
	}
	return matching
}

// shownIntakes is how many intakes a card lists before "fler tillfällen".
const shownIntakes = 3

// groupCourses groups offerings by course (catalog.CourseKey), the
// courses in the order of their first offering, each with its offerings in
// the order given and the first as the course's own.
func groupCourses(list []*catalog.Offering) []courseHit {
	var out []courseHit
	at := map[string]int{}
	for _, o := range list {
		k := catalog.CourseKey(o)
		i, ok := at[k]
		if !ok {
			i, at[k] = len(out), len(out)
			out = append(out, courseHit{Offering: *o})
		}
		out[i].Intakes = append(out[i].Intakes, o)
	}
	return out
}

// intakeItems are the lines of a course's intakes, in their order, one
// line for intakes a learner could not tell apart (intakeKey).
func intakeItems(intakes []*catalog.Offering, lang string, today time.Time) []intakeItem {
	var out []intakeItem
	seen := map[string]bool{}
	for _, o := range intakes {
		if k := intakeKey(o); !seen[k] {
			seen[k] = true
			out = append(out, relatedIntake(o, "", lang, today))
		}
	}
	return out
}

// toCourseItem is a hit as a card: the course, and its intakes with the
// first few shown and the rest behind "fler tillfällen".
func toCourseItem(h *courseHit, key, lang string, today time.Time) resultItem {
	it := toResultItem(&h.Offering, key, lang, today)
	if len(h.Intakes) > 0 {
		lines := intakeItems(h.Intakes, lang, today)
		it.Intakes, it.MoreIntakes = lines[:min(len(lines), shownIntakes)], lines[min(len(lines), shownIntakes):]
		it.IntakesCut = h.Matching > len(h.Intakes)
	}
	return it
}
