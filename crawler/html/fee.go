package html

import (
	"regexp"
	"strconv"
	"strings"

	"kurskatalog/crawler/clean"
	"kurskatalog/data/catalog"
)

var (
	feeFree   = regexp.MustCompile(`(?i)^(?:` + clean.FreeWords + `|0 ?kr)\b[.,;:]?\s*`)
	feeAmount = regexp.MustCompile(`(?i)^(\d{1,3}(?:[ \x{00a0}.]\d{3})*|\d+)(?:[,.]-|:-)?\s*(?:kr|kronor|sek)\b[.,;:]?\s*`)
)

// parseFee reads a course page's price: "2 900 kr", "6 900 kr inkl.
// material", "Avgiftsfri". What follows the amount is its condition.
func parseFee(s string) (catalog.Fee, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if m := feeFree.FindString(s); m != "" {
		return catalog.Fee{Free: true, Condition: strings.TrimSpace(s[len(m):])}, true
	}
	m := feeAmount.FindStringSubmatch(s)
	if m == nil {
		return catalog.Fee{}, false
	}
	digits := strings.NewReplacer(" ", "", "\u00a0", "", ".", "").Replace(m[1])
	n, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return catalog.Fee{}, false
	}
	return catalog.Fee{Amount: n, Currency: "SEK", Condition: strings.TrimSpace(s[len(m[0]):])}, true
}
