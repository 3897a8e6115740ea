package myh

import (
	_ "embed"
	"encoding/csv"
	"strings"
)

// kommunerCSV is SCB's list of the 290 municipalities: code,name, no header.
//
//go:embed kommuner.csv
var kommunerCSV string

// municipalities maps a folded municipality name to its 4-digit SCB code.
var municipalities = loadMunicipalities()

func loadMunicipalities() map[string]string {
	rows, err := csv.NewReader(strings.NewReader(kommunerCSV)).ReadAll()
	if err != nil {
		panic("myh: embedded kommuner.csv: " + err.Error())
	}
	byName := make(map[string]string, len(rows))
	for _, r := range rows {
		byName[foldName(r[1])] = r[0]
	}
	return byName
}

// municipalityByName accepts "Östersund", "Östersunds kommun" and
// "ÖSTERSUND". The genitive s is tried last because names such as Borås and
// Kramfors end in s themselves.
func municipalityByName(name string) (string, bool) {
	k := strings.TrimSuffix(foldName(name), " kommun")
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
