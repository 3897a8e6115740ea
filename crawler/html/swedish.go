package html

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"kurskatalog/crawler/clean"
)

// This file reads dates as Swedish web pages write them. Pages are written
// for people, so a date comes with weekdays, "kl." and ranges around it;
// the parsers look for date-shaped parts anywhere in the text rather than
// demanding the whole text be a date.

// stockholm is the zone of every calendar date in the catalogue.
var stockholm = clean.Stockholm

// months maps Swedish month names and their usual abbreviations.
var months = map[string]time.Month{
	"januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3,
	"april": 4, "apr": 4, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
	"augusti": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
	"oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

const monthNames = `januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|` +
	`jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec`

var (
	// isoDate: 2027-01-18.
	isoDate = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`)
	// wordDate: "18 januari 2027", "18 jan. 2027", "18:e januari", and the
	// day range "18–20 januari 2027".
	wordDate = regexp.MustCompile(`(?i)\b(\d{1,2})(?:\s*[–—-]\s*(\d{1,2}))?(?::e|:a)?\s+(` + monthNames + `)\b\.?(?:\s+(\d{4}))?`)
	// slashDate: "18/1 2027", "18/1-2027", "18/1".
	slashDate = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})(?:\s*[-–]?\s*(\d{4})\b)?`)
	// weekDate: "v. 3 2027", "vecka 3, 2027", "v3/2027": the Monday of that
	// ISO week, which is when Swedish courses and terms start.
	weekDate = regexp.MustCompile(`(?i)\b(?:vecka|v\.?)\s*(\d{1,2})\b(?:\s*[,/]?\s*(?:år\s*)?(\d{4})\b)?`)
)

// partialDate is a date as found in text; year 0 means not given.
type partialDate struct {
	pos         int
	year, month int
	day         int
	week        int // set instead of month and day
}

// findDates returns the dates in s in order. A date without a year takes
// the year of the next date that has one ("18 januari–12 mars 2027"), going
// back a year when its month comes later ("28 dec–8 jan 2027").
func findDates(s string) ([]time.Time, error) {
	var found []partialDate
	taken := make([]bool, len(s)) // a part of s belongs to one date only
	add := func(loc []int, d partialDate) {
		for i := loc[0]; i < loc[1]; i++ {
			if taken[i] {
				return
			}
		}
		for i := loc[0]; i < loc[1]; i++ {
			taken[i] = true
		}
		d.pos = loc[0]
		found = append(found, d)
	}
	for _, m := range isoDate.FindAllStringSubmatchIndex(s, -1) {
		add(m, partialDate{year: atoi(s, m, 1), month: atoi(s, m, 2), day: atoi(s, m, 3)})
	}
	for _, m := range wordDate.FindAllStringSubmatchIndex(s, -1) {
		month := int(months[strings.ToLower(s[m[6]:m[7]])])
		year := atoi(s, m, 4)
		if m[4] >= 0 { // a day range within one month
			add([]int{m[0], m[3]}, partialDate{year: year, month: month, day: atoi(s, m, 1)})
			add([]int{m[4], m[1]}, partialDate{year: year, month: month, day: atoi(s, m, 2)})
			continue
		}
		add(m, partialDate{year: year, month: month, day: atoi(s, m, 1)})
	}
	for _, m := range weekDate.FindAllStringSubmatchIndex(s, -1) {
		add(m, partialDate{year: atoi(s, m, 2), week: atoi(s, m, 1)})
	}
	for _, m := range slashDate.FindAllStringSubmatchIndex(s, -1) {
		add(m, partialDate{year: atoi(s, m, 3), month: atoi(s, m, 2), day: atoi(s, m, 1)})
	}
	sort.Slice(found, func(i, j int) bool { return found[i].pos < found[j].pos })

	out := make([]time.Time, len(found))
	for i := len(found) - 1; i >= 0; i-- {
		d := found[i]
		if d.year == 0 {
			if i == len(found)-1 {
				return nil, fmt.Errorf("date without year in %q", s)
			}
			next := out[i+1]
			d.year = next.Year()
			if d.month > int(next.Month()) {
				d.year--
			}
		}
		t, err := d.time()
		if err != nil {
			return nil, fmt.Errorf("%w in %q", err, s)
		}
		out[i] = t
	}
	return out, nil
}

