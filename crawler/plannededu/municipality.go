package plannededu

import (
	"strings"

	"kurskatalog/data"
)

// municipalityCode resolves an area code or a municipality name. Codes may
// have lost their leading zero on the way ("180" for Stockholm's "0180").
func municipalityCode(areaCode, name string) (string, bool) {
	if c := strings.TrimSpace(areaCode); c != "" {
		if len(c) < 4 {
			c = strings.Repeat("0", 4-len(c)) + c
		}
		if _, ok := data.MunicipalityName(c); ok {
			return c, true
		}
	}
	return data.MunicipalityCode(name)
}
