package coverage

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"kurskatalog/data/catalog"
)

// Offerings is what the views are computed over, read one at a time: a
// slice (List), or Data's table.
type Offerings interface {
	Len() int
	// At returns the i-th offering. It may return buf, filled in, which
	// the next call with buf overwrites: copy what is kept.
	At(i int, buf *catalog.Offering) *catalog.Offering
}

// List is a slice of offerings as Offerings; At points into it.
type List []catalog.Offering

// Len returns the number of offerings.
func (l List) Len() int { return len(l) }

// At returns the i-th offering.
func (l List) At(i int, _ *catalog.Offering) *catalog.Offering { return &l[i] }

// table holds offerings as tableBuilder.add keeps them, in rows without
// pointers: a national catalogue keeps some 100,000, which as
// catalog.Offering values (944 bytes, some 20 pointers each) were a fifth
// of the service's live heap, all of it scanned by every garbage
// collection. A row's strings are spans of one text, its lists numbers
// into tables of the distinct lists, so that the collector follows a
// handful of pointers for the whole table.
type table struct {
	rows []row
	text string
	// The distinct lists; number 0 of each is the empty list.
	lists [][]string
	occs  [][]catalog.OccupationMatch
	locs  [][]catalog.Location
	zones []*time.Location // of the instants, numbered from 1
}

// span is a string of table.text.
type span struct{ off, n uint32 }

// instant is a time.Time: seconds and nanoseconds since 1970, and its
// zone (zone 0 is the zero time).
type instant struct {
	sec  int64
	nsec int32
	zone int32
}

type row struct {
	id, educationID, title, titleEN                    span
	schoolType, configuration, mode, timeOfStudy       span
	creditSystem, studentAid, providerID, providerName span
	eligibility, degree                                span

	start, end, applicationFirst, applicationLast instant
	credits                                       float64

	municipalities, towns, languages, levels, occupations, locations int32

	mandatorySessions, pace, executionCondition, places int32
	rollingStart, cancelled, validation                 bool
}

// Len returns the number of offerings.
func (t *table) Len() int { return len(t.rows) }

// At fills buf with the i-th offering: its strings and lists are shared
// with the table, read only.
func (t *table) At(i int, buf *catalog.Offering) *catalog.Offering {
	r := &t.rows[i]
	*buf = catalog.Offering{ID: t.str(r.id), EducationID: t.str(r.educationID),
		Title: t.str(r.title), TitleEN: t.str(r.titleEN),
		Provider:   catalog.Provider{ID: t.str(r.providerID), Name: t.str(r.providerName)},
		SchoolType: t.str(r.schoolType), Configuration: t.str(r.configuration),
		Municipalities: t.lists[r.municipalities], Towns: t.lists[r.towns],
		Mode: catalog.Mode(t.str(r.mode)), MandatorySessions: int(r.mandatorySessions),
		Pace: int(r.pace), TimeOfStudy: t.str(r.timeOfStudy),
		Start: t.time(r.start), End: t.time(r.end), ExecutionCondition: int(r.executionCondition),
		RollingStart: r.rollingStart, ApplicationFirst: t.time(r.applicationFirst), ApplicationLast: t.time(r.applicationLast),
		Languages: t.lists[r.languages], Credits: r.credits, CreditSystem: t.str(r.creditSystem),
		Levels: t.lists[r.levels], Degree: t.str(r.degree), Occupations: t.occs[r.occupations],
		Places: int(r.places), StudentAid: t.str(r.studentAid), Validation: r.validation,
		Eligibility: t.str(r.eligibility), Locations: t.locs[r.locations], Cancelled: r.cancelled}
	return buf
}

func (t *table) str(s span) string { return t.text[s.off : s.off+s.n] }

func (t *table) time(in instant) time.Time {
	if in.zone == 0 {
		return time.Time{}
	}
	return time.Unix(in.sec, int64(in.nsec)).In(t.zones[in.zone-1])
}

