// Package catalog holds the domain of the course catalogue: offerings (one
// course or programme start a learner can apply to), their providers, sources
// and the search query and result shapes. It imports only the standard library;
// every adapter (crawler, storage, index, server) speaks these types.
package catalog

import (
	"html"
	"strings"
	"time"
)

// Mode says how much a learner has to travel to take an offering.
type Mode string

// The three modes. They are derived from the presence of a distance element
// and its number of mandatory sessions, the way EMIL3 describes it.
const (
	ModeOnsite  Mode = "onsite"  // taught at a place, no distance element
	ModeBlended Mode = "blended" // distance with at least one mandatory meeting
	ModeOnline  Mode = "online"  // distance with no mandatory meeting
)

// Valid reports whether m is one of the known modes.
func (m Mode) Valid() bool {
	return m == ModeOnsite || m == ModeBlended || m == ModeOnline
}

// Code is a classification value such as a SUN 2020 field or an SSYK group.
// Type keeps the code list it belongs to (for example "C_Subject_SUN").
type Code struct {
	Type string `json:"type"`
	Code string `json:"code"`
}

// Provider is the school, university or organisation that runs an offering.
type Provider struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	ResponsibleBody string `json:"responsible_body,omitempty"` // kommunal, region, statlig, enskild, annan
	URL             string `json:"url,omitempty"`
	Email           string `json:"email,omitempty"`
	Phone           string `json:"phone,omitempty"`
	Town            string `json:"town,omitempty"`
	// Address is the provider's visiting address, which tells a learner
	// where to go when the offering itself names no place.
	Address *Location `json:"address,omitempty"`
}

// Offering is one start of a course or programme: the thing a learner applies
// to. Dates are calendar dates in Swedish time; the zero time means unknown.
type Offering struct {
	ID          string `json:"id"`           // the source's event identifier, e.g. e.uoh.miun.ga011.12345.20262
	EducationID string `json:"education_id"` // the course or programme it is a start of
	Code        string `json:"code,omitempty"`

	Title       string   `json:"title"`
	TitleEN     string   `json:"title_en,omitempty"`
	Description string   `json:"description,omitempty"` // sanitised HTML, safe to render
	Keywords    []string `json:"keywords,omitempty"`

	Provider      Provider `json:"provider"`
	SchoolType    string   `json:"school_type"`             // EMIL3 C_SchoolType code: HS, YH, FHS, VUXGR...
	Configuration string   `json:"configuration,omitempty"` // kurs, kurspaket, program

	Municipalities []string `json:"municipalities"`  // 4-digit SCB codes
	Towns          []string `json:"towns,omitempty"` // where it is held, as the source names it
	Mode           Mode     `json:"mode"`
	// MandatorySessions is the number of compulsory meetings of a blended offering.
	MandatorySessions int    `json:"mandatory_sessions"`
	DistanceNote      string `json:"distance_note,omitempty"`

	Pace        int    `json:"pace,omitempty"`          // percent of full time; 0 = unknown
	TimeOfStudy string `json:"time_of_study,omitempty"` // dag, kväll, veckoslut, blandat...

	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
	// ExecutionCondition is EMIL3's: 0 not planned, 1 fixed dates,
	// 2 learner decides start, 3 provider decides start.
	ExecutionCondition int       `json:"execution_condition"`
	RollingStart       bool      `json:"rolling_start"`
	ApplicationFirst   time.Time `json:"application_first,omitzero"`
	ApplicationLast    time.Time `json:"application_last,omitzero"`
	ApplicationURL     string    `json:"application_url,omitempty"`
	ApplicationCode    string    `json:"application_code,omitempty"`

	Languages    []string `json:"languages,omitempty"` // ISO 639-2: swe, eng...
	Credits      float64  `json:"credits,omitempty"`
	CreditSystem string   `json:"credit_system,omitempty"` // hp, yh, gy, fup, vp, nyp
	Levels       []string `json:"levels,omitempty"`
	Subjects     []Code   `json:"subjects,omitempty"`
	// Degree is the degree (examen) the education leads to as the source
	// words it ("Sjuksköterskeexamen"); empty when it leads to none or the
	// source does not say.
	Degree string `json:"degree,omitempty"`
	// Occupations are the SSYK 2012 groups the offering prepares for, each
	// with the reason it was matched; set at import.
	Occupations []OccupationMatch `json:"occupations,omitempty"`
	Places      int               `json:"places,omitempty"`
	StudentAid  string            `json:"student_aid,omitempty"` // EMIL3 C_StudentAid: ja, nej, A 1...

	// Validation is set at import when the offering is, or plainly
	// includes, validation of prior learning (validering: what a learner
	// knows from work or abroad assessed and graded); see data/validation.
	Validation bool `json:"validation,omitempty"`

	// Eligibility is the entry requirement and PriorKnowledge the
	// recommended (not required) prior knowledge, both sanitised HTML.
	Eligibility    string `json:"eligibility,omitempty"`
	PriorKnowledge string `json:"prior_knowledge,omitempty"`
	// Fees are what the source says a learner pays; empty means the source
	// says nothing, which is not the same as free.
	Fees []Fee `json:"fees,omitempty"`
	// Locations are the addresses the offering is held at, where the source
	// gives more than a town.
	Locations []Location `json:"locations,omitempty"`
	Cancelled bool       `json:"cancelled"`
	URL       string     `json:"url,omitempty"`

	// Provenance is the primary record's source, with first and last seen
	// over all sources; Sources lists every source that has this offering.
	Provenance Provenance   `json:"provenance"`
	Sources    []Provenance `json:"sources,omitempty"`
}

