package occupation

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"kurskatalog/data/catalog"
)

// Subject code types that the mapper reads.
const (
	subjectSSYK = "AUB_Subject"   // labour-market training: the SSYK group it trains for
	subjectSUN  = "C_Subject_SUN" // SUN 2020 field of education
	// subjectSUN5 is MYH's five-position code: the SUN field and a letter
	// of MYH's own for the programme's occupation ("481ac", programmers).
	subjectSUN5 = "MYH_SUN5"
)

// Mapper tells which occupations an offering prepares for, and why. It
// trusts, in this order (README.md, "How an offering is mapped"):
//
//  1. a regulated occupation the programme qualifies for (legitimation.csv),
//     always;
//  2. SSYK codes the source gives (AUB_Subject);
//  3. title and keyword rules;
//  4. only when 1-3 found nothing, MYH's five-position field, which names
//     the occupation a YH programme trains for;
//  5. only when 1-4 found nothing, the SUN field crosswalk: a field is
//     weaker evidence than the offering's own words.
//
// General education (Svenska 1, Matematik 2b) and leisure courses map to
// nothing because no rule or crosswalk row covers them.
type Mapper struct {
	tax       *Taxonomy
	crosswalk map[string][]crosswalkRow // by SUN field, 4 positions or MYH's 5
	rules     []rule
	excludes  []string
	regulated []regulated
}

type crosswalkRow struct {
	sun            string
	schoolTypes    []string // empty: any
	configurations []string // empty: any
	ssyk           []string
}

func (r *crosswalkRow) applies(o *catalog.Offering) bool {
	return (len(r.schoolTypes) == 0 || slices.Contains(r.schoolTypes, o.SchoolType)) &&
		(len(r.configurations) == 0 || slices.Contains(r.configurations, o.Configuration))
}

type rule struct {
	term        string
	keywordOnly bool
	ssyk        []string // empty for a mask
}

// DefaultMapper returns a mapper over the embedded taxonomy, crosswalk and
// rules.
func DefaultMapper() (*Mapper, error) {
	tax, err := Load()
	if err != nil {
		return nil, err
	}
	cw, err := files.Open("sun_ssyk.csv")
	if err != nil {
		return nil, err
	}
	defer cw.Close()
	rules, err := files.Open("rules.csv")
	if err != nil {
		return nil, err
	}
	defer rules.Close()
	m, err := NewMapper(tax, cw, rules)
	if err != nil {
		return nil, err
	}
	reg, err := files.Open("legitimation.csv")
	if err != nil {
		return nil, err
	}
	defer reg.Close()
	if err := m.LoadRegulated(reg); err != nil {
		return nil, err
	}
	return m, nil
}