func (d partialDate) time() (time.Time, error) {
	if d.year < 1900 || d.year > 2200 {
		return time.Time{}, fmt.Errorf("year %d out of range", d.year)
	}
	if d.week != 0 {
		if d.week < 1 || d.week > 53 {
			return time.Time{}, fmt.Errorf("week %d out of range", d.week)
		}
		return isoWeekMonday(d.year, d.week), nil
	}
	t := time.Date(d.year, time.Month(d.month), d.day, 0, 0, 0, 0, stockholm)
	if d.month < 1 || d.month > 12 || t.Day() != d.day {
		return time.Time{}, fmt.Errorf("no such date %d-%02d-%02d", d.year, d.month, d.day)
	}
	return t, nil
}

// isoWeekMonday is the Monday of ISO week w of year y: week 1 is the week
// with the year's first Thursday.
func isoWeekMonday(y, w int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, stockholm)
	offset := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDate(0, 0, -offset+(w-1)*7)
}

// atoi reads submatch i of m in s; an absent group is 0.
func atoi(s string, m []int, i int) int {
	if m[2*i] < 0 {
		return 0
	}
	n, _ := strconv.Atoi(s[m[2*i]:m[2*i+1]])
	return n
}

// schedule is what a start text says about when a course runs.
type schedule struct {
	start, end time.Time
	condition  int // EMIL3 execution condition: 0 not planned, 1 fixed, 2 learner decides, 3 provider decides
	rolling    bool
}

var (
	// rollingWords mean the learner starts when they like.
	rollingWords = regexp.MustCompile(`(?i)löpande|kontinuerlig|start när du vill|när du vill|varje vecka|flexibel start`)
	// agreementWords mean the provider sets a date with the group, as
	// contract education does.
	agreementWords = regexp.MustCompile(`(?i)(?:enligt|efter) överenskommelse|enl\. ök|kontakta oss|på förfrågan|vid tillräckligt antal`)
	// laterWords mean no date is set yet.
	laterWords = regexp.MustCompile(`(?i)meddelas senare|ej fastställt|inte fastställt|preliminärt ej|kommer snart|^\s*-?\s*$`)
)

// parseSchedule reads a start text: a date ("18 januari 2027",
// "2027-01-18", "v. 3 2027"), a range ("18 januari–12 mars 2027", whose
// second date is the end), "Löpande start" (rolling), "Enligt
// överenskommelse" (the provider decides) or "Datum meddelas senare" (not
// planned yet).
func parseSchedule(s string) (schedule, error) {
	if t, err := clean.Date(s); err == nil && !t.IsZero() { // JSON-LD's ISO date-times
		return schedule{start: t, condition: 1}, nil
	}
	var sc schedule
	dates, err := findDates(s)
	switch {
	case rollingWords.MatchString(s):
		sc.condition, sc.rolling = 2, true
	case agreementWords.MatchString(s):
		sc.condition, sc.rolling = 3, true
	case err != nil:
		return sc, err
	case len(dates) == 0 && laterWords.MatchString(s):
		return sc, nil
	case len(dates) == 0:
		return sc, fmt.Errorf("no date in %q", s)
	default:
		sc.condition = 1
	}
	if err == nil && len(dates) > 0 {
		sc.start = dates[0]
		if len(dates) > 1 && !dates[1].Before(dates[0]) {
			sc.end = dates[1]
		}
	}
	return sc, nil
}

// noDeadlineWords mean there is no last day: apply any time, or while
// places last.
var noDeadlineWords = regexp.MustCompile(`(?i)löpande|snarast|så länge|först till kvarn|platser finns|kontinuerlig|när som helst`)

// parseDeadline reads an end or last application date: the first date in
// the text, or zero when the text says there is none.
func parseDeadline(s string) (time.Time, error) {
	if t, err := clean.Date(s); err == nil {
		return t, nil
	}
	dates, err := findDates(s)
	switch {
	case err == nil && len(dates) > 0:
		return dates[0], nil
	case noDeadlineWords.MatchString(s) || laterWords.MatchString(s):
		return time.Time{}, nil
	case err != nil:
		return time.Time{}, err
	}
	return time.Time{}, fmt.Errorf("no date in %q", s)
}
