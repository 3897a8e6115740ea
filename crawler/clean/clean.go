// Package clean normalises the loose values real sources send: HTML that must
// be made safe, dates in several layouts and zones, URLs without a scheme.
// Every source kind uses it, so the same input means the same thing
// whichever feed it came from.
package clean

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"time"

	"github.com/microcosm-cc/bluemonday"

	"kurskatalog/data/catalog"
)

// Stockholm is the zone every calendar date in the catalogue is in.
var Stockholm = catalog.Stockholm

// policy allows the structure course descriptions use (paragraphs, lists,
// emphasis, links) and nothing that runs or styles.
var policy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "h3", "h4")
	p.AllowStandardURLs()
	p.AllowAttrs("href").OnElements("a")
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}()

// HTML makes source HTML safe to render.
func HTML(s string) string {
	return strings.TrimSpace(policy.Sanitize(s))
}

// paragraphBreak separates paragraphs of plain text: a blank line.
var paragraphBreak = regexp.MustCompile(`\n\s*\n`)

// TextAsHTML turns plain text into safe HTML, keeping paragraph breaks.
func TextAsHTML(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, para := range paragraphBreak.Split(s, -1) {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br>"))
		b.WriteString("</p>")
	}
	return b.String()
}

// dateLayouts are the shapes dates arrive in, most common first.
var dateLayouts = []string{
	"2006-01-02",
	"2006-01-02T15:04:05",
	time.RFC3339,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
}

// Date parses a date or date-time and returns the calendar date at midnight
// in Stockholm. Times with a zone are first converted to Swedish time, so
// "2026-08-16T22:00:00Z" is the 17th. An empty string is the zero time.
func Date(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "null") {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		t, err := time.ParseInLocation(layout, s, Stockholm)
		if err == nil {
			return catalog.Day(t), nil
		}
	}
	return time.Time{}, fmt.Errorf("unparseable date %q", s)
}

// LastApplicationDay reads a source's last day to apply. Skolverket's feeds
// write a far-future day (2099-12-31) for "apply any time": that is a
// rolling start, not a deadline, and comes back as the zero time with
// rolling true.
func LastApplicationDay(day time.Time) (last time.Time, rolling bool) {
	if day.Year() >= 2099 {
		return time.Time{}, true
	}
	return day, false
}

// URL adds the https scheme that real feeds often leave out
// ("www.miun.se/utbildning"), and drops values that are not web addresses.
func URL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		return s
	}
	if strings.Contains(s, " ") || strings.HasPrefix(lower, "javascript:") || strings.HasPrefix(lower, "mailto:") || !strings.Contains(s, ".") {
		return ""
	}
	return "https://" + strings.TrimPrefix(s, "//")
}

// Municipality returns code when it is a 4-digit SCB municipality code.
func Municipality(code string) (string, bool) {
	code = strings.TrimSpace(code)
	if len(code) == 3 { // leading zero lost by a spreadsheet: 180 -> 0180
		code = "0" + code
	}
	if len(code) != 4 {
		return "", false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return code, true
}

// FreeWords is how sources say that a course costs nothing, as a regular
// expression alternation: "Avgiftsfri", "kostnadsfritt", "ingen kursavgift",
// "gratis", and the English pages' "free of charge".
const FreeWords = `avgiftsfri(?:tt)?|kostnadsfri(?:tt)?|ingen (?:kurs)?avgift|gratis|free of charge|no fee`