// Fee is one fee of an offering. Free is true when the source says the
// offering costs nothing; otherwise Amount (0 = not stated) in Currency,
// and Condition says what it covers or whom it applies to.
type Fee struct {
	Free             bool    `json:"free,omitempty"`
	Amount           float64 `json:"amount,omitempty"`
	Currency         string  `json:"currency,omitempty"`
	FirstInstallment float64 `json:"first_installment,omitempty"`
	Condition        string  `json:"condition,omitempty"` // plain text
}

// Location is a place an offering is held or a provider receives visitors.
// Lat and Lon are WGS84 degrees; both zero means no coordinates.
type Location struct {
	Name         string  `json:"name,omitempty"` // the study location, e.g. "Campus Östersund"
	Street       string  `json:"street,omitempty"`
	PostalCode   string  `json:"postal_code,omitempty"`
	Town         string  `json:"town,omitempty"`
	Municipality string  `json:"municipality,omitempty"` // 4-digit SCB code
	Lat          float64 `json:"lat,omitempty"`
	Lon          float64 `json:"lon,omitempty"`
}

// HasCoordinates reports whether l has a position.
func (l *Location) HasCoordinates() bool { return l.Lat != 0 || l.Lon != 0 }

// Provenance says where an offering came from and when it was seen.
type Provenance struct {
	Source string `json:"source"`
	ID     string `json:"id,omitempty"` // the source's own id for the offering

	SourceURL   string    `json:"source_url,omitempty"`
	FirstSeen   time.Time `json:"first_seen,omitzero"`
	LastSeen    time.Time `json:"last_seen,omitzero"`
	LastChanged time.Time `json:"last_changed,omitzero"`
}

// StudentAidStated reports whether the source says whether the offering
// qualifies for CSN student aid: EMIL3's "saknas" says it does not know.
func (o *Offering) StudentAidStated() bool {
	s := strings.ToLower(strings.TrimSpace(o.StudentAid))
	return s != "" && s != "saknas"
}

// StudentAidEligible reports whether the offering qualifies for CSN student aid
// as far as the source says. EMIL3 uses "ja" and CSN's own codes like "A 1".
func (o *Offering) StudentAidEligible() bool {
	return o.StudentAidStated() && strings.ToLower(strings.TrimSpace(o.StudentAid)) != "nej"
}

// DescriptionText is the description without markup, for indexing and
// snippets.
func (o *Offering) DescriptionText() string { return PlainText(o.Description) }

// PlainText is sanitised HTML as text: every tag (from a "<" to the next
// ">") a space, entities decoded, runs of ASCII white space one space, no
// white space at either end. Every search's page makes its hits' snippets
// from it, so it walks the string by hand: two regular expressions took
// a twentieth of a loaded service's CPU.
func PlainText(h string) string {
	var b strings.Builder
	if strings.IndexByte(h, '<') >= 0 {
		b.Grow(len(h))
		for {
			i := strings.IndexByte(h, '<')
			if i < 0 {
				break
			}
			j := strings.IndexByte(h[i:], '>')
			if j < 0 {
				break // a "<" that no ">" closes is text, and so is every one after it
			}
			b.WriteString(h[:i])
			b.WriteByte(' ')
			h = h[i+j+1:]
		}
		b.WriteString(h)
		h = b.String()
	}
	return strings.TrimSpace(foldSpace(html.UnescapeString(h)))
}

// foldSpace makes every run of ASCII white space (\t \n \f \r and space)
// one space.
func foldSpace(s string) string {
	// Most texts have single spaces only: return them as they are.
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		if isSpace(s[i]) && (s[i] != ' ' || i+1 < len(s) && isSpace(s[i+1])) {
			clean = false
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			b = append(b, s[i])
			continue
		}
		b = append(b, ' ')
		for i+1 < len(s) && isSpace(s[i+1]) {
			i++
		}
	}
	return string(b)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
