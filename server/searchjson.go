package server

import (
	"fmt"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
)

// The search API's answer is mostly intakes: a first page of 20 courses
// at national size lists some 250 of them, about 90 KB of JSON.
// encoding/json spent a fifth of a loaded service's CPU writing answers,
// so they are written here by hand, byte for byte as encoding/json writes
// them (a test compares the two on whole answers), and each intake is
// written once, when it is kept (Server.intakes).

// intakeJSON is an intake as the API writes it (appendIntake): kept
// encoded (Server.intakes), so that an answer copies its intakes' bytes
// rather than writing them again.
type intakeJSON []byte

// answers keeps the buffers the search API writes its answers into: at
// some 100 KB an answer, they were two fifths of the bytes a loaded
// service allocated, and so of its garbage collector's work.
var answers = sync.Pool{New: func() any { return new([]byte) }}

// maxKeptAnswer bounds the buffers kept: a page of 100 courses with many
// intakes is rare, and its buffer need not stay.
const maxKeptAnswer = 1 << 20

// writeSearch writes out as the answer, from a kept buffer.
func writeSearch(c *gin.Context, out *searchResponse) error {
	buf := answers.Get().(*[]byte)
	body, err := encodeSearch((*buf)[:0], out)
	if err != nil {
		return err
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
	// Written: the connection's writer has copied the bytes.
	if cap(body) <= maxKeptAnswer {
		*buf = body
		answers.Put(buf)
	}
	return nil
}

// encodeSearch appends out to b as encoding/json's Marshal would write it
// with each hit's Intakes set to its encoded intakes (out.intakes).
func encodeSearch(b []byte, out *searchResponse) ([]byte, error) {
	size := 4096 + 1024*len(out.Hits) // the facets, and a hit without its intakes
	for _, ins := range out.intakes {
		for _, in := range ins {
			size += len(in) + 1
		}
	}
	b = slices.Grow(b, size)
	b = append(b, `{"total":`...)
	b = strconv.AppendInt(b, int64(out.Total), 10)
	b = append(b, `,"total_intakes":`...)
	b = strconv.AppendInt(b, int64(out.TotalIntakes), 10)
	b = append(b, `,"group":`...)
	b = appendJSONString(b, out.Group)
	b = append(b, `,"page":`...)
	b = strconv.AppendInt(b, int64(out.Page), 10)
	b = append(b, `,"per_page":`...)
	b = strconv.AppendInt(b, int64(out.PerPage), 10)
	b = append(b, `,"relaxed":`...)
	b = strconv.AppendBool(b, out.Relaxed)
	b = append(b, `,"hits":`...)
	if out.Hits == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range out.Hits {
			if i > 0 {
				b = append(b, ',')
			}
			var intakes []intakeJSON
			if i < len(out.intakes) {
				intakes = out.intakes[i]
			}
			var err error
			if b, err = appendHit(b, &out.Hits[i], intakes); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	}
	b = append(b, `,"facets":`...)
	b = appendFacets(b, out.Facets)
	return append(b, '}'), nil
}

// appendFacets appends facets as encoding/json writes the map: by name.
func appendFacets(b []byte, facets map[string][]catalog.FacetValue) []byte {
	if facets == nil {
		return append(b, "null"...)
	}
	b = append(b, '{')
	for i, name := range slices.Sorted(maps.Keys(facets)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, name)
		b = append(b, ':')
		values := facets[name]
		if values == nil {
			b = append(b, "null"...)
			continue
		}
		b = append(b, '[')
		for j := range values {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"value":`...)
			b = appendJSONString(b, values[j].Value)
			b = append(b, `,"label":`...)
			b = appendJSONString(b, values[j].Label)
			b = append(b, `,"count":`...)
			b = strconv.AppendInt(b, int64(values[j].Count), 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendHit appends h, with intakes for its Intakes, as encoding/json
// writes a hit. A field added to hit must be added here: the test
// compares the two on hits made by toHit and searchAPI's fields.
func appendHit(b []byte, h *hit, intakes []intakeJSON) ([]byte, error) {
	b = append(b, '{')
	b = appendIntakeFields(b, &h.intake)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, h.Title)
	b = append(b, `,"title_html":`...)
	b = appendJSONString(b, h.TitleHTML)
	if h.Snippet != "" {
		b = append(b, `,"snippet":`...)
		b = appendJSONString(b, h.Snippet)
	}
	if h.TitleEN != "" {
		b = append(b, `,"title_en":`...)
		b = appendJSONString(b, h.TitleEN)
	}
	p := &h.Provider
	b = append(b, `,"provider":{"id":`...)
	b = appendJSONString(b, p.ID)
	b = append(b, `,"name":`...)
	b = appendJSONString(b, p.Name)
	for _, f := range [...]struct{ name, value string }{{`,"responsible_body":`, p.ResponsibleBody},
		{`,"url":`, p.URL}, {`,"email":`, p.Email}, {`,"phone":`, p.Phone}} {
		if f.value != "" {
			b = append(b, f.name...)
			b = appendJSONString(b, f.value)
		}
	}
	b = append(b, `},"school_type":`...)
	b = appendJSONString(b, h.SchoolType)
	if h.Credits != 0 {
		if math.IsNaN(h.Credits) || math.IsInf(h.Credits, 0) {
			return nil, fmt.Errorf("server: credits of %s: %v is not a JSON number", h.ID, h.Credits)
		}
		b = append(b, `,"credits":`...)
		b = appendJSONFloat(b, h.Credits)
	}
	if h.CreditSystem != "" {
		b = append(b, `,"credit_system":`...)
		b = appendJSONString(b, h.CreditSystem)
	}
	b = append(b, `,"source":`...)
	b = appendJSONString(b, h.Source)
	if len(h.Intakes) > 0 {
		return nil, fmt.Errorf("server: hit %s has intakes as structs: encodeSearch writes them from out.intakes", h.ID)
	}
	if len(intakes) > 0 {
		b = append(b, `,"intakes":[`...)
		for j, in := range intakes {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, in...)
		}
		b = append(b, ']')
	}
	if h.IntakesTotal != 0 {
		b = append(b, `,"intakes_total":`...)
		b = strconv.AppendInt(b, int64(h.IntakesTotal), 10)
	}
	return append(b, '}'), nil
}

// appendJSONFloat appends a finite f as encoding/json does: like %g
// without exponents from 1e-6 to 1e21, and with e-7 rather than e-07.
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendIntake appends in as encoding/json writes an intake.
func appendIntake(b []byte, in *intake) []byte {
	b = append(b, '{')
	return append(appendIntakeFields(b, in), '}')
}

// appendIntakeFields appends in's fields, without the braces around them.
func appendIntakeFields(b []byte, in *intake) []byte {
	b = append(b, `"id":`...)
	b = appendJSONString(b, in.ID)
	b = append(b, `,"municipalities":`...)
	b = appendJSONStrings(b, in.Municipalities)
	if len(in.Towns) > 0 {
		b = append(b, `,"towns":`...)
		b = appendJSONStrings(b, in.Towns)
	}
	b = append(b, `,"mode":`...)
	b = appendJSONString(b, string(in.Mode))
	b = append(b, `,"mandatory_sessions":`...)
	b = strconv.AppendInt(b, int64(in.MandatorySessions), 10)
	b = append(b, `,"pace":`...)
	if in.Pace == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, int64(*in.Pace), 10)
	}
	if in.TimeOfStudy != "" {
		b = append(b, `,"time_of_study":`...)
		b = appendJSONString(b, in.TimeOfStudy)
	}
	b = append(b, `,"start":`...)
	b = appendJSONStringPtr(b, in.Start)
	b = append(b, `,"end":`...)
	b = appendJSONStringPtr(b, in.End)
	b = append(b, `,"rolling_start":`...)
	b = strconv.AppendBool(b, in.RollingStart)
	b = append(b, `,"application_last":`...)
	b = appendJSONStringPtr(b, in.ApplicationLast)
	if in.URL != "" {
		b = append(b, `,"url":`...)
		b = appendJSONString(b, in.URL)
	}
	return b
}

func appendJSONStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

func appendJSONStringPtr(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendJSONString(b, *s)
}

// jsonSafe marks the bytes encoding/json writes as they are: ASCII from
// space on, but for the quote, the backslash and HTML's <, > and &.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSONString appends s quoted as encoding/json does by default:
// HTML's <, > and & escaped, invalid UTF-8 as U+FFFD, and U+2028 and
// U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if jsonSafe[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
