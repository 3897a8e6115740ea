package html

import (
	"errors"
	"fmt"
	"strings"

	"kurskatalog/crawler/clean"
	"kurskatalog/data/catalog"
)

// skipError is a record problem: the record is skipped, the crawl goes on.
type skipError string

func (e skipError) Error() string { return string(e) }

// errExcluded marks an item the site lists that is not a course.
var errExcluded = errors.New("excluded by title")

// resolved returns the record's value of field after mappings and defaults:
// a mapping replaces the page's exact wording, a default fills a gap.
func (s *site) resolved(r record, field string) string {
	v := r.fields[field]
	if m, ok := s.mappings[field]; ok {
		if to, ok := m[fold(v)]; ok {
			v = to
		}
	}
	if strings.TrimSpace(v) == "" {
		v = s.cfg.Defaults[field]
	}
	return strings.TrimSpace(v)
}

// offering normalises one record. The returned offering carries its ID
// when one could be made, also with an error, so that a skipped course
// still counts as present.
func (s *Source) offering(r record) (catalog.Offering, error) {
	st := s.site
	get := func(field string) string { return st.resolved(r, field) }
	o := catalog.Offering{
		Municipalities: []string{},
		Provenance:     catalog.Provenance{Source: s.id, SourceURL: r.page},
	}
	if id := get(FieldID); id != "" {
		o.ID = s.offeringID(id)
	}
	if o.Title = oneLine(get(FieldTitle)); o.Title == "" {
		return o, skipError("missing title")
	}
	if st.exclude != nil && st.exclude.MatchString(o.Title) {
		return o, errExcluded
	}

	if v := get(FieldStart); v != "" {
		sc, err := parseSchedule(v)
		if err != nil {
			return o, skipError("start: " + err.Error())
		}
		o.Start, o.End, o.ExecutionCondition, o.RollingStart = sc.start, sc.end, sc.condition, sc.rolling
	}
	if v := get(FieldEnd); v != "" {
		end, err := parseDeadline(v)
		if err != nil {
			return o, skipError("end: " + err.Error())
		}
		if !end.IsZero() {
			o.End = end
		}
	}
	if !o.End.IsZero() && o.End.Before(o.Start) {
		return o, skipError(fmt.Sprintf("end %s before start %s", o.End.Format("2006-01-02"), o.Start.Format("2006-01-02")))
	}
	if v := get(FieldApplicationLast); v != "" {
		last, err := parseDeadline(v)
		if err != nil {
			return o, skipError("application_last: " + err.Error())
		}
		o.ApplicationLast = last
	}
	if o.ID == "" {
		when := "lopande"
		if !o.Start.IsZero() {
			when = o.Start.Format("2006-01-02")
		} else if !o.RollingStart {
			when = ""
		}
		o.ID = s.offeringID(slug(o.Title, when))
	}

	if err := s.place(r, &o); err != nil {
		return o, err
	}
	if err := s.study(r, &o); err != nil {
		return o, err
	}

	if o.Provider.Name = oneLine(get(FieldProvider)); o.Provider.Name == "" {
		return o, skipError("missing provider")
	}
	if o.SchoolType = get(FieldSchoolType); !knownSchoolType(o.SchoolType) {
		return o, skipError(fmt.Sprintf("school_type: unknown %q", o.SchoolType))
	}
	o.Code = oneLine(get(FieldCode))
	o.EducationID = s.offeringID(slug(o.Title))
	if o.Code != "" {
		o.EducationID = s.offeringID(slug(o.Code))
	}
	o.Description = description(r, get(FieldDescription))
	o.URL = clean.URL(get(FieldURL))
	if o.URL == "" {
		o.URL = r.page
	}
	o.ApplicationURL = clean.URL(get(FieldApplicationURL))
	if f, ok := parseFee(get(FieldFee)); ok {
		o.Fees = []catalog.Fee{f}
	}
	return o, nil
}

