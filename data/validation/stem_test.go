package validation

import (
	"strings"
	"testing"

	"kurskatalog/data/catalog"
)

// Every text the offered expression matches has its stem: the check that
// spares most descriptions the expressions never hides a match. The texts
// are the test cases' phrasings, cased and run together in many ways.
func TestOfferedHasStem(t *testing.T) {
	texts := []string{
		"Validering mot undersköterska", "du kan VALIDERA dina kunskaper", "möjlighet till validering",
		"Vi erbjuder även validering", "kunskaperna kan valideras mot kursens mål", "genom validering",
		"valideringsutbildning", "VALIDERINGSINGÅNG", "valideringsspår", "validering av reell kompetens",
		"Validering ingår", "möjlighet att få validera", "erbjuds en snabb validering", "via Validering",
	}
	for _, a := range texts {
		for _, b := range texts {
			for _, text := range []string{a, a + " " + b, strings.ToUpper(a) + ". " + b, strings.ToUpper(a[:1]) + a[1:]} {
				if offered.MatchString(text) && !strings.Contains(strings.ToLower(text), stem) {
					t.Errorf("%q matches without %q", text, stem)
				}
			}
		}
	}
	for _, text := range texts {
		if !offered.MatchString(text) && text != "valideringsutbildning" {
			continue
		}
		o := catalog.Offering{Title: "Vård och omsorg", Description: "<p>Kursen ges på distans. " + text + " för den som har erfarenhet.</p>"}
		if !Offered(&o) {
			t.Errorf("%q in a description is not offered validation", text)
		}
	}
}
