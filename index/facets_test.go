package index

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// filtered returns a copy of q with facet's filter set to values (nil
// removes it).
func filtered(q catalog.SearchQuery, facet string, values []string) catalog.SearchQuery {
	q.Filters = maps.Clone(q.Filters)
	if q.Filters == nil {
		q.Filters = map[string][]string{}
	}
	delete(q.Filters, facet)
	if values != nil {
		q.Filters[facet] = values
	}
	if facet == catalog.FacetApplicationOpen {
		q.ApplicationOpen = time.Time{} // the facet's other form of its filter
	}
	return q
}

// The promise of disjunctive facets: for every facet and every value it
// shows, filtering by that value returns exactly the count shown.
func TestFacetCountIsWhatFilteringReturns(t *testing.T) {
	ix := snapshotIndex(t)
	for i, base := range []catalog.SearchQuery{
		{},
		{Text: "svenska"},
		{Filters: map[string][]string{catalog.FacetMunicipality: {"2380", "2309"}, catalog.FacetMode: {"online"},
			catalog.FacetStartPeriod: {catalog.StartWithin3, catalog.StartRolling}}},
		{Text: "matematik", IncludePast: true, Filters: map[string][]string{catalog.FacetTimeOfStudy: {"evening"},
			catalog.FacetApplicationOpen: {catalog.ApplicationIsOpen}}},
	} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			base.PerPage, base.Page = 1, 1
			res := find(t, ix, base)
			for _, f := range catalog.Facets {
				// Nothing may be open for application, general courses
				// (Swedish, mathematics) lead to no occupation, and the
				// snapshot holds no validation of prior learning.
				mayBeEmpty := f.Name == catalog.FacetApplicationOpen || (f.Name == catalog.FacetOccupation && base.Text != "") ||
					f.Name == catalog.FacetValidation
				if len(res.Facets[f.Name]) == 0 && !mayBeEmpty {
					t.Errorf("%+v: facet %s is empty", base, f.Name)
				}
				for _, v := range res.Facets[f.Name] {
					got := find(t, ix, filtered(base, f.Name, []string{v.Value})).Total
					if got != v.Count {
						t.Errorf("%+v: %s=%s shows %d, filtering returns %d", base, f.Name, v.Value, v.Count, got)
					}
				}
			}
		})
	}
}

// The index counts what the catalogue's facet definitions say, also for
// the facets that depend on the day.
func TestFacetCountsFollowDefinitions(t *testing.T) {
	ix := snapshotIndex(t)
	offerings := loadSnapshot(t)
	for _, tc := range []struct {
		name  string
		q     catalog.SearchQuery
		match func(o *catalog.Offering) bool // the query's filters
	}{
		{"everything", catalog.SearchQuery{}, func(*catalog.Offering) bool { return true }},
		{"in Krokom", catalog.SearchQuery{Filters: map[string][]string{catalog.FacetMunicipality: {"2309"}}},
			func(o *catalog.Offering) bool { return slices.Contains(o.Municipalities, "2309") }},
		{"in Krokom or at a distance", catalog.SearchQuery{IncludeDistance: true,
			Filters: map[string][]string{catalog.FacetMunicipality: {"2309"}}},
			func(o *catalog.Offering) bool {
				return slices.Contains(o.Municipalities, "2309") || o.Mode == catalog.ModeOnline || o.Mode == catalog.ModeBlended
			}},
		{"a year later, with the past", catalog.SearchQuery{Today: snapshotDay.AddDate(1, 0, 0), IncludePast: true},
			func(*catalog.Offering) bool { return true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			today := tc.q.Today
			if today.IsZero() {
				today = snapshotDay
			}
			for _, group := range []string{catalog.GroupCourse, catalog.GroupIntake} {
				q := tc.q
				q.Group = group
				res := find(t, ix, q)
				for _, f := range catalog.Facets {
					// A course counts once for each value any of its
					// shown intakes has; an intake once for each of its.
					seen := map[string]bool{}
					want := map[string]int{}
					for i := range offerings {
						o := &offerings[i]
						if o.Cancelled || (!tc.q.IncludePast && !catalog.IsCurrent(o, today)) {
							continue
						}
						// A facet is counted without its own filter.
						if _, own := tc.q.Filters[f.Name]; !own && !tc.match(o) {
							continue
						}
						for _, v := range f.Values(o, today) {
							k := o.ID + "\x00" + v
							if group == catalog.GroupCourse {
								k = catalog.CourseKey(o) + "\x00" + v
							}
							if !seen[k] {
								seen[k] = true
								want[v]++
							}
						}
					}
					got := map[string]int{}
					for _, v := range res.Facets[f.Name] {
						got[v.Value] = v.Count
					}
					if !maps.Equal(got, want) {
						t.Errorf("%s by %s: index counts %v, definitions %v", f.Name, group, got, want)
					}
				}
			}
		})
	}
}