// offeringID is html.<source id>.<key>: the key is the site's own id for
// the course start when it has one, else made from title and start.
func (s *Source) offeringID(key string) string {
	if k := slug(key); k != "" {
		key = k
	}
	return "html." + s.id + "." + key
}

// place sets municipalities and towns. A municipality the page names wins;
// else the towns' municipalities; else the site's default. An online course
// may have none.
func (s *Source) place(r record, o *catalog.Offering) error {
	st := s.site
	o.Towns = townList(st.resolved(r, FieldTown))
	// The default must not hide towns the page names, so it is applied
	// only after the towns have been looked up.
	raw := strings.TrimSpace(r.fields[FieldMunicipality])
	if m, ok := st.mappings[FieldMunicipality]; ok {
		if to, ok := m[fold(raw)]; ok {
			raw = to
		}
	}
	if raw != "" {
		codes, err := municipalityCodes(raw)
		if err != nil {
			return skipError("municipality: " + err.Error())
		}
		o.Municipalities = codes
		return nil
	}
	for _, t := range o.Towns {
		if code, ok := placeCode(t); ok {
			o.Municipalities = appendNew(o.Municipalities, code)
		}
	}
	if len(o.Municipalities) == 0 && st.cfg.Defaults[FieldMunicipality] != "" {
		codes, err := municipalityCodes(st.cfg.Defaults[FieldMunicipality])
		if err != nil {
			return skipError("municipality: " + err.Error())
		}
		o.Municipalities = codes
	}
	return nil
}

// study sets mode and meetings, pace, time of study, credits and places.
func (s *Source) study(r record, o *catalog.Offering) error {
	get := func(field string) string { return s.site.resolved(r, field) }
	o.Mode = catalog.ModeOnsite // a local course page means on site unless it says otherwise
	if v := get(FieldMode); v != "" {
		mi, ok := parseMode(v)
		if !ok {
			return skipError(fmt.Sprintf("mode: unrecognised %q", v))
		}
		o.Mode, o.MandatorySessions = mi.mode, mi.sessions
		if o.Mode != catalog.ModeOnsite && !catalog.Mode(fold(v)).Valid() && strings.Contains(v, " ") {
			o.DistanceNote = oneLine(v) // the page's own words on meetings and places
		}
	}
	if v := get(FieldMandatorySessions); v != "" {
		n, ok := parseCount(v)
		if !ok {
			return skipError(fmt.Sprintf("mandatory_sessions: unrecognised %q", v))
		}
		o.MandatorySessions = n
	}
	if o.MandatorySessions > 0 && o.Mode == catalog.ModeOnline {
		o.Mode = catalog.ModeBlended // distance with meetings, as EMIL3 has it
	}
	if o.Mode == catalog.ModeOnsite {
		o.MandatorySessions = 0
	}
	if v := get(FieldPace); v != "" {
		o.Pace, _ = parsePace(v) // optional: unknown wording is unknown pace
	}
	if v := get(FieldTimeOfStudy); v != "" {
		o.TimeOfStudy, _ = parseTimeOfStudy(v)
	}
	if v := get(FieldCredits); v != "" {
		if c, system, ok := parseCredits(v); ok {
			o.Credits, o.CreditSystem = c, system
		}
	}
	if o.Credits > 0 && o.CreditSystem == "" {
		o.CreditSystem = get(FieldCreditSystem)
	}
	if v := get(FieldPlaces); v != "" {
		o.Places, _ = parseCount(v)
	}
	return nil
}

// description sanitises a selected element's HTML, or turns text into
// paragraphs. Markup that sanitises to bare text is re-read as text, so
// that every description comes in paragraphs.
func description(r record, v string) string {
	if v == "" {
		return ""
	}
	if r.htmlDescription {
		h := clean.HTML(v)
		if strings.Contains(h, "<") {
			return h
		}
		v = textOfHTML(v)
	}
	return clean.TextAsHTML(v)
}
