// Package occupation knows the occupations a course can lead to: the SSYK
// 2012 classification, Arbetsförmedlingen's barometer occupations, and a
// Mapper that tells, with reasons, which occupations an offering prepares
// for. Its tables are embedded, editable files (see README.md); it also
// holds the county's learning centres.
package occupation

import (
	"embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"kurskatalog/data/catalog"
)

//go:embed ssyk2012.csv barometer.csv sun_ssyk.csv rules.csv legitimation.csv learning_centres.csv
var files embed.FS

// Taxonomy is SSYK 2012 with Arbetsförmedlingen's barometer occupations.
type Taxonomy struct {
	groups    map[string]catalog.Occupation
	codes     []string // sorted
	barometer []Barometer
	byGroup   map[string][]int // SSYK group -> indices into barometer
}

// Barometer is one of the occupations Arbetsförmedlingen's Yrkesbarometer
// assesses, with the SSYK groups it covers.
type Barometer struct {
	Name      string   `json:"name"` // yb_yrke
	ConceptID string   `json:"concept_id,omitempty"`
	Area      string   `json:"area"` // yrkesomrade
	SSYK      []string `json:"ssyk"`
	// PartOfSSYK is set when other barometer occupations share its groups.
	PartOfSSYK bool `json:"part_of_ssyk,omitempty"`
}

var defaultTaxonomy = sync.OnceValues(func() (*Taxonomy, error) {
	s, err := files.Open("ssyk2012.csv")
	if err != nil {
		return nil, err
	}
	defer s.Close()
	b, err := files.Open("barometer.csv")
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return ReadTaxonomy(s, b)
})

// Load returns the embedded taxonomy. It is read once and shared; callers
// must not modify what it returns.
func Load() (*Taxonomy, error) { return defaultTaxonomy() }

// ReadTaxonomy reads the SSYK table (ssyk2012.csv's columns) and the
// barometer occupations (barometer.csv's columns).
func ReadTaxonomy(ssyk, barometer io.Reader) (*Taxonomy, error) {
	t := &Taxonomy{groups: map[string]catalog.Occupation{}, byGroup: map[string][]int{}}
	err := readTable(ssyk, "ssyk2012", []string{"code", "level", "name_sv", "name_en", "name_af", "af_concept_id", "af_group"},
		func(line int, r map[string]string) error {
			level, err := strconv.Atoi(r["level"])
			if err != nil || level < 1 || level > 4 || len(r["code"]) != level || !digits(r["code"]) {
				return fmt.Errorf("line %d: bad code %q at level %q", line, r["code"], r["level"])
			}
			if r["name_sv"] == "" || r["name_en"] == "" {
				return fmt.Errorf("line %d: group %s needs a Swedish and an English name", line, r["code"])
			}
			o := catalog.Occupation{SSYK: r["code"], Level: level, Name: catalog.Label{SV: r["name_sv"], EN: r["name_en"]},
				Group: r["af_group"], ConceptID: r["af_concept_id"]}
			if level > 1 {
				o.Parent = o.SSYK[:level-1]
			}
			if o.Group == "" {
				o.Group = o.SSYK
			}
			if _, dup := t.groups[o.SSYK]; dup {
				return fmt.Errorf("line %d: group %s twice", line, o.SSYK)
			}
			t.groups[o.SSYK] = o
			t.codes = append(t.codes, o.SSYK)
			return nil
		})
	if err != nil {
		return nil, err
	}
	slices.Sort(t.codes)
	for _, c := range t.codes {
		if p := t.groups[c].Parent; p != "" {
			if _, ok := t.groups[p]; !ok {
				return nil, fmt.Errorf("ssyk2012: group %s has no parent %s", c, p)
			}
		}
	}
	err = readTable(barometer, "barometer", []string{"yrkesomrade", "yb_yrke", "yb_concept_id", "ssyk", "del_av_ssyk"},
		func(line int, r map[string]string) error {
			b := Barometer{Name: r["yb_yrke"], ConceptID: r["yb_concept_id"], Area: r["yrkesomrade"],
				SSYK: strings.Fields(r["ssyk"]), PartOfSSYK: r["del_av_ssyk"] == "1"}
			if b.Name == "" || len(b.SSYK) == 0 {
				return fmt.Errorf("line %d: occupation needs a name and SSYK groups", line)
			}
			for _, c := range b.SSYK {
				if g, ok := t.groups[c]; !ok || g.Level != 4 {
					return fmt.Errorf("line %d: %s: %q is not an SSYK 2012 group", line, b.Name, c)
				}
				t.byGroup[c] = append(t.byGroup[c], len(t.barometer))
			}
			t.barometer = append(t.barometer, b)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Group returns the SSYK group with the given code, at any level.
func (t *Taxonomy) Group(code string) (catalog.Occupation, bool) {
	o, ok := t.groups[code]
	return o, ok
}

// Groups returns the groups of one level (1-4), by code.
func (t *Taxonomy) Groups(level int) []catalog.Occupation {
	var out []catalog.Occupation
	for _, c := range t.codes {
		if o := t.groups[c]; o.Level == level {
			out = append(out, o)
		}
	}
	return out
}

// Path returns a group and its ancestors, from level 1 down to the group.
func (t *Taxonomy) Path(code string) []catalog.Occupation {
	var out []catalog.Occupation
	for c := code; c != ""; c = c[:len(c)-1] {
		if o, ok := t.groups[c]; ok {
			out = append(out, o)
		}
	}
	slices.Reverse(out)
	return out
}

// Canonical returns the group Arbetsförmedlingen files code under when that
// is itself a group of the table (5322 -> 5321), else code. Matches and
// demand are compared by canonical code.
func (t *Taxonomy) Canonical(code string) string {
	if o, ok := t.groups[code]; ok && o.Group != code {
		if _, ok := t.groups[o.Group]; ok {
			return o.Group
		}
	}
	return code
}

// Label returns a group's name for facets; the code itself when unknown.
func (t *Taxonomy) Label(code string) catalog.Label {
	if o, ok := t.groups[code]; ok {
		return o.Name
	}
	return catalog.Label{SV: code, EN: code}
}

// Barometer returns the barometer occupations, by area and name.
func (t *Taxonomy) Barometer() []Barometer { return t.barometer }

// BarometerFor returns the barometer occupations that cover an SSYK group.
func (t *Taxonomy) BarometerFor(ssyk string) []Barometer {
	var out []Barometer
	for _, i := range t.byGroup[t.Canonical(ssyk)] {
		out = append(out, t.barometer[i])
	}
	return out
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
