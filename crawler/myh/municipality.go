package myh

import "strings"

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