// zones are the time zones of every table's instants, one location for
// each name and offset: the dates of a catalogue are in one or two
// (Swedish winter and summer time), but each date read from the store has
// a location of its own. With one location per zone the same date read
// out of two tables is the same value.
var zones struct {
	sync.Mutex
	of map[zoneKey]*time.Location
}

type zoneKey struct {
	name   string
	offset int
}

func (b *tableBuilder) instant(t time.Time) instant {
	if t.IsZero() {
		return instant{}
	}
	name, offset := t.Zone()
	key := zoneKey{name, offset}
	k, ok := b.zones[key]
	if !ok {
		zones.Lock()
		loc := zones.of[key]
		if loc == nil {
			if zones.of == nil {
				zones.of = map[zoneKey]*time.Location{}
			}
			loc = t.Location()
			zones.of[key] = loc
		}
		zones.Unlock()
		b.t.zones = append(b.t.zones, loc)
		k = int32(len(b.t.zones))
		b.zones[key] = k
	}
	return instant{sec: t.Unix(), nsec: int32(t.Nanosecond()), zone: k}
}

// tableBuilder gathers a table, sharing equal strings and lists.
type tableBuilder struct {
	t      table
	text   strings.Builder
	spans  map[string]span
	lists  map[string]int32
	occs   map[string]int32
	locs   map[string]int32 // lists of more than one
	oneLoc map[catalog.Location]int32
	zones  map[zoneKey]int32
	// parts gathers the rows, copied once into the table by done: grown
	// by appending, a national table was copied at each growth, which
	// took longer than all else the builder does (2.4 of 3.6 s over a
	// Load, an Update and a Load).
	parts [][]row
}

// partRows is how many rows a part holds.
const partRows = 4096

func newTableBuilder() *tableBuilder {
	b := &tableBuilder{spans: map[string]span{}, lists: map[string]int32{"": 0},
		occs: map[string]int32{"": 0}, locs: map[string]int32{}, oneLoc: map[catalog.Location]int32{}, zones: map[zoneKey]int32{}}
	b.t.lists, b.t.occs, b.t.locs = [][]string{nil}, [][]catalog.OccupationMatch{nil}, [][]catalog.Location{nil}
	return b
}

// add appends o, of which it keeps what a report or a card reads: reach
// (mode, municipalities, towns, addresses, sessions, dates, cancelled),
// the occupations, whether it offers validation, a course's card (id,
// titles, provider's id and name, school type, configuration, level,
// pace, credits, languages, student aid, time of study), and the
// eligibility and degree of the offerings that lead to an occupation,
// which pathways read.
func (b *tableBuilder) add(o *catalog.Offering) {
	r := row{id: b.span(o.ID), educationID: b.span(o.EducationID), title: b.span(o.Title), titleEN: b.span(o.TitleEN),
		schoolType: b.span(o.SchoolType), configuration: b.span(o.Configuration), mode: b.span(string(o.Mode)),
		timeOfStudy: b.span(o.TimeOfStudy), creditSystem: b.span(o.CreditSystem), studentAid: b.span(o.StudentAid),
		providerID: b.span(o.Provider.ID), providerName: b.span(o.Provider.Name),
		start: b.instant(o.Start), end: b.instant(o.End),
		applicationFirst: b.instant(o.ApplicationFirst), applicationLast: b.instant(o.ApplicationLast),
		credits:        o.Credits,
		municipalities: b.list(o.Municipalities), towns: b.list(o.Towns), languages: b.list(o.Languages), levels: b.list(o.Levels),
		mandatorySessions: int32(o.MandatorySessions), pace: int32(o.Pace),
		executionCondition: int32(o.ExecutionCondition), places: int32(o.Places),
		rollingStart: o.RollingStart, cancelled: o.Cancelled, validation: o.Validation}
	if len(o.Occupations) > 0 {
		// A pathway reads what the courses towards an occupation ask for.
		r.eligibility, r.degree = b.span(o.Eligibility), b.span(o.Degree)
		var key strings.Builder
		for _, m := range o.Occupations {
			key.WriteString(m.SSYK)
			key.WriteByte(0)
			key.WriteString(m.Reason)
			key.WriteByte(1)
		}
		k, ok := b.occs[key.String()]
		if !ok {
			k = int32(len(b.t.occs))
			b.occs[key.String()] = k
			list := make([]catalog.OccupationMatch, len(o.Occupations))
			for i, m := range o.Occupations {
				b.span(m.SSYK) // made a part of the text by done
				b.span(m.Reason)
				list[i] = m
			}
			b.t.occs = append(b.t.occs, list)
		}
		r.occupations = k
	}
	if len(o.Locations) > 0 {
		r.locations = b.locations(o.Locations)
	}
	if len(b.parts) == 0 || len(b.parts[len(b.parts)-1]) == partRows {
		b.parts = append(b.parts, make([]row, 0, partRows))
	}
	b.parts[len(b.parts)-1] = append(b.parts[len(b.parts)-1], r)
}

