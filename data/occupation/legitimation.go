package occupation

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"kurskatalog/data/catalog"
)

// A regulated occupation (legitimation.csv): the programmes that qualify
// for it map to it always, because a counsellor asked "how do I become a
// nurse" must see every nursing programme, whatever else its record says.
type regulated struct {
	ssyk       []string
	grant      string // legitimation or behörighet
	occupation string // as the reason names it: "sjuksköterska"
	terms      []string
	sun        []string
}

func (r *regulated) reason(evidence string) string {
	return fmt.Sprintf("leder till %s som %s (%s)", r.grant, r.occupation, evidence)
}

// LoadRegulated reads a table of regulated occupations (legitimation.csv's
// columns) into m. Every SSYK code must be a 4-digit group and every SUN
// field four positions, so that a typo fails loudly.
func (m *Mapper) LoadRegulated(r io.Reader) error {
	return readTable(r, "legitimation", []string{"ssyk", "grant", "occupation", "terms", "sun"},
		func(line int, row map[string]string) error {
			reg := regulated{ssyk: strings.Fields(row["ssyk"]), grant: row["grant"],
				occupation: row["occupation"], sun: strings.Fields(row["sun"])}
			if reg.grant != "legitimation" && reg.grant != "behörighet" {
				return fmt.Errorf("line %d: grant %q is not legitimation or behörighet", line, reg.grant)
			}
			if reg.occupation == "" {
				return fmt.Errorf("line %d: no occupation", line)
			}
			if err := m.checkCodes(reg.ssyk); err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			for _, t := range strings.Split(row["terms"], "|") {
				if t = strings.ToLower(strings.Join(strings.Fields(t), " ")); t != "" {
					reg.terms = append(reg.terms, t)
				}
			}
			for _, s := range reg.sun {
				if len(s) != 4 {
					return fmt.Errorf("line %d: %q is not a 4-position SUN 2020 field", line, s)
				}
			}
			if len(reg.terms) == 0 && len(reg.sun) == 0 {
				return fmt.Errorf("line %d: neither terms nor sun", line)
			}
			m.regulated = append(m.regulated, reg)
			return nil
		})
}

type regulatedHit struct {
	reg    *regulated
	reason string
}

// regulatedHits returns, in table order, the regulated occupations o
// qualifies for, each with its reason: its degree or title names the
// programme, or it is a university programme in the field. Where two
// matching terms overlap (one contains the other), only the longer counts:
// "grundlärarprogrammet med inriktning mot fritidshem" is not also
// "grundlärarprogram".
func (m *Mapper) regulatedHits(o *catalog.Offering) []regulatedHit {
	type termHit struct {
		regulatedHit
		term string
	}
	var hits []termHit
	// Lowered once: every term of every table row is looked for in both.
	texts := [2]string{o.Degree, o.Title}
	lower := [2]string{strings.ToLower(o.Degree), strings.ToLower(o.Title)}
	for i := range m.regulated {
		reg := &m.regulated[i]
	terms:
		for _, t := range reg.terms {
			for k, text := range texts {
				if startsWord(lower[k], t) {
					hits = append(hits, termHit{regulatedHit{reg, reg.reason(strings.TrimSpace(text))}, t})
					break terms
				}
			}
		}
	}
	var out []regulatedHit
	for _, h := range hits {
		if !slices.ContainsFunc(hits, func(x termHit) bool { return x.term != h.term && strings.Contains(x.term, h.term) }) {
			out = append(out, h.regulatedHit)
		}
	}
	if o.SchoolType != "HS" || o.Configuration != "program" || len(out) > 0 {
		return out
	}
	// The field decides only when the words named no regulated programme:
	// "Specialistsjuksköterskeprogrammet" in 723h is a district nurse's.
	for i := range m.regulated {
		reg := &m.regulated[i]
		for _, s := range o.Subjects {
			if code := strings.TrimSpace(s.Code); s.Type == subjectSUN && slices.Contains(reg.sun, code) {
				out = append(out, regulatedHit{reg, reg.reason("SUN " + code)})
				break
			}
		}
	}
	return out
}

// startsWord reports whether term occurs in text at the start of a word.
func startsWord(text, term string) bool {
	for i := 0; i <= len(text)-len(term); {
		j := strings.Index(text[i:], term)
		if j < 0 {
			return false
		}
		j += i
		if j == 0 {
			return true
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:j]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
		_, size := utf8.DecodeRuneInString(text[j:])
		i = j + size
	}
	return false
}
