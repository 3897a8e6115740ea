package pathway

import (
	"regexp"
	"slices"
	"strings"

	"kurskatalog/data/catalog"
)

// Requirement is one entry requirement a course states, as the upper
// secondary courses that meet it: Courses lists every alternative's
// course names (a "1a1+1a2" alternative contributes both halves).
type Requirement struct {
	// Label is the requirement as the source words it ("Matematik
	// 2a/2b/2c"), or the name of basic eligibility.
	Label   string   `json:"label"`
	Courses []string `json:"courses"`
	// Basic marks basic eligibility (grundläggande behörighet), which a
	// gymnasium diploma gives; the other requirements are specific
	// courses (särskild behörighet) that a diploma may lack.
	Basic bool `json:"basic"`
}

// Needs is what an eligibility text asks of a learner.
type Needs struct {
	Requirements []Requirement
	// Higher is set when the course builds on earlier higher education
	// (a degree, or credits in the main field): only a learner who has
	// studied at a university can take it.
	Higher bool
}

// basicEligibility is basic eligibility for higher education as the
// upper secondary courses that give it (Högskoleförordningen 7 kap. 5 §,
// Skolverket's gymnasial vuxenutbildning: Svenska or Svenska som
// andraspråk 1-3, Engelska 5-6, Matematik 1). Yrkeshögskolan asks for a
// gymnasium diploma or equivalent knowledge, which the same core gives, so
// one definition serves both.
var basicEligibility = []Requirement{
	{Label: "Svenska 1–3 / Svenska som andraspråk 1–3", Basic: true, Courses: []string{
		"Svenska 1", "Svenska 2", "Svenska 3", "Svenska som andraspråk 1", "Svenska som andraspråk 2", "Svenska som andraspråk 3"}},
	{Label: "Engelska 5–6", Basic: true, Courses: []string{"Engelska 5", "Engelska 6"}},
	{Label: "Matematik 1a/1b/1c", Basic: true, Courses: []string{"Matematik 1a", "Matematik 1b", "Matematik 1c"}},
}

var (
	// subjectLevels finds a GY11 subject with its course levels:
	// "Matematik 2a/2b/2c", "Samhällskunskap 1b/1a1+1a2", "Engelska 6".
	subjectLevels = regexp.MustCompile(`(?i)\b(svenska som andraspråk|svenska|engelska|matematik|naturkunskap|samhällskunskap|fysik|kemi|biologi|historia|religionskunskap|geografi)\s+(\d[a-c]?\d?(?:\s*[/+]\s*\d[a-c]?\d?)*)`)
	// clauseBreak splits a requirement list into its requirements; a
	// slash between two subjects ("Svenska 2 / Svenska som andraspråk 2")
	// stays inside one clause, as alternatives.
	clauseBreak = regexp.MustCompile(`(?i)[,.;:]|\s(?:och|samt)\s`)
	basicWords  = regexp.MustCompile(`(?i)grundläggande behörighet|gymnasieexamen`)
	higherWords = regexp.MustCompile(`(?i)\b(kandidatexamen|magisterexamen|yrkesexamen|\d+\s*hp\b|högskolepoäng)`)
)

// ParseEligibility reads what an eligibility text (sanitised HTML, as
// Offering.Eligibility holds it) asks for.
func ParseEligibility(html string) Needs {
	text := catalog.PlainText(html)
	var n Needs
	if basicWords.MatchString(text) {
		n.Requirements = append(n.Requirements, basicEligibility...)
	}
	n.Higher = higherWords.MatchString(text)
	for _, clause := range clauseBreak.Split(text, -1) {
		var r Requirement
		var labels []string
		for _, m := range subjectLevels.FindAllStringSubmatch(clause, -1) {
			subject := capitalise(m[1])
			labels = append(labels, subject+" "+strings.ReplaceAll(m[2], " ", ""))
			for _, alt := range strings.Split(m[2], "/") {
				for _, part := range strings.Split(alt, "+") {
					if name := subject + " " + strings.TrimSpace(part); !slices.Contains(r.Courses, name) {
						r.Courses = append(r.Courses, name)
					}
				}
			}
		}
		if len(labels) == 0 {
			continue
		}
		r.Label = strings.Join(labels, " / ")
		n.Requirements = addRequirement(n.Requirements, r)
	}
	return n
}

// addRequirement adds r unless a requirement with its label is there.
func addRequirement(list []Requirement, r Requirement) []Requirement {
	if slices.ContainsFunc(list, func(x Requirement) bool { return x.Label == r.Label }) {
		return list
	}
	return append(list, r)
}

// capitalise writes a subject as course titles do: "Svenska som andraspråk".
func capitalise(s string) string {
	s = strings.ToLower(s)
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// meets reports whether a course title is one of the named courses:
// equal, or the name followed by a qualifier ("Matematik 2a, distans",
// "Engelska 6 (kväll)"), never a longer name ("Svenska 1" is not
// "Svenska 1 för ...", "Matematik 1" not "Matematik 1a").
func meets(title string, names []string) bool {
	lower := make([]string, len(names))
	for i, n := range names {
		lower[i] = strings.ToLower(n)
	}
	return meetsLower(lowerTitle(title), lower)
}

// lowerTitle is a title as meetsLower compares it.
func lowerTitle(title string) string { return strings.ToLower(strings.TrimSpace(title)) }

// meetsLower is meets of a title lowered by lowerTitle and names lowered:
// a pathway asks it of every komvux course for each requirement, and
// lowering them at each ask was a quarter of the occupation page at
// national size.
func meetsLower(t string, names []string) bool {
	for _, n := range names {
		if t == n {
			return true
		}
		if rest, ok := strings.CutPrefix(t, n); ok {
			for _, q := range []string{",", ":", " (", " –", " -"} {
				if strings.HasPrefix(rest, q) {
					return true
				}
			}
		}
	}
	return false
}
