package coverage

import (
	"math"
	"slices"
	"time"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// Params are the questions a coverage report answers.
type Params struct {
	// Today is the first day of the window; Until the last (zero: a year
	// after Today). Only the calendar dates in Swedish time matter.
	Today, Until time.Time
	// MaxKm is how far, in a straight line from the municipality's main
	// locality, a resident travels to study on site.
	MaxKm float64
	// MaxBusMinutes, when above zero, replaces MaxKm with a journey by
	// public transport: a resident reaches a place when the bus takes them
	// there within this many minutes on a weekday morning (leaving home
	// from 06:00, arriving by 10:00; see catalog.TransitFeed), walks
	// included. It needs the travel times of an imported GTFS feed.
	MaxBusMinutes int
	// MaxSessions is how many mandatory sessions a blended offering may have
	// anywhere and still count; one whose sessions are within MaxKm counts
	// whatever their number.
	MaxSessions int
	// Municipalities to report on (SCB codes).
	Municipalities []string
	// Occupations limits the report to these SSYK groups; empty means every
	// group an offering maps to or the county's demand names.
	Occupations []string
	// Region is the county whose Yrkesbarometer rows give the shortage
	// signal ("23" for Jämtlands län).
	Region string
	// Places locates municipalities; nil means DefaultPlaces.
	Places Places
}

// DefaultParams are the questions the county's learning centres ask: the
// coming year, an hour's drive (about 60 km in a straight line), at most
// five mandatory sessions, the county's eight municipalities.
func DefaultParams(today time.Time) Params {
	return Params{Today: today, MaxKm: 60, MaxSessions: 5, Municipalities: data.JamtlandMunicipalities, Region: "23"}
}

// normalise fills defaults and checks the parameters.
func (p Params) normalise() (Params, error) {
	if p.Today.IsZero() {
		return p, catalog.Invalid("today", "the coverage window needs a first day")
	}
	p.Today = catalog.Day(p.Today)
	if p.Until.IsZero() {
		p.Until = p.Today.AddDate(1, 0, 0)
	}
	p.Until = catalog.Day(p.Until)
	if p.Until.Before(p.Today) {
		return p, catalog.Invalid("until", "the window ends before it starts")
	}
	if p.MaxKm < 0 || math.IsNaN(p.MaxKm) {
		return p, catalog.Invalid("max_km", "the travel distance cannot be negative")
	}
	if p.MaxBusMinutes < 0 {
		return p, catalog.Invalid("max_bus_minutes", "the travel time cannot be negative")
	}
	if p.MaxSessions < 0 {
		return p, catalog.Invalid("max_sessions", "the number of sessions cannot be negative")
	}
	if p.Places == nil {
		places, err := DefaultPlaces()
		if err != nil {
			return p, err
		}
		p.Places = places
	}
	for _, m := range p.Municipalities {
		if _, ok := p.Places[m]; !ok {
			return p, catalog.Invalid("municipality", "%q is not a known municipality", m)
		}
	}
	return p, nil
}

// inWindow reports whether a learner can start o within the window: it is
// current on the window's first day (catalog.IsCurrent, as a search shows
// it) and starts by its last, a rolling start having begun by then. Fixed
// starts without a date never count.
func (p *Params) inWindow(o *catalog.Offering) bool {
	if o.Cancelled || !catalog.IsCurrent(o, p.Today) || (o.Start.IsZero() && !o.RollingStart) {
		return false
	}
	return o.Start.IsZero() || !catalog.Day(o.Start).After(p.Until)
}

// nearestKm is the distance from origin to the closest of o's places, and
// false when none of them is known.
func (p *Params) nearestKm(origin Point, municipalities []string) (float64, bool) {
	return p.Places.nearest(origin, municipalities)
}

// reach classifies o for a resident of home who travels from origin, by
// bus within MaxBusMinutes when that is set (bus holds the times), else in
// a straight line within MaxKm.
func (p *Params) reach(o *catalog.Offering, home string, origin Point, bus *busTimes) (catalog.Reach, bool) {
	if !p.inWindow(o) {
		return "", false
	}
	within := func() bool {
		if slices.Contains(o.Municipalities, home) {
			return true
		}
		if p.MaxBusMinutes > 0 {
			m, ok := bus.offering(o, home, origin, p.Places)
			return ok && m <= p.MaxBusMinutes
		}
		d, ok := p.nearestKm(origin, o.Municipalities)
		return ok && d <= p.MaxKm
	}
	switch o.Mode {
	case catalog.ModeOnsite:
		if slices.Contains(o.Municipalities, home) {
			return catalog.ReachLocal, true
		}
		if within() {
			return catalog.ReachNearby, true
		}
	case catalog.ModeBlended:
		if o.MandatorySessions <= p.MaxSessions || within() {
			return catalog.ReachBlended, true
		}
	case catalog.ModeOnline:
		return catalog.ReachOnline, true
	}
	return "", false
}

// Reach tells whether, and how, a resident of municipality can take o
// within the window of p, in a straight line (p.MaxBusMinutes must be 0;
// Data.Reach knows the bus times).
func Reach(o catalog.Offering, municipality string, p Params) (catalog.Reach, bool, error) {
	return reachWith(o, municipality, p, nil)
}

func reachWith(o catalog.Offering, municipality string, p Params, bus *busTimes) (catalog.Reach, bool, error) {
	rc, err := newReacher(municipality, p, bus)
	if err != nil {
		return "", false, err
	}
	r, ok := rc.Reach(&o)
	return r, ok, nil
}

// A Reacher is Reach for one municipality and one Params, checked once:
// a pathway asks it of every offering of a national catalogue, and
// checking the params at each call was a third of the occupation page.
type Reacher struct {
	p      Params
	home   string
	origin Point
	bus    *busTimes
}

// NewReacher returns the Reacher of a resident of municipality with p, in
// a straight line (p.MaxBusMinutes must be 0; Data.Reacher knows the bus
// times).
func NewReacher(municipality string, p Params) (*Reacher, error) {
	return newReacher(municipality, p, nil)
}

func newReacher(municipality string, p Params, bus *busTimes) (*Reacher, error) {
	p, err := p.normalise()
	if err != nil {
		return nil, err
	}
	if p.MaxBusMinutes > 0 && bus == nil {
		return nil, errNoTimetable
	}
	origin, ok := p.Places[municipality]
	if !ok {
		return nil, catalog.Invalid("municipality", "%q is not a known municipality", municipality)
	}
	return &Reacher{p: p, home: municipality, origin: origin, bus: bus}, nil
}

// Reach tells whether, and how, the resident can take o within the window.
func (r *Reacher) Reach(o *catalog.Offering) (catalog.Reach, bool) {
	return r.p.reach(o, r.home, r.origin, r.bus)
}

var errNoTimetable = catalog.Invalid("max_bus_minutes", "no bus timetable has been imported (a source of kind gtfs)")

// busTimes are the travel times p needs: none for the straight-line
// rule; for the bus rule, an error naming max_bus_minutes when no feed has
// been imported, rather than a report in which nothing is reachable.
func (p *Params) busTimes(transit *catalog.Transit) (*busTimes, error) {
	if p.MaxBusMinutes == 0 {
		return nil, nil
	}
	bus := newBusTimes(transit)
	if bus == nil {
		return nil, errNoTimetable
	}
	return bus, nil
}
