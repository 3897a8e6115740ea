// Package facet answers the filter and facet-count part of a search in
// memory, next to the Bleve index: one roaring bitmap per facet value, the
// values of every offering as integer codes in columns, and presorted doc
// orders for paging without scores. Bleve (or any text index) supplies the
// offerings that match the words of a query as a bitmap of this engine's doc
// numbers (see Text); the engine intersects it with the filters, counts the
// facets and cuts the page.
//
// The facets are catalog.Facets, so a facet added there is counted and
// filtered here without further work. Counts are disjunctive: each facet is
// counted with every filter except its own. Values of one facet are ORed,
// facets ANDed, and cancelled offerings never match.
//
// One writer (Put, Delete, Rebuild) and any number of readers: a write builds
// a new immutable Snapshot copy-on-write and publishes it atomically, so a
// reader never waits and never sees half a write. A search must use one
// Snapshot for all its steps, because doc numbers belong to a snapshot.
package facet

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"kurskatalog/data/catalog"
)

// Facet is a catalog facet with what the engine needs beyond it.
type Facet struct {
	catalog.Facet
	// Key is required for a Dated facet: it returns the fields of the
	// offering that Values reads, as a string. Offerings with equal keys
	// must have equal values on every day. The engine stores one key per
	// offering and, when the day changes, calls Values once per distinct
	// key (on an offering that has it), not once per offering.
	Key func(o *catalog.Offering) string
	// Selected returns the values q filters the facet by and the day they
	// refer to. Nil means q.Filters[Name] on q.Today.
	Selected func(q *catalog.SearchQuery) (values []string, day time.Time)
}

// Condition is a filter that is not a facet (start dates, past offerings,
// rolling start, mandatory sessions): it narrows the offerings that every
// facet is counted over.
type Condition struct {
	Name string
	// Key returns the fields of the offering that the test reads, as a
	// string; offerings with equal keys must pass or fail together.
	Key func(o *catalog.Offering) string
	// Match returns the test q applies, and an id that names the test
	// among the tests of this condition (equal ids, equal tests), or a nil
	// test when q does not use the condition. The engine runs the test
	// once per distinct key and keeps the result per snapshot by id.
	Match func(q *catalog.SearchQuery) (test func(o *catalog.Offering) bool, id string)
}

// Keys of the Dated catalog facets. A dated facet added to catalog.Facets
// needs one line here.
var datedKeys = map[string]func(o *catalog.Offering) string{
	catalog.FacetStartPeriod:     func(o *catalog.Offering) string { return Key(o.RollingStart, o.Start) },
	catalog.FacetApplicationOpen: func(o *catalog.Offering) string { return Key(false, o.ApplicationFirst, o.ApplicationLast) },
}

// selections are the facets whose filter is not q.Filters[Name] on q.Today.
var selections = map[string]func(q *catalog.SearchQuery) ([]string, time.Time){
	// SearchQuery.ApplicationOpen is the application_open filter on its own
	// day; application_open=true asks for today.
	catalog.FacetApplicationOpen: func(q *catalog.SearchQuery) ([]string, time.Time) {
		switch {
		case !q.ApplicationOpen.IsZero():
			return []string{catalog.ApplicationIsOpen}, q.ApplicationOpen
		case slices.Contains(q.Filters[catalog.FacetApplicationOpen], catalog.ApplicationIsOpen):
			return []string{catalog.ApplicationIsOpen}, q.Today
		}
		return nil, time.Time{}
	},
}

// Facets returns the engine's facets for the catalog's definitions. It
// panics on a Dated facet without a key: a programming error caught by the
// first test.
func Facets(defs []catalog.Facet) []Facet {
	out := make([]Facet, len(defs))
	for i, d := range defs {
		out[i] = Facet{Facet: d, Key: datedKeys[d.Name], Selected: selections[d.Name]}
		if d.Dated && out[i].Key == nil {
			panic(fmt.Sprintf("facet: dated facet %s needs a key in index/facet/facet.go", d.Name))
		}
	}
	return out
}

// Conditions are the SearchQuery filters that are not facets.
var Conditions = []Condition{
	{Name: "start", Key: func(o *catalog.Offering) string { return Key(false, o.Start) },
		Match: func(q *catalog.SearchQuery) (func(*catalog.Offering) bool, string) {
			from, to := q.StartFrom, q.StartTo
			if from.IsZero() && to.IsZero() {
				return nil, ""
			}
			return func(o *catalog.Offering) bool { return inStartRange(o, from, to) }, Key(false, from, to)
		}},
	{Name: "current", Key: timingKey,
		Match: func(q *catalog.SearchQuery) (func(*catalog.Offering) bool, string) {
			if q.IncludePast {
				return nil, ""
			}
			today := q.Today
			return func(o *catalog.Offering) bool { return catalog.IsCurrent(o, today) }, Key(false, today)
		}},
	{Name: "rolling_start", Key: func(o *catalog.Offering) string { return Key(o.RollingStart) },
		Match: func(q *catalog.SearchQuery) (func(*catalog.Offering) bool, string) {
			if q.RollingStart == nil {
				return nil, ""
			}
			want := *q.RollingStart
			return func(o *catalog.Offering) bool { return o.RollingStart == want }, Key(want)
		}},
	{Name: "mandatory_sessions", Key: func(o *catalog.Offering) string {
		return string(o.Mode) + " " + strconv.Itoa(o.MandatorySessions)
	}, Match: func(q *catalog.SearchQuery) (func(*catalog.Offering) bool, string) {
		if q.MaxMandatorySessions == nil {
			return nil, ""
		}
		n := *q.MaxMandatorySessions
		return func(o *catalog.Offering) bool { return withinSessions(o, n) }, strconv.Itoa(n)
	}},
}

// inStartRange reports whether o starts on or after from and on or before
// the day of to; a zero bound is open, an unknown start is out.
func inStartRange(o *catalog.Offering, from, to time.Time) bool {
	return !o.Start.IsZero() && (from.IsZero() || !o.Start.Before(from)) &&
		(to.IsZero() || o.Start.Before(to.AddDate(0, 0, 1)))
}

// withinSessions reports whether o can be taken with at most n trips:
// online, or blended with at most n mandatory sessions.
func withinSessions(o *catalog.Offering, n int) bool {
	return o.Mode == catalog.ModeOnline || (o.Mode == catalog.ModeBlended && o.MandatorySessions <= n)
}

// timingKey is every date of an offering: what IsCurrent, the start
// period and the date ranking read.
func timingKey(o *catalog.Offering) string {
	return Key(o.RollingStart, o.Start, o.End, o.ApplicationFirst, o.ApplicationLast)
}

// Key builds a key from a flag and dates (Unix seconds; "" for unknown).
func Key(flag bool, dates ...time.Time) string {
	b := make([]byte, 0, 1+12*len(dates))
	b = strconv.AppendBool(b, flag)
	for _, t := range dates {
		b = append(b, ' ')
		if !t.IsZero() {
			b = strconv.AppendInt(b, t.Unix(), 36)
		}
	}
	return string(b)
}
