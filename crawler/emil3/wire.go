// Package emil3 imports Skolverket's Susa-navet EMIL3 API: it pages through
// education events, infos and providers, joins them and normalises each event
// into a catalog.Offering.
package emil3

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The wire structs mirror the EMIL3 JSON (OpenAPI 3.0.2) field for field, with
// only the fields the catalogue reads. They are also what the snapshot
// generator writes, so that bundled data and live data share one shape.

// Envelope is a list response. Exactly one of the three arrays is set,
// depending on the endpoint.
type Envelope struct {
	Links              []Link          `json:"links"`
	EducationEvents    []EventEntry    `json:"educationEvents,omitempty"`
	EducationInfos     []InfoEntry     `json:"educationInfos,omitempty"`
	EducationProviders []ProviderEntry `json:"educationProviders,omitempty"`
	Page               PageMetadata    `json:"page"`
}

// Link is a HAL-style link in a list envelope.
type Link struct {
	Rel  string `json:"rel"`
	Href string `json:"href"`
}

// PageMetadata describes one page of a list; pages count from 0.
type PageMetadata struct {
	Size          int64 `json:"size"`
	TotalElements int64 `json:"totalElements"`
	TotalPages    int64 `json:"totalPages"`
	PageNumber    int64 `json:"pageNumber"`
}

// Status values of list entries. Anything but ACTIVE means the resource is
// gone, and its content is null.
const StatusActive = "ACTIVE"

// EventEntry is one educationEvents entry.
type EventEntry struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Content *Event `json:"content"`
}

// InfoEntry is one educationInfos entry.
type InfoEntry struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Content *Info  `json:"content"`
}

// ProviderEntry is one educationProviders entry.
type ProviderEntry struct {
	ID      string    `json:"id"`
	Status  string    `json:"status"`
	Content *Provider `json:"content"`
}

// Event is an EducationEvent: one start of an education.
type Event struct {
	Identifier             string           `json:"identifier"`
	Education              string           `json:"education"`
	Providers              []string         `json:"providers"`
	LastEdited             string           `json:"lastEdited,omitempty"`
	Expires                string           `json:"expires,omitempty"`
	Title                  *LangString      `json:"title,omitempty"`
	Description            *LangString      `json:"description,omitempty"`
	URL                    *LangURL         `json:"url,omitempty"`
	Locations              []Address        `json:"locations,omitempty"`
	LanguageOfInstructions []string         `json:"languageOfInstructions,omitempty"`
	Execution              *Execution       `json:"execution,omitempty"`
	IsCancelled            *bool            `json:"isCancelled,omitempty"`
	Places                 *Number          `json:"places,omitempty"`
	TimeOfStudy            *CodeValue       `json:"timeOfStudy,omitempty"`
	PaceOfStudy            *PaceOfStudy     `json:"paceOfStudy,omitempty"`
	IsApprenticeship       *bool            `json:"isApprenticeship,omitempty"`
	Distance               *Distance        `json:"distance,omitempty"`
	Application            *Application     `json:"application,omitempty"`
	Fees                   []Fee            `json:"fees,omitempty"`
	Keywords               Keywords         `json:"keywords,omitempty"`
	Extensions             []EventExtension `json:"extensions,omitempty"`
}

// Address is a location or visiting address. AreaCode is the 4-digit SCB
// municipality code.
type Address struct {
	StreetAddress string      `json:"streetAddress,omitempty"`
	PostalCode    string      `json:"postalCode,omitempty"`
	Town          string      `json:"town,omitempty"`
	AreaCode      string      `json:"areaCode,omitempty"`
	Country       string      `json:"country,omitempty"`
	WGS84         string      `json:"wgs84,omitempty"`
	StudyLocation *LangString `json:"studyLocation,omitempty"`
}

// Execution says when an event runs. Start and End are dates (YYYY-MM-DD),
// though real data also carries times.
type Execution struct {
	Condition *CodeValue `json:"condition,omitempty"`
	Start     string     `json:"start,omitempty"`
	End       string     `json:"end,omitempty"`
}

// PaceOfStudy is the study pace in percent of full time.
type PaceOfStudy struct {
	Percentage *Number `json:"percentage,omitempty"`
	Individual *bool   `json:"individual,omitempty"`
}