// locations returns the number of the list of locations equal to l.
// Most offerings have one, looked up as itself: spelled out as a key, the
// addresses of a national catalogue took a tenth of a Load.
func (b *tableBuilder) locations(l []catalog.Location) int32 {
	var key string
	if len(l) == 1 {
		if k, ok := b.oneLoc[l[0]]; ok {
			return k
		}
	} else if key = locationsKey(l); b.locs[key] != 0 {
		return b.locs[key]
	}
	k := int32(len(b.t.locs))
	b.t.locs = append(b.t.locs, l)
	if len(l) == 1 {
		b.oneLoc[l[0]] = k
	} else {
		b.locs[key] = k
	}
	return k
}

// locationsKey spells l out field by field, each ended by a byte no
// address holds: printed with fmt, "Lärcentrum" at "Hede Storgatan 4" and
// "Lärcentrum Hede" at "Storgatan 4" were one key.
func locationsKey(l []catalog.Location) string {
	var b strings.Builder
	for _, x := range l {
		for _, f := range [...]string{x.Name, x.Street, x.PostalCode, x.Town, x.Municipality} {
			b.WriteString(f)
			b.WriteByte(0)
		}
		b.WriteString(strconv.FormatFloat(x.Lat, 'g', -1, 64))
		b.WriteByte(0)
		b.WriteString(strconv.FormatFloat(x.Lon, 'g', -1, 64))
		b.WriteByte(1)
	}
	return b.String()
}

func (b *tableBuilder) span(s string) span {
	if s == "" {
		return span{}
	}
	if sp, ok := b.spans[s]; ok {
		return sp
	}
	sp := span{off: uint32(b.text.Len()), n: uint32(len(s))}
	b.text.WriteString(s)
	b.spans[s] = sp
	return sp
}

func (b *tableBuilder) list(ss []string) int32 {
	if len(ss) == 0 {
		return 0
	}
	key := strings.Join(ss, "\x00")
	if k, ok := b.lists[key]; ok {
		return k
	}
	k := int32(len(b.t.lists))
	b.lists[key] = k
	for _, s := range ss {
		b.span(s) // made a part of the text by done
	}
	b.t.lists = append(b.t.lists, ss)
	return k
}

// done returns the table; the builder is not used after. The strings of
// the lists are made parts of the text, so that a list does not keep its
// strings as read.
func (b *tableBuilder) done() table {
	t := b.t
	t.rows = slices.Concat(b.parts...)
	t.text = b.text.String()
	for k, l := range t.lists[1:] {
		out := make([]string, len(l))
		for i, s := range l {
			out[i] = t.str(b.spans[s])
		}
		t.lists[k+1] = out
	}
	for _, l := range t.occs[1:] {
		for i := range l {
			l[i].SSYK, l[i].Reason = t.str(b.spans[l[i].SSYK]), t.str(b.spans[l[i].Reason])
		}
	}
	return t
}