// NewMapper reads a crosswalk (sun_ssyk.csv's columns) and rules
// (rules.csv's columns). Every SSYK code in them must be a 4-digit group of
// tax, so that a typo fails loudly instead of mapping to nothing.
func NewMapper(tax *Taxonomy, crosswalk, rules io.Reader) (*Mapper, error) {
	m := &Mapper{tax: tax, crosswalk: map[string][]crosswalkRow{}}
	err := readTable(crosswalk, "sun_ssyk", []string{"sun", "school_types", "configurations", "ssyk"},
		func(line int, r map[string]string) error {
			row := crosswalkRow{sun: r["sun"], schoolTypes: strings.Fields(r["school_types"]),
				configurations: strings.Fields(r["configurations"]), ssyk: strings.Fields(r["ssyk"])}
			if !validSUN(row.sun) {
				return fmt.Errorf("line %d: %q is not a 4-position SUN 2020 field or MYH's 5-position one", line, row.sun)
			}
			if err := m.checkCodes(row.ssyk); err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			m.crosswalk[row.sun] = append(m.crosswalk[row.sun], row)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = readTable(rules, "rules", []string{"kind", "term", "ssyk"}, func(line int, r map[string]string) error {
		term := strings.ToLower(r["term"])
		if term == "" {
			return fmt.Errorf("line %d: empty term", line)
		}
		switch r["kind"] {
		case "exclude":
			m.excludes = append(m.excludes, term)
			return nil
		case "mask":
			m.rules = append(m.rules, rule{term: term})
			return nil
		case "match", "keyword":
			ru := rule{term: term, keywordOnly: r["kind"] == "keyword", ssyk: strings.Fields(r["ssyk"])}
			if err := m.checkCodes(ru.ssyk); err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			m.rules = append(m.rules, ru)
			return nil
		}
		return fmt.Errorf("line %d: kind %q is not match, keyword, mask or exclude", line, r["kind"])
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// catchAll reports whether MYH files o under a catch-all code of its field
// ("582cy", Övriga utbildningar byggnadsarbete): the programme is not what
// the field usually trains for, so the field's row would be a guess.
func catchAll(o *catalog.Offering) bool {
	for _, s := range o.Subjects {
		if c := strings.ToLower(strings.TrimSpace(s.Code)); s.Type == subjectSUN5 && len(c) == 5 && c[4] == 'y' {
			return true
		}
	}
	return false
}

// validSUN accepts a SUN 2020 field (4 positions: "481a") and MYH's
// five-position code, the field and a letter ("481ac").
func validSUN(code string) bool {
	if len(code) == 5 {
		return code[4] >= 'a' && code[4] <= 'z'
	}
	return len(code) == 4
}

func (m *Mapper) checkCodes(codes []string) error {
	if len(codes) == 0 {
		return fmt.Errorf("no SSYK group")
	}
	for _, c := range codes {
		if g, ok := m.tax.Group(c); !ok || g.Level != 4 {
			return fmt.Errorf("%q is not a 4-digit SSYK 2012 group", c)
		}
	}
	return nil
}

// Map returns the occupations o prepares for, by SSYK group (canonical, see
// Taxonomy.Canonical), each with the reasons that led to it.
func (m *Mapper) Map(o catalog.Offering) []catalog.OccupationMatch {
	found := map[string][]string{}
	add := func(code, reason string) {
		c := m.tax.Canonical(code)
		if c != code {
			reason += " (filed under " + c + ")"
		}
		if !slices.Contains(found[c], reason) {
			found[c] = append(found[c], reason)
		}
	}
	for _, h := range m.regulatedHits(&o) {
		for _, c := range h.reg.ssyk {
			add(c, h.reason)
		}
	}
	for _, s := range o.Subjects {
		if s.Type != subjectSSYK {
			continue
		}
		code := strings.TrimSpace(s.Code)
		if g, ok := m.tax.Group(code); ok && g.Level == 4 {
			add(code, subjectSSYK+" "+code)
		}
	}
	for _, h := range m.ruleHits(&o) {
		for _, c := range h.rule.ssyk {
			add(c, fmt.Sprintf("%s rule '%s'", h.via, h.rule.term))
		}
	}
	for _, typ := range []string{subjectSUN5, subjectSUN} {
		if len(found) > 0 || typ == subjectSUN && catchAll(&o) {
			break
		}
		for _, s := range o.Subjects {
			if s.Type != typ {
				continue
			}
			for _, row := range m.crosswalk[strings.ToLower(strings.TrimSpace(s.Code))] {
				if row.applies(&o) {
					for _, c := range row.ssyk {
						add(c, fmt.Sprintf("SUN %s -> %s", row.sun, c))
					}
				}
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	out := make([]catalog.OccupationMatch, 0, len(found))
	for c, reasons := range found {
		out = append(out, catalog.OccupationMatch{SSYK: c, Reason: strings.Join(reasons, "; ")})
	}
	slices.SortFunc(out, func(a, b catalog.OccupationMatch) int { return strings.Compare(a.SSYK, b.SSYK) })
	return out
}

type ruleHit struct {
	rule *rule
	via  string // "title" or "keyword"
}

// ruleHits returns the rules that match o's title or keywords, without
// those whose term is part of a longer matching term.
func (m *Mapper) ruleHits(o *catalog.Offering) []ruleHit {
	title := strings.ToLower(o.Title)
	for _, ex := range m.excludes {
		if strings.Contains(title, ex) {
			return nil
		}
	}
	keywords := make([]string, len(o.Keywords))
	for i, k := range o.Keywords {
		keywords[i] = strings.ToLower(strings.TrimSpace(k))
	}
	var hits []ruleHit
	for i := range m.rules {
		r := &m.rules[i]
		switch {
		case !r.keywordOnly && strings.Contains(title, r.term):
			hits = append(hits, ruleHit{r, "title"})
		case slices.Contains(keywords, r.term):
			hits = append(hits, ruleHit{r, "keyword"})
		}
	}
	all := slices.Clone(hits)
	return slices.DeleteFunc(hits, func(h ruleHit) bool {
		for _, other := range all {
			if other.rule.term != h.rule.term && strings.Contains(other.rule.term, h.rule.term) {
				return true
			}
		}
		return false
	})
}
