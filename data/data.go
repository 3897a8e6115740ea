// Package data holds the catalogue's embedded files: reference data
// (municipalities) and the bundled snapshots of every source, which the
// default configuration serves to the importers in-process.
package data

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

//go:embed reference snapshots
var files embed.FS

// SnapshotDay is the day (YYYY-MM-DD, Swedish time) the bundled snapshots
// describe: their dates are fixed, so a catalogue that serves them alone
// takes this as its today unless told otherwise.
const SnapshotDay = "2026-11-20"

// Snapshot returns the bundled snapshot directory name (e.g. "susa-navet").
func Snapshot(name string) (fs.FS, error) {
	dir := "snapshots/" + name
	if st, err := fs.Stat(files, dir); err != nil || !st.IsDir() || !fs.ValidPath(dir) {
		return nil, fmt.Errorf("no bundled snapshot %q", name)
	}
	return fs.Sub(files, dir)
}

// municipalityTable holds the SCB list both ways: code -> name and folded
// name -> code.
type municipalityTable struct {
	names map[string]string
	codes map[string]string
	// plain is codes by names without diacritics ("harjedalen"), for
	// people who type without å, ä and ö; names that then collide (Håbo,
	// Habo) are left out.
	plain map[string]string
}

var municipalities = sync.OnceValue(func() municipalityTable {
	f, err := files.Open("reference/kommunkoder-kommunnamn.csv")
	if err != nil {
		panic(err) // embedded at build time: cannot be missing
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		panic(err)
	}
	t := municipalityTable{names: make(map[string]string, len(rows)), codes: make(map[string]string, len(rows)),
		plain: make(map[string]string, len(rows))}
	var ambiguous []string
	for _, r := range rows {
		if len(r) == 2 {
			code, name := strings.TrimSpace(r[0]), strings.TrimSpace(r[1])
			t.names[code] = name
			t.codes[FoldName(name)] = code
			p := plain.Replace(FoldName(name))
			if _, ok := t.plain[p]; ok {
				ambiguous = append(ambiguous, p)
			}
			t.plain[p] = code
		}
	}
	for _, p := range ambiguous {
		delete(t.plain, p)
	}
	return t
})

// MunicipalityName returns the name of the municipality with SCB code code.
func MunicipalityName(code string) (string, bool) {
	n, ok := municipalities().names[code]
	return n, ok
}

// MunicipalityCode returns the SCB code of a municipality named the way
// sources write it: "Östersund", "Östersunds kommun", "ÖSTERSUND",
// "Upplands-Väsby". The genitive s is tried last because names such as
// Borås and Kramfors end in s themselves.
func MunicipalityCode(name string) (string, bool) {
	return byName(municipalities().codes, strings.TrimSuffix(FoldName(name), " kommun"))
}

// byName looks a folded name up in codes, then without a genitive s.
func byName(codes map[string]string, k string) (string, bool) {
	if code, ok := codes[k]; ok {
		return code, true
	}
	if s, ok := strings.CutSuffix(k, "s"); ok {
		code, ok := codes[s]
		return code, ok
	}
	return "", false
}

// ParseMunicipality reads a municipality the way a person gives one: its
// SCB code ("2361") or its name in any case, with or without "kommun" and
// with or without diacritics ("Härjedalen", "härjedalens kommun",
// "Harjedalen"). It returns the SCB code. It is the one reading of a
// municipality for the API, the pages and the command line; sources' own
// spellings go through MunicipalityCode, which does not guess at missing
// diacritics.
func ParseMunicipality(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if _, ok := MunicipalityName(s); ok {
		return s, true
	}
	if code, ok := MunicipalityCode(s); ok {
		return code, true
	}
	return byName(municipalities().plain, plain.Replace(strings.TrimSuffix(FoldName(s), " kommun")))
}

// plain drops the diacritics of folded Swedish names.
var plain = strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", "ü", "u")

// Compose undoes the decomposed (NFD) spellings of å, ä and ö that some
// exports use, so that "O\u0308stersund" is "Östersund".
func Compose(s string) string { return decomposed.Replace(s) }

var decomposed = strings.NewReplacer(
	"a\u030a", "å", "a\u0308", "ä", "o\u0308", "ö",
	"A\u030a", "Å", "A\u0308", "Ä", "O\u0308", "Ö",
)

// FoldName lower-cases a name, composes å/ä/ö and treats hyphens and runs
// of space alike ("Upplands-Väsby", "Upplands Väsby"), so that the ways
// sources write a name compare equal.
func FoldName(s string) string {
	s = Compose(s)
	s = strings.ReplaceAll(s, "-", " ")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// JamtlandMunicipalities are the county's eight municipalities, by code.
var JamtlandMunicipalities = []string{"2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380"}