// The filters that are not facets, against the catalogue's rules.
func TestFilters(t *testing.T) {
	ix := snapshotIndex(t)
	offerings := loadSnapshot(t)
	two, yes, no := 2, true, false
	openDay := day(2027, 3, 15)
	for _, tc := range []struct {
		name string
		q    catalog.SearchQuery
		want func(o *catalog.Offering) bool
	}{
		{"max_mandatory_sessions=2", catalog.SearchQuery{MaxMandatorySessions: &two}, func(o *catalog.Offering) bool {
			return o.Mode == catalog.ModeOnline || (o.Mode == catalog.ModeBlended && o.MandatorySessions <= 2)
		}},
		{"application_open on a day", catalog.SearchQuery{ApplicationOpen: openDay}, func(o *catalog.Offering) bool {
			return catalog.OpenForApplication(o, openDay)
		}},
		{"application_open today", catalog.SearchQuery{Filters: map[string][]string{
			catalog.FacetApplicationOpen: {catalog.ApplicationIsOpen}}}, func(o *catalog.Offering) bool {
			return catalog.OpenForApplication(o, snapshotDay)
		}},
		{"rolling_start=true", catalog.SearchQuery{RollingStart: &yes}, func(o *catalog.Offering) bool { return o.RollingStart }},
		{"rolling_start=false", catalog.SearchQuery{RollingStart: &no}, func(o *catalog.Offering) bool { return !o.RollingStart }},
		{"start_from and start_to", catalog.SearchQuery{StartFrom: day(2027, 1, 1), StartTo: day(2027, 1, 18)},
			func(o *catalog.Offering) bool {
				return !o.Start.IsZero() && !o.Start.Before(day(2027, 1, 1)) && !o.Start.After(day(2027, 1, 18))
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			intakes, courses := 0, map[string]bool{}
			for i := range offerings {
				if o := &offerings[i]; !o.Cancelled && catalog.IsCurrent(o, snapshotDay) && tc.want(o) {
					intakes++
					courses[catalog.CourseKey(o)] = true
				}
			}
			res := find(t, ix, tc.q)
			if res.Total != len(courses) || res.Intakes != intakes || intakes == 0 {
				t.Errorf("%d courses, %d intakes; want %d, %d", res.Total, res.Intakes, len(courses), intakes)
			}
		})
	}
}

func TestFacetLabels(t *testing.T) {
	for _, f := range catalog.Facets {
		for _, v := range f.Order {
			if sv, en := f.Label(v, "sv"), f.Label(v, "en"); sv == v || en == v || sv == en {
				t.Errorf("%s=%s: labels %q, %q", f.Name, v, sv, en)
			}
		}
	}
	for code, want := range map[string]string{"dag": "day", "kväll": "evening", "veckoslut": "weekend", "blandat": "mixed",
		"flexibel": "other", "": ""} {
		if got := catalog.TimeOfStudyValue(code); got != want {
			t.Errorf("time of study %q = %q, want %q", code, got, want)
		}
	}
}
