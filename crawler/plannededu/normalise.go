package plannededu

import (
	"fmt"
	"kurskatalog/crawler/clean"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"kurskatalog/data/catalog"
)

// skipError is a record problem: the record is skipped, the run goes on.
type skipError string

func (e skipError) Error() string { return string(e) }

// normalise turns one listed event into an offering. area is the municipality
// code the request filtered on: the record's own code wins, then its
// municipality name, and only then the code asked for.
func (s *Source) normalise(ev *Event, area string) (catalog.Offering, error) {
	id := strings.TrimSpace(ev.EducationEventID)
	o := catalog.Offering{ID: id, Municipalities: []string{}}
	if id == "" {
		return o, skipError("missing educationEventId")
	}
	if o.Title = cleanTitle(ev.TitleSv); o.Title == "" {
		return o, skipError("missing titleSv")
	}
	if o.Provider.Name = strings.TrimSpace(ev.ProviderName); o.Provider.Name == "" {
		return o, skipError("missing providerName")
	}
	o.Provider.Town = cleanTown(ev.ContactInfoAddressCity)

	ok := false
	if o.SchoolType, ok = schoolType(ev.TypeOfSchool); !ok {
		return o, skipError(fmt.Sprintf("unknown typeOfSchool %q", ev.TypeOfSchool))
	}
	if code, ok := municipalityCode(string(ev.GeographicalAreaCode), ev.Municipality); ok {
		o.Municipalities = []string{code}
	} else if area != "" {
		o.Municipalities = []string{area}
	}
	if t := cleanTown(ev.Town); t != "" {
		o.Towns = []string{t}
	}

	// The list says only whether an event is distance education, not how
	// many meetings it has, so distance can only mean online here.
	o.Mode = catalog.ModeOnsite
	if b, _ := strconv.ParseBool(string(ev.Distance)); b {
		o.Mode = catalog.ModeOnline
	}
	o.Pace = pace(string(ev.PaceOfStudy))
	if err := s.schedule(ev, &o); err != nil {
		return o, err
	}
	if c, err := strconv.ParseFloat(strings.Replace(string(ev.Credits), ",", ".", 1), 64); err == nil && c > 0 && !math.IsInf(c, 0) {
		o.Credits = c
		o.CreditSystem = strings.ToLower(strings.TrimSpace(ev.CreditsSystem))
		if o.CreditSystem == "null" {
			o.CreditSystem = ""
		}
	}

	o.Provenance = catalog.Provenance{Source: s.cfg.ID, SourceURL: ev.SelfURL()}
	if o.Provenance.SourceURL == "" {
		o.Provenance.SourceURL = strings.TrimRight(s.cfg.URL, "/") + "/" + url.PathEscape(id)
	}
	return o, nil
}

// schedule sets start, application deadline and the rolling flag. Rolling
// admission shows both as executionCondition 2 (learner decides) or 3
// (provider decides) and as the 2099-12-31 sentinel deadline, which must not
// reach the catalogue as a date.
func (s *Source) schedule(ev *Event, o *catalog.Offering) error {
	if c := string(ev.ExecutionCondition); c != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(c, ".0"))
		if err != nil || n < 0 || n > 3 {
			return skipError(fmt.Sprintf("executionCondition %q", c))
		}
		o.ExecutionCondition = n
	}
	o.RollingStart = o.ExecutionCondition == 2 || o.ExecutionCondition == 3

	var err error
	if o.Start, err = calendarDate(ev.SemesterStartFrom); err != nil {
		return skipError("semesterStartFrom: " + err.Error())
	}
	last, err := calendarDate(ev.LastApplicationDate)
	if err != nil {
		return skipError("lastApplicationDate: " + err.Error())
	}
	last, rolling := clean.LastApplicationDay(last)
	if rolling {
		o.RollingStart = true
	}
	o.ApplicationLast = last
	return nil
}

// pace reads paceOfStudy: "100.0", "50", "null", and ranges such as
// "50-100", which give their lower bound, the least a learner commits to.
// Anything else, or a value outside 1-100, is unknown (0).
func pace(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	if lo, _, ok := strings.Cut(s, "-"); ok {
		s = strings.TrimSpace(lo)
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || !(f > 0 && f <= 100) {
		return 0
	}
	return int(math.Round(f))
}

// cdata unwraps titles the way the IST export sends them.
var cdata = strings.NewReplacer("<![CDATA[", "", "]]>", "")

// cleanTitle strips <![CDATA[...]]> wrapping and folds whitespace.
func cleanTitle(s string) string {
	return strings.Join(strings.Fields(cdata.Replace(s)), " ")
}

// cleanTown trims a town and fixes the shouting some providers register
// ("JÖNKÖPING" -> "Jönköping").
func cleanTown(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s != strings.ToUpper(s) || s == strings.ToLower(s) {
		return s
	}
	r := []rune(strings.ToLower(s))
	start := true
	for i, c := range r {
		if start && unicode.IsLetter(c) {
			r[i] = unicode.ToUpper(c)
		}
		start = c == ' ' || c == '-'
	}
	return string(r)
}
