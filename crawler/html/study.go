package html

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"kurskatalog/data/catalog"
)

// This file reads how a course is studied (mode and meetings, pace, time of
// day, credits) from the phrases Swedish course pages use. English words
// are understood too, because JSON-LD's courseMode is English.

// numberWords are the counts pages spell out ("två obligatoriska träffar").
var numberWords = map[string]int{
	"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
	"sju": 7, "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12,
}

const numberWord = `\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv`

// notLetter stands in for \b, which in RE2 knows only ASCII letters and so
// finds no boundary before "åtta".
const notLetter = `(?:^|[^\p{L}\p{N}])`

var (
	// sessionsBefore: "2 obligatoriska träffar", "två fysiska träffar i
	// Östersund", "3 campusträffar", "1 obligatorisk sammankomst".
	sessionsBefore = regexp.MustCompile(`(?i)` + notLetter + `(` + numberWord + `)\s+(?:[\p{L}-]+\s+){0,3}?` +
		`(?:\p{L}*träff(?:ar)?|sammankomst(?:er)?|obligatoriska tillfällen|obligatoriskt tillfälle)`)
	// sessionsAfter: "Obligatoriska träffar: 2".
	sessionsAfter = regexp.MustCompile(`(?i)(?:träffar|sammankomster|tillfällen)\s*:\s*(\d+)`)
	// noSessions: "inga obligatoriska träffar".
	noSessions = regexp.MustCompile(`(?i)` + notLetter + `(?:inga|ingen|utan)\s+(?:[\p{L}-]+\s+)?\p{L}*(?:träff|sammankomst)`)
	// meetings: any mention of meetings, counted or not.
	meetings = regexp.MustCompile(`(?i)träff|sammankomst|obligatoriska tillfällen`)

	blendedWords  = regexp.MustCompile(`(?i)blended|mixed|hybrid|flex|halvdistans|kombinerad|kombination|blandad|delvis distans`)
	distanceWords = regexp.MustCompile(`(?i)distans|online|webbaserad|webbkurs|nätbaserad|digital|på nätet|zoom|teams|fjärr|virtual`)
	onsiteWords   = regexp.MustCompile(`(?i)onsite|on site|on-site|på plats|campus|platsbunden|närundervisning|närstudier|klassrum|lärarledd|i skolan`)
)

// modeInfo is a parsed mode phrase.
type modeInfo struct {
	mode     catalog.Mode
	sessions int
}

// parseMode reads "Distans", "Distans med 2 obligatoriska träffar"
// (blended with 2 sessions), "Campus", "På plats i Hammarstrand", a bare
// town name (on site), or the catalogue's own onsite/online/blended. A
// distance course with mandatory meetings is blended, as in EMIL3.
func parseMode(s string) (modeInfo, bool) {
	t := fold(s)
	if m := catalog.Mode(t); m.Valid() {
		return modeInfo{mode: m}, true
	}
	n, counted := parseSessions(t)
	switch {
	case blendedWords.MatchString(t):
		return modeInfo{mode: catalog.ModeBlended, sessions: n}, true
	case distanceWords.MatchString(t):
		if n > 0 || (!counted && meetings.MatchString(t) && !noSessions.MatchString(t)) {
			return modeInfo{mode: catalog.ModeBlended, sessions: n}, true
		}
		return modeInfo{mode: catalog.ModeOnline}, true
	case onsiteWords.MatchString(t) || mentionsPlace(t):
		return modeInfo{mode: catalog.ModeOnsite}, true
	}
	return modeInfo{}, false
}

// parseSessions finds a count of mandatory meetings; counted is false when
// the text gives none.
func parseSessions(s string) (n int, counted bool) {
	if noSessions.MatchString(s) {
		return 0, true
	}
	if m := sessionsBefore.FindStringSubmatch(s); m != nil {
		return countWord(m[1])
	}
	if m := sessionsAfter.FindStringSubmatch(s); m != nil {
		return countWord(m[1])
	}
	return 0, false
}

var (
	firstDigits = regexp.MustCompile(`\d+`)
	firstWord   = regexp.MustCompile(`(?i)` + notLetter + `(` + numberWord + `)(?:[^\p{L}\p{N}]|$)`)
)

// parseCount reads a count such as places or sessions: "Max 12
// deltagare", "2 obligatoriska träffar", "två". Digits win over number
// words, since "en" is also the article.
func parseCount(s string) (int, bool) {
	t := fold(s)
	if n, ok := parseSessions(t); ok {
		return n, true
	}
	if d := firstDigits.FindString(joinThousands(t)); d != "" {
		return countWord(d)
	}
	if m := firstWord.FindStringSubmatch(t); m != nil {
		return countWord(m[1])
	}
	return 0, false
}

func countWord(w string) (int, bool) {
	if n, ok := numberWords[strings.ToLower(w)]; ok {
		return n, true
	}
	n, err := strconv.Atoi(w)
	if err != nil || n < 0 || n > 100000 {
		return 0, false
	}
	return n, true
}