// Distance is present when the event is distance education.
type Distance struct {
	NoOfMandatorySessions       *Number     `json:"noOfMandatorySessions,omitempty"`
	NoOfOptionalSessions        *Number     `json:"noOfOptionalSessions,omitempty"`
	NoOfMandatoryRemoteSessions *Number     `json:"noOfMandatoryRemoteSessions,omitempty"`
	NoOfOptionalRemoteSessions  *Number     `json:"noOfOptionalRemoteSessions,omitempty"`
	Description                 *LangString `json:"description,omitempty"`
}

// Application holds the application window. Continuous is not in the
// specification but real records carry it.
type Application struct {
	Code       string   `json:"code,omitempty"`
	First      string   `json:"first,omitempty"`
	Last       string   `json:"last,omitempty"`
	Continuous *bool    `json:"continuous,omitempty"`
	Email      string   `json:"email,omitempty"`
	URL        *LangURL `json:"url,omitempty"`
}

// Fee is a fee for the event. Amounts may arrive as strings.
type Fee struct {
	TotalAmount      *Number     `json:"totalAmount,omitempty"`
	Currency         string      `json:"currency,omitempty"`
	Condition        *LangString `json:"condition,omitempty"`
	FirstInstallment *Number     `json:"firstInstallment,omitempty"`
}

// EventExtension carries school-type specific fields (KVEventExtension,
// UHEventExtension). Only the fields the catalogue reads are kept.
type EventExtension struct {
	Type       string `json:"type"`
	ID         string `json:"id"`
	Contractor string `json:"contractor,omitempty"`
	ITDistance *bool  `json:"itdistance,omitempty"`
}

// Info is an EducationInfo: the course or programme itself.
type Info struct {
	Identifier      string      `json:"identifier"`
	EducationBase   string      `json:"educationBase,omitempty"`
	Code            string      `json:"code,omitempty"`
	LastEdited      string      `json:"lastEdited,omitempty"`
	Expires         string      `json:"expires,omitempty"`
	Title           *LangString `json:"title,omitempty"`
	Description     *LangString `json:"description,omitempty"`
	URL             *LangURL    `json:"url,omitempty"`
	Type            *CodeValue  `json:"type,omitempty"`
	EducationLevels []CodeValue `json:"educationLevels,omitempty"`
	Configuration   *CodeValue  `json:"configuration,omitempty"`
	Subjects        []CodeValue `json:"subjects,omitempty"`
	// Degrees names the degree (examen) the education leads to, e.g.
	// "Sjuksköterskeexamen", or "Ingen examen": the strongest word a record
	// has on the occupation a programme qualifies for.
	Degrees                   *LangString `json:"degrees,omitempty"`
	Credits                   *Credits    `json:"credits,omitempty"`
	Eligibility               *LangString `json:"eligibility,omitempty"`
	RecommendedPriorKnowledge *LangString `json:"recommendedPriorKnowledge,omitempty"`
	EligibleForStudentAid     *CodeValue  `json:"eligibleForStudentAid,omitempty"`
	QualificationLevel        *CodeValue  `json:"qualificationLevel,omitempty"`
}

// Credits is the extent of an education in a credit system.
type Credits struct {
	System  *CodeValue `json:"system,omitempty"`
	Credits *Number    `json:"credits,omitempty"`
}

// Provider is an EducationProvider.
type Provider struct {
	Identifier         string           `json:"identifier"`
	LastEdited         string           `json:"lastEdited,omitempty"`
	Name               *LangString      `json:"name,omitempty"`
	URL                *LangURL         `json:"url,omitempty"`
	ContactAddress     *Address         `json:"contactAddress,omitempty"`
	VisitAddresses     []Address        `json:"visitAddresses,omitempty"`
	EmailAddresses     []string         `json:"emailAddresses,omitempty"`
	Phones             []Phone          `json:"phones,omitempty"`
	ResponsibleBody    *ResponsibleBody `json:"responsibleBody,omitempty"`
	OrganisationNumber string           `json:"organisationNumber,omitempty"`
}

// Phone is a provider's phone number.
type Phone struct {
	Number   *LangString `json:"number,omitempty"`
	Function *LangString `json:"function,omitempty"`
}

