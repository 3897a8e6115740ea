package frontend

import (
	"bufio"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Calendar is an iCalendar (RFC 5545) calendar of all-day events: the
// application deadlines of a search.
type Calendar struct {
	ProdID string // -//Org//Product//LANG
	Name   string // shown by clients as the calendar's name (X-WR-CALNAME)
	Events []Event
}

// Event is one all-day event.
type Event struct {
	UID         string    // globally unique and stable, so a re-import updates instead of duplicating
	Stamp       time.Time // DTSTAMP: when this calendar was made
	Date        time.Time // the calendar date (the day in Swedish time)
	Summary     string
	Description string
	URL         string
}

// maxLineOctets is RFC 5545's limit on a content line, without the CRLF.
const maxLineOctets = 75

// WriteICalendar writes c in RFC 5545 form: CRLF line ends, lines folded at
// 75 octets without splitting a character, TEXT values escaped, and each
// event a VALUE=DATE day with an exclusive end the day after.
func WriteICalendar(w io.Writer, c Calendar) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) { writeFolded(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", c.ProdID)
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", EscapeText(c.Name))
	}
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", e.UID)
		line("DTSTAMP", e.Stamp.UTC().Format("20060102T150405Z"))
		day := time.Date(e.Date.Year(), e.Date.Month(), e.Date.Day(), 0, 0, 0, 0, time.UTC)
		line("DTSTART;VALUE=DATE", day.Format("20060102"))
		line("DTEND;VALUE=DATE", day.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY", EscapeText(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", EscapeText(e.Description))
		}
		if e.URL != "" {
			line("URL", e.URL)
		}
		line("TRANSP", "TRANSPARENT") // a deadline does not make anyone busy
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// EscapeText escapes an iCalendar TEXT value (RFC 5545 3.3.11).
func EscapeText(s string) string { return textEscaper.Replace(s) }

// writeFolded writes one content line, folded so that no line is longer
// than 75 octets: continuation lines begin with a space, which counts.
func writeFolded(w *bufio.Writer, s string) {
	limit := maxLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut-- // never split a UTF-8 sequence
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLineOctets - 1
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
