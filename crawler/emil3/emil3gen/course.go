package emil3gen

import "strings"

// course is one row of a course table: what an info is made from. Fields a
// school type does not use stay zero.
type course struct {
	Code    string
	Title   string
	Eng     string  // English title
	Credits float64 // in the school type's credit system; 0 = none
	SUN     string  // SUN 2020 field code (four positions)
	Subject string  // UH_Subject, AUB_Subject (SSYK 2012) or FH_Subject code
	Level   string  // UH level (G1N, G1F, G2F, A1N) or SeQF level for YH
	Config  string  // kurs, kurspaket, program
	Weeks   int     // length at full pace where there are no credits
	Pace    int     // fixed pace in percent; 0 = drawn per event
	Lang    string  // "eng" for English-taught courses
	Places  int
	Fee     int // SEK
	Keys    string
	About   string // one sentence on the content, for descriptions
	// Prov and Muni place YH, FHS and KKU rows at their provider.
	Prov *providerDef
	Muni string
	// Distance is the row's fixed study form (YH Distans, FHS distance).
	Distance bool
}

// keywords splits Keys ("a, b, c").
func (c *course) keywords() []string {
	if c.Keys == "" {
		return nil
	}
	var out []string
	for _, k := range strings.Split(c.Keys, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// config is the row's configuration, kurs by default.
func (c *course) config() string {
	if c.Config == "" {
		return "kurs"
	}
	return c.Config
}
