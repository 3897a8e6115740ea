package plannededu

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// The wire structs mirror the v3 hal+json of adult-education-events with only
// the fields the catalogue reads. Fields the API sends in more than one JSON
// type ("100.0", 100, "null", null) are Loose and parsed during normalisation,
// so that one odd value does not make a whole page undecodable.

// Response is the envelope every Planned Educations response comes in.
type Response struct {
	Status  string `json:"status"`
	Message string `json:"message"`
	Body    *Page  `json:"body"`
}

// Page is the body of one list page. Events are kept raw so that each record
// is decoded on its own and a malformed one can be skipped.
type Page struct {
	Embedded struct {
		Events []json.RawMessage `json:"listedAdultEducationEvents"`
	} `json:"_embedded"`
	Links    map[string]Link `json:"_links"`
	Metadata PageMetadata    `json:"page"`
}

// Link is a HAL link.
type Link struct {
	Href string `json:"href"`
}

// PageMetadata is Spring HAL paging; pages count from 0.
type PageMetadata struct {
	Size          int64 `json:"size"`
	TotalElements int64 `json:"totalElements"`
	TotalPages    int64 `json:"totalPages"`
	Number        int64 `json:"number"`
}

// Event is one listed adult education event. The record's own API address is
// in Links under its id, not under "self".
type Event struct {
	EducationEventID       string          `json:"educationEventId"`
	ProviderName           string          `json:"providerName"`
	County                 string          `json:"county"`
	Municipality           string          `json:"municipality"`
	GeographicalAreaCode   Loose           `json:"geographicalAreaCode"`
	Credits                Loose           `json:"credits"`
	CreditsSystem          string          `json:"creditsSystem"`
	Contractor             string          `json:"contractor"`
	Town                   string          `json:"town"`
	ContactInfoAddressCity string          `json:"contactInfoAddressCity"`
	TypeOfSchool           string          `json:"typeOfSchool"`
	SemesterStartFrom      string          `json:"semesterStartFrom"`
	PaceOfStudy            Loose           `json:"paceOfStudy"`
	TitleSv                string          `json:"titleSv"`
	Distance               Loose           `json:"distance"`
	LastApplicationDate    string          `json:"lastApplicationDate"`
	ExecutionCondition     Loose           `json:"executionCondition"`
	Links                  map[string]Link `json:"_links"`
}

// Loose is a scalar the API sends as a string, number, boolean or null. It
// holds the value as text; null and the string "null" both become "".
type Loose string

// UnmarshalJSON accepts any JSON scalar.
func (l *Loose) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*l = ""
	switch {
	case len(b) == 0:
		return errors.New("loose: empty value")
	case bytes.Equal(b, []byte("null")):
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if strings.EqualFold(s, "null") {
			s = ""
		}
		*l = Loose(s)
		return nil
	case b[0] == '{' || b[0] == '[':
		return fmt.Errorf("loose: want a scalar, got %.20s", b)
	default:
		// Numbers and booleans keep their literal text.
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*l = Loose(b)
		return nil
	}
}

// DecodePage parses one list response. An envelope that is not JSON, has no
// body or reports a status other than OK is an error; the records inside are
// left raw for DecodeEvent.
func DecodePage(data []byte) (*Page, error) {
	var r Response
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("decode page: %w", err)
	}
	if r.Status != "" && !strings.EqualFold(r.Status, "OK") {
		return nil, fmt.Errorf("decode page: status %q: %s", r.Status, r.Message)
	}
	if r.Body == nil {
		return nil, errors.New("decode page: no body")
	}
	m := r.Body.Metadata
	if m.TotalPages < 0 || m.Number < 0 || m.TotalElements < 0 {
		return nil, fmt.Errorf("decode page: bad page metadata %+v", m)
	}
	return r.Body, nil
}

// DecodeEvent parses one raw record. On failure it still tries to return the
// record's id, so that the skip can name it.
func DecodeEvent(raw json.RawMessage) (Event, error) {
	var ev Event
	if err := json.Unmarshal(raw, &ev); err != nil {
		var id struct {
			ID string `json:"educationEventId"`
		}
		_ = json.Unmarshal(raw, &id)
		return Event{EducationEventID: strings.TrimSpace(id.ID)}, err
	}
	return ev, nil
}

// SelfURL returns the record's API address, which the list keys by the
// record's id rather than by "self".
func (ev *Event) SelfURL() string {
	if l, ok := ev.Links[ev.EducationEventID]; ok && l.Href != "" {
		return l.Href
	}
	if l, ok := ev.Links["self"]; ok {
		return l.Href
	}
	return ""
}
