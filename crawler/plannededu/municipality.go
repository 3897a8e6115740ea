package plannededu

import (
	_ "embed"
	"encoding/csv"
	"strings"
)

// kommunerCSV is SCB's list of the 290 municipalities: code,name, no header.
//
//go:embed kommuner.csv
var kommunerCSV string

// municipalities maps a folded municipality name to its 4-digit SCB code;
// known holds the codes themselves.
var municipalities, known = loadMunicipalities()

func loadMunicipalities() (map[string]string, map[string]bool) {
	rows, err := csv.NewReader(strings.NewReader(kommunerCSV)).ReadAll()
	if err != nil {
		panic("plannededu: embedded kommuner.csv: " + err.Error())
	}
	byName := make(map[string]string, len(rows))
	codes := make(map[string]bool, len(rows))
	for _, r := range rows {
		byName[foldName(r[1])] = r[0]
		codes[r[0]] = true
	}
	return byName, codes
}

// municipalityCode resolves an area code or a municipality name. Codes may
// have lost their leading zero on the way ("180" for Stockholm's "0180").
func municipalityCode(areaCode, name string) (string, bool) {
	if c := strings.TrimSpace(areaCode); c != "" {
		if len(c) < 4 {
			c = strings.Repeat("0", 4-len(c)) + c
		}
		if known[c] {
			return c, true
		}
	}
	return municipalityByName(name)
}

// municipalityByName accepts "Östersund", "Östersunds kommun" and
// "ÖSTERSUND". The genitive s is tried last because names such as Borås and
// Kramfors end in s themselves.
func municipalityByName(name string) (string, bool) {
	k := foldName(name)
	k = strings.TrimSuffix(k, " kommun")
	if code, ok := municipalities[k]; ok {
		return code, true
	}
	if s, ok := strings.CutSuffix(k, "s"); ok {
		code, ok := municipalities[s]
		return code, ok
	}
	return "", false
}

// decomposed undoes NFD spellings of å, ä and ö, which some exports use.
var decomposed = strings.NewReplacer(
	"a\u030a", "å", "a\u0308", "ä", "o\u0308", "ö",
	"A\u030a", "Å", "A\u0308", "Ä", "O\u0308", "Ö",
)

// foldName lower-cases a name, composes å/ä/ö and treats hyphens and runs of
// space alike ("Upplands-Väsby", "Upplands Väsby").
func foldName(s string) string {
	s = decomposed.Replace(s)
	s = strings.ReplaceAll(s, "-", " ")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
