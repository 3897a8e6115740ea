// Package validation recognises offerings of validation of prior learning
// (validering): a structured assessment of what a learner already knows,
// from work or abroad, against a course or an occupation, ending in grades
// or a certificate. No source has a field for it (EMIL3 has no code, the
// providers' pages no column), so the offering's own words decide, with
// the discipline of the occupation rules: a title that names validation,
// a keyword that is the word, or a sentence of the description that offers
// it. A description that merely mentions the word (a guidance contact, a
// "no validation") does not, and neither does validation in its technical
// sense (of software, methods, models).
package validation

import (
	"regexp"
	"strings"

	"kurskatalog/data/catalog"
)

var (
	// inTitle: the word validering (or validera, valideringsutbildning,
	// valideringsingång...), yrkesvalidering and the like, or the English
	// phrases.
	inTitle = regexp.MustCompile(`(?i)(^|[^\p{L}])(validera|validering\p{L}*|(yrkes|kompetens|bransch)validering)([^\p{L}]|$)|validation of prior learning|recognition of prior learning`)
	// technical is validation in the engineer's sense, which a title or
	// a sentence with these words is about.
	technical = regexp.MustCompile(`(?i)verifiering|verification|programvar|mjukvar|software|simulering|mätmetod|\bmetod|\bmodell|testning|testfall|\bdata\b|statistisk`)
	// validationOf is "validering av X": of prior learning only when X is
	// knowledge or competence.
	validationOf  = regexp.MustCompile(`(?i)validering av (\p{L}+)`)
	learningWords = regexp.MustCompile(`(?i)^(reell|kunskap|kompetens|yrkes|tidigare|erfarenhet|dina|din|ditt|befintlig)`)
	// offered are the description's phrasings that offer validation:
	// "validering mot undersköterska", "du kan validera dina kunskaper",
	// "möjlighet till validering", "erbjuder validering", "kan valideras
	// mot kursens mål", "genom validering", "valideringsutbildning".
	offered = regexp.MustCompile(`(?i)validering mot|valideras mot|validera (dina|din|ditt|sina|sin|tidigare|befintliga)\b|möjlighet (till|att få|att) valider|erbjud\p{L}* (\p{L}+ )?validering|(genom|via) validering|validering ingår|valideringsutbildning|valideringsingång|valideringsspår|validering av (reell kompetens|dina|din|tidigare|yrkes)`)
	// stem is in every phrasing offered matches, lower-cased, so a text
	// without it matches none of them.
	stem = "valider"
	// negated sentences say there is none.
	negated = regexp.MustCompile(`(?i)\b(inte|ej|ingen|inga|saknas)\b`)
	// sentence splits plain text into sentences.
	sentence = regexp.MustCompile(`[.!?]\s+|\n`)
)

// Offered reports whether o is, or plainly includes, validation of prior
// learning.
func Offered(o *catalog.Offering) bool {
	for _, title := range []string{o.Title, o.TitleEN} {
		if titleNames(title) {
			return true
		}
	}
	for _, k := range o.Keywords {
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "validering", "validering av reell kompetens", "validation of prior learning":
			return true
		}
	}
	text := catalog.PlainText(o.Description)
	if !strings.Contains(strings.ToLower(text), stem) {
		return false // most descriptions: no need to split them and run the expressions
	}
	for _, s := range sentence.Split(text, -1) {
		if offered.MatchString(s) && !negated.MatchString(s) && !technical.MatchString(s) {
			return true
		}
	}
	return false
}

// titleNames reports whether a title names validation of prior learning.
func titleNames(title string) bool {
	if !inTitle.MatchString(title) || technical.MatchString(title) {
		return false
	}
	if m := validationOf.FindStringSubmatch(title); m != nil {
		return learningWords.MatchString(m[1])
	}
	return true
}
