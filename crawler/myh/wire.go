package myh

import (
	"fmt"
	"strings"
)

// Decision is one row of tabell3 of "Resultat av ansökningsomgång": one
// programme MYH decided on, granted or refused. Fields keep the file's text;
// normalisation parses them. Columns are found by header name, so a file
// with its columns reordered still reads.
type Decision struct {
	Line                  int    // line in the file, for skip reasons
	Problem               string // why the row cannot be read whole; "" when it can
	Area                  string
	SUN5                  string
	SUN5Name              string
	Name                  string
	Decision              string // Beviljad or Avslag
	Diarienummer          string
	SeveralMunicipalities string // Ja or Nej
	County                string
	Municipality          string // a name, or "Flera kommuner"
	Credits               string // YH-poäng; 200 is a year full time
	StudyForm             string // Bunden or Distans
	Pace                  string // Studietakt %
	Degree                string
	SeQF                  string
	Provider              string
	BodyType              string // Huvudmannatyp: Privat, Kommun, Region, Statlig
	GrantedIntakes        string
	GrantedPlaces         [5]string // per intake (utbildningsomgång) 1-5
	GrantedPlacesTotal    string
}

// decisionColumns binds header names to fields. Required columns missing
// from the header mean the file is not tabell3.
var decisionColumns = []struct {
	name     string
	required bool
	field    func(*Decision) *string
}{
	{"utbildningsområde", false, func(d *Decision) *string { return &d.Area }},
	{"sun5 inriktning", false, func(d *Decision) *string { return &d.SUN5 }},
	{"sun5 inriktning namn", false, func(d *Decision) *string { return &d.SUN5Name }},
	{"utbildningsnamn", true, func(d *Decision) *string { return &d.Name }},
	{"beslut", true, func(d *Decision) *string { return &d.Decision }},
	{"diarienummer", false, func(d *Decision) *string { return &d.Diarienummer }},
	{"flera kommuner", false, func(d *Decision) *string { return &d.SeveralMunicipalities }},
	{"län", false, func(d *Decision) *string { return &d.County }},
	{"kommun", true, func(d *Decision) *string { return &d.Municipality }},
	{"yh-poäng", true, func(d *Decision) *string { return &d.Credits }},
	{"studieform", true, func(d *Decision) *string { return &d.StudyForm }},
	{"studietakt %", false, func(d *Decision) *string { return &d.Pace }},
	{"typ av examen", false, func(d *Decision) *string { return &d.Degree }},
	{"seqf nivå", false, func(d *Decision) *string { return &d.SeQF }},
	{"utbildningsanordnare administrativ enhet", true, func(d *Decision) *string { return &d.Provider }},
	{"huvudmannatyp", false, func(d *Decision) *string { return &d.BodyType }},
	{"beviljade utbildningsomgångar", false, func(d *Decision) *string { return &d.GrantedIntakes }},
	{"beviljade platser utbildningsomgång 1", false, func(d *Decision) *string { return &d.GrantedPlaces[0] }},
	{"beviljade platser utbildningsomgång 2", false, func(d *Decision) *string { return &d.GrantedPlaces[1] }},
	{"beviljade platser utbildningsomgång 3", false, func(d *Decision) *string { return &d.GrantedPlaces[2] }},
	{"beviljade platser utbildningsomgång 4", false, func(d *Decision) *string { return &d.GrantedPlaces[3] }},
	{"beviljade platser utbildningsomgång 5", false, func(d *Decision) *string { return &d.GrantedPlaces[4] }},
	{"beviljade platser totalt", false, func(d *Decision) *string { return &d.GrantedPlacesTotal }},
}

// DecodeDecisions parses tabell3, one Decision per row in file order. It
// fails only when the data is not a table with the required columns; a row
// too short to hold them comes back with Problem set.
func DecodeDecisions(data []byte) ([]Decision, error) {
	t, err := readTable(data)
	if err != nil {
		return nil, fmt.Errorf("tabell3: %w", err)
	}
	idx := t.columns()
	at := make([]int, len(decisionColumns))
	want := 0
	for i, c := range decisionColumns {
		j, ok := idx[c.name]
		if !ok && c.required {
			return nil, fmt.Errorf("tabell3: no column %q", c.name)
		}
		if !ok {
			j = -1
		}
		at[i] = j
		want = max(want, j+1)
	}
	rows := make([]Decision, 0, len(t.rows))
	for n, rec := range t.rows {
		d := Decision{Line: t.line[n]}
		for i, c := range decisionColumns {
			if j := at[i]; j >= 0 && j < len(rec) {
				*c.field(&d) = strings.TrimSpace(rec[j])
			}
		}
		if len(rec) < want {
			d.Problem = fmt.Sprintf("%d fields, want %d", len(rec), want)
		}
		rows = append(rows, d)
	}
	return rows, nil
}

// DecodeMunicipalities parses tabell4, which lists the municipalities of
// programmes run in several ("Flera kommuner" in tabell3), one row each. It
// returns the municipality names by diarienummer.
func DecodeMunicipalities(data []byte) (map[string][]string, error) {
	t, err := readTable(data)
	if err != nil {
		return nil, fmt.Errorf("tabell4: %w", err)
	}
	idx := t.columns()
	dnr, ok1 := idx["diarienummer"]
	kommun, ok2 := idx["kommun"]
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("tabell4: want columns Diarienummer and Kommun, have %q", t.header)
	}
	out := make(map[string][]string)
	for _, rec := range t.rows {
		if max(dnr, kommun) >= len(rec) {
			continue
		}
		k, name := normDiarienummer(rec[dnr]), strings.TrimSpace(rec[kommun])
		if k != "" && name != "" {
			out[k] = append(out[k], name)
		}
	}
	return out, nil
}

// normDiarienummer folds "MYH 2024/3727" and "myh  2024/3727" alike.
func normDiarienummer(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), " "))
}