var (
	percent     = regexp.MustCompile(`(\d{1,3})(?:[.,]\d+)?(?:\s*[–—-]\s*\d{1,3}(?:[.,]\d+)?)?\s*(?:%|procent)`)
	pointsAWeek = regexp.MustCompile(`(?i)(\d{1,2})\s*(?:poäng|p)\s*/\s*(?:vecka|v)\b`)
	paceWords   = []struct {
		re   *regexp.Regexp
		pace int
	}{
		{regexp.MustCompile(`(?i)trekvarts`), 75},
		{regexp.MustCompile(`(?i)halvfart|halvtid|halv takt|part-time 50`), 50},
		{regexp.MustCompile(`(?i)kvartsfart|kvartstid`), 25},
		{regexp.MustCompile(`(?i)heltid|helfart|full fart|fulltid|full-time|full time`), 100},
	}
)

// parsePace reads a pace of study as a percentage of full time: "50 %",
// "Studietakt 75 procent", "halvfart", "heltid", and komvux's "10
// poäng/vecka" (20 points a week is full time). A range such as "50–100 %"
// gives its lower bound, the least a learner commits to.
func parsePace(s string) (int, bool) {
	if m := percent.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, n > 0 && n <= 100
	}
	if m := pointsAWeek.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return min(n*5, 100), n > 0
	}
	for _, w := range paceWords {
		if w.re.MatchString(s) {
			return w.pace, true
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 && n <= 100 {
		return n, true
	}
	return 0, false
}

var (
	eveningWords = regexp.MustCompile(`(?i)kväll`)
	weekendWords = regexp.MustCompile(`(?i)helg|veckoslut|lördag|söndag|weekend`)
	// dayWords leave out a bare "dag", which as often counts days ("tre
	// dagar", "en dag") as it names the time of day.
	dayWords   = regexp.MustCompile(`(?i)dagtid|förmiddag|eftermiddag|daytime|heldag|dagkurs`)
	mixedWords = regexp.MustCompile(`(?i)blandat|blandad|varierande|dag och kväll`)
	clockTime  = regexp.MustCompile(`(?i)\bkl\.?\s*(\d{1,2})(?:[.:]\d{2})?`)
)

// parseTimeOfStudy reads when in the day or week a course meets, as
// EMIL3's codes dag, kväll, veckoslut or blandat: "Kvällstid", "Dagtid
// 8.30–15.00", "tisdagar kl. 18–21" (evening, from the clock), "Helger".
// Several kinds at once are blandat.
func parseTimeOfStudy(s string) (string, bool) {
	t := fold(s)
	switch t {
	case "dag", "kväll", "veckoslut", "blandat":
		return t, true
	}
	if mixedWords.MatchString(t) {
		return "blandat", true
	}
	var kinds []string
	if eveningWords.MatchString(t) {
		kinds = append(kinds, "kväll")
	}
	if weekendWords.MatchString(t) {
		kinds = append(kinds, "veckoslut")
	}
	if dayWords.MatchString(t) {
		kinds = append(kinds, "dag")
	}
	if len(kinds) == 0 {
		if m := clockTime.FindStringSubmatch(t); m != nil {
			if h, _ := strconv.Atoi(m[1]); h >= 17 {
				kinds = append(kinds, "kväll")
			} else {
				kinds = append(kinds, "dag")
			}
		}
	}
	switch len(kinds) {
	case 0:
		return "", false
	case 1:
		return kinds[0], true
	}
	return "blandat", true
}

// creditSystems are EMIL3's credit systems.
var creditSystems = []string{"hp", "yh", "gy", "fup", "vp", "nyp"}

var creditAmount = regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)\s*(högskolepoäng|hp|yh-poäng|yhp|gymnasiepoäng|gy-poäng|poäng)?`)

// parseCredits reads "7,5 hp", "15 högskolepoäng", "100 gymnasiepoäng" or
// a bare number; system is empty when the text does not name one.
func parseCredits(s string) (credits float64, system string, ok bool) {
	m := creditAmount.FindStringSubmatch(joinThousands(s))
	if m == nil {
		return 0, "", false
	}
	f, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
	if err != nil || !(f > 0 && f <= 10000) || math.IsInf(f, 0) { // komvux programmes reach 1 500 points
		return 0, "", false
	}
	switch strings.ToLower(m[2]) {
	case "hp", "högskolepoäng":
		system = "hp"
	case "yh-poäng", "yhp":
		system = "yh"
	case "gymnasiepoäng", "gy-poäng":
		system = "gy"
	}
	return f, system, true
}

func knownSchoolType(code string) bool {
	_, ok := catalog.SchoolTypeLabels[code]
	return ok
}

// thousands matches a digit group separator: "1 300", "1\u00a0500".
var thousands = regexp.MustCompile(`(\d)[\s\x{a0}\x{202f}](\d{3})\b`)

// joinThousands removes the spaces Swedish puts between digit groups.
func joinThousands(s string) string {
	return thousands.ReplaceAllString(s, "$1$2")
}