// ResponsibleBody is the kind of body running a provider.
type ResponsibleBody struct {
	Type *CodeValue  `json:"type,omitempty"`
	Name *LangString `json:"name,omitempty"`
}

// LangString is EMIL3's multilingual text.
type LangString struct {
	Strings []LangNode `json:"strings"`
}

// LangNode is one language's text; Content "HTML" marks HTML in Value.
type LangNode struct {
	Lang    string `json:"lang,omitempty"`
	Content string `json:"content,omitempty"`
	Value   string `json:"value"`
}

// In returns the text in lang, or "" when there is none.
func (s *LangString) In(lang string) string {
	if s == nil {
		return ""
	}
	for _, n := range s.Strings {
		if n.Lang == lang {
			return strings.TrimSpace(n.Value)
		}
	}
	return ""
}

// Node returns the node in lang, falling back to the first node with a value.
func (s *LangString) Node(lang string) (LangNode, bool) {
	if s == nil {
		return LangNode{}, false
	}
	for _, n := range s.Strings {
		if n.Lang == lang && strings.TrimSpace(n.Value) != "" {
			return n, true
		}
	}
	for _, n := range s.Strings {
		if strings.TrimSpace(n.Value) != "" {
			return n, true
		}
	}
	return LangNode{}, false
}

// LangURL is EMIL3's multilingual URL.
type LangURL struct {
	URLs []LangNode `json:"urls"`
}

// Get returns the URL in lang, else the first one.
func (u *LangURL) Get(lang string) string {
	if u == nil {
		return ""
	}
	for _, n := range u.URLs {
		if n.Lang == lang && n.Value != "" {
			return strings.TrimSpace(n.Value)
		}
	}
	for _, n := range u.URLs {
		if n.Value != "" {
			return strings.TrimSpace(n.Value)
		}
	}
	return ""
}

// CodeValue is a code from one of EMIL3's code lists. Real data sometimes
// sends the code as a number, so the code is decoded from either.
type CodeValue struct {
	Type string     `json:"type"`
	Code CodeString `json:"code"`
}

// CodeString is a code that may arrive as a JSON string or number.
type CodeString string

// UnmarshalJSON accepts "2", 2 and null.
func (c *CodeString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*c = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*c = CodeString(strings.TrimSpace(s))
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("code: %w", err)
	}
	*c = CodeString(n.String())
	return nil
}

// Number is a JSON number that real data sometimes sends as a string
// ("100.0", "50", "null", "").
type Number struct {
	Value float64
	Valid bool
}

// UnmarshalJSON accepts 100, 100.0, "100.0", "100,0", "null", "" and null.
func (n *Number) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*n = Number{}
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" || strings.EqualFold(s, "null") {
			return nil
		}
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("number %q: %w", s, err)
	}
	*n = Number{Value: f, Valid: true}
	return nil
}

// MarshalJSON writes the number as JSON or null.
func (n Number) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, n.Value, 'f', -1, 64), nil
}

// Num returns a valid Number, for building records.
func Num(f float64) *Number { return &Number{Value: f, Valid: true} }

// Keywords holds an event's keywords. The specification says an array of
// LangStrings; real records send one LangString with many nodes. Both decode.
type Keywords []LangNode

// UnmarshalJSON accepts a LangString, an array of LangStrings and null.
func (k *Keywords) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*k = nil
	switch {
	case bytes.Equal(b, []byte("null")):
		return nil
	case len(b) > 0 && b[0] == '[':
		var list []LangString
		if err := json.Unmarshal(b, &list); err != nil {
			return fmt.Errorf("keywords: %w", err)
		}
		for _, ls := range list {
			*k = append(*k, ls.Strings...)
		}
		return nil
	default:
		var ls LangString
		if err := json.Unmarshal(b, &ls); err != nil {
			return fmt.Errorf("keywords: %w", err)
		}
		*k = ls.Strings
		return nil
	}
}

// MarshalJSON writes keywords the way real records carry them: one LangString.
func (k Keywords) MarshalJSON() ([]byte, error) {
	return json.Marshal(LangString{Strings: []LangNode(k)})
}
