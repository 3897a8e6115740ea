package emil3gen

import (
	"strconv"
	"strings"
	"time"

	"kurskatalog/crawler/emil3"
)

type eventEntryJSON struct {
	ID      string     `json:"id"`
	Status  string     `json:"status"`
	Content *eventJSON `json:"content"`
}

// eventJSON is emil3.Event in the specification's field order, plus what
// the wire struct does not model: examiningBodies, the UH extension's
// startPeriod and courseRound, and the wire quirks. Decoding it into
// emil3.Event gives back the original values.
type eventJSON struct {
	Identifier             string             `json:"identifier"`
	Education              string             `json:"education,omitempty"`
	Providers              []string           `json:"providers"`
	ExaminingBodies        []string           `json:"examiningBodies,omitempty"`
	LastEdited             string             `json:"lastEdited,omitempty"`
	Expires                string             `json:"expires,omitempty"`
	Title                  *emil3.LangString  `json:"title,omitempty"`
	Description            *emil3.LangString  `json:"description,omitempty"`
	URL                    *emil3.LangURL     `json:"url,omitempty"`
	Locations              []emil3.Address    `json:"locations,omitempty"`
	LanguageOfInstructions []string           `json:"languageOfInstructions,omitempty"`
	Execution              any                `json:"execution,omitempty"`
	IsCancelled            *bool              `json:"isCancelled,omitempty"`
	Fees                   []emil3.Fee        `json:"fees,omitempty"`
	Places                 any                `json:"places,omitempty"`
	TimeOfStudy            *emil3.CodeValue   `json:"timeOfStudy,omitempty"`
	PaceOfStudy            any                `json:"paceOfStudy,omitempty"`
	IsApprenticeship       *bool              `json:"isApprenticeship,omitempty"`
	Distance               *emil3.Distance    `json:"distance,omitempty"`
	Application            *emil3.Application `json:"application,omitempty"`
	Keywords               any                `json:"keywords,omitempty"`
	Extensions             []any              `json:"extensions,omitempty"`
}

// codeNumber is a code sent as a JSON number.
type codeNumber struct {
	Type string `json:"type"`
	Code int    `json:"code"`
}

type executionNumber struct {
	Condition codeNumber `json:"condition"`
	Start     string     `json:"start,omitempty"`
	End       string     `json:"end,omitempty"`
}

type paceString struct {
	Percentage string `json:"percentage"`
	Individual *bool  `json:"individual,omitempty"`
}

// uhExtension is the UHEventExtension with the start period the
// specification requires.
type uhExtension struct {
	Type        string       `json:"type"`
	ID          string       `json:"id"`
	StartPeriod *startPeriod `json:"startPeriod,omitempty"`
	ITDistance  *bool        `json:"itdistance,omitempty"`
	CourseRound int          `json:"courseRound,omitempty"`
}

type startPeriod struct {
	Week   int `json:"week"`
	Period struct {
		Year         string `json:"year"`
		PeriodNumber int    `json:"periodNumber"`
		Semester     string `json:"semester"`
	} `json:"period"`
}

func (d *Dataset) eventEntry(e emil3.EventEntry) eventEntryJSON {
	out := eventEntryJSON{ID: e.ID, Status: e.Status}
	ev := e.Content
	if ev == nil {
		return out
	}
	q := d.wire[e.ID]
	j := &eventJSON{
		Identifier: ev.Identifier, Education: ev.Education, Providers: ev.Providers,
		LastEdited: ev.LastEdited, Expires: ev.Expires, Title: ev.Title, Description: ev.Description,
		URL: ev.URL, Locations: ev.Locations, LanguageOfInstructions: ev.LanguageOfInstructions,
		IsCancelled: ev.IsCancelled, Fees: ev.Fees, TimeOfStudy: ev.TimeOfStudy,
		IsApprenticeship: ev.IsApprenticeship, Distance: ev.Distance, Application: ev.Application,
	}
	if ex := ev.Execution; ex != nil {
		j.Execution = ex
		if n, err := strconv.Atoi(string(codeValue(ex.Condition))); err == nil && q.CondNumber {
			j.Execution = executionNumber{Condition: codeNumber{Type: ex.Condition.Type, Code: n}, Start: ex.Start, End: ex.End}
		}
	}
	if ev.Places != nil {
		j.Places = ev.Places
		if q.PlacesString && ev.Places.Valid {
			j.Places = strconv.FormatFloat(ev.Places.Value, 'f', -1, 64)
		}
	}
	if ps := ev.PaceOfStudy; ps != nil {
		j.PaceOfStudy = ps
		if q.PaceString && ps.Percentage != nil && ps.Percentage.Valid {
			j.PaceOfStudy = paceString{Percentage: strconv.FormatFloat(ps.Percentage.Value, 'f', 1, 64), Individual: ps.Individual}
		}
	}
	if len(ev.Keywords) > 0 {
		j.Keywords = ev.Keywords
		if q.KeywordsList {
			list := make([]emil3.LangString, len(ev.Keywords))
			for i, k := range ev.Keywords {
				list[i] = emil3.LangString{Strings: []emil3.LangNode{k}}
			}
			j.Keywords = list
		}
	}
	for _, x := range ev.Extensions {
		if x.Type != "UHEventExtension" {
			j.Extensions = append(j.Extensions, x)
			continue
		}
		j.ExaminingBodies = ev.Providers
		j.Extensions = append(j.Extensions, uhExtension{Type: x.Type, ID: x.ID, ITDistance: x.ITDistance,
			StartPeriod: uhStart(ev.Execution), CourseRound: courseRound(ev.Identifier)})
	}
	out.Content = j
	return out
}

func codeValue(c *emil3.CodeValue) emil3.CodeString {
	if c == nil {
		return ""
	}
	return c.Code
}

// uhStart is the start week and period of a university start date.
func uhStart(ex *emil3.Execution) *startPeriod {
	if ex == nil || len(ex.Start) < 10 {
		return nil
	}
	t, err := time.Parse(dateLayout, ex.Start[:10])
	if err != nil {
		return nil
	}
	sp := &startPeriod{}
	year, week := t.ISOWeek()
	sp.Week = week
	sp.Period.Year = strconv.Itoa(year)
	sp.Period.Semester, sp.Period.PeriodNumber = "vt", 1
	switch m := t.Month(); {
	case m >= time.August:
		sp.Period.Semester = "ht"
		if m >= time.October {
			sp.Period.PeriodNumber = 2
		}
	case m >= time.June:
		sp.Period.PeriodNumber = 3 // summer
	case m >= time.March:
		sp.Period.PeriodNumber = 2
	}
	return sp
}

// courseRound is the round number in e.uoh.<hei>.<code>.<round>.<term>.
func courseRound(id string) int {
	parts := strings.Split(id, ".")
	if len(parts) < 6 {
		return 0
	}
	n, _ := strconv.Atoi(parts[4])
	return n
}

type infoEntryJSON struct {
	ID      string    `json:"id"`
	Status  string    `json:"status"`
	Content *infoJSON `json:"content"`
}

// infoJSON adds the fields the specification requires of an info that the
// wire struct does not model.
type infoJSON struct {
	*emil3.Info
	ResultIsDegree bool  `json:"resultIsDegree"`
	IsVocational   *bool `json:"isVocational,omitempty"`
}

func infoEntry(e emil3.InfoEntry) infoEntryJSON {
	out := infoEntryJSON{ID: e.ID, Status: e.Status}
	in := e.Content
	if in == nil {
		return out
	}
	typ, conf := codeValue(in.Type), codeValue(in.Configuration)
	j := &infoJSON{Info: in}
	j.ResultIsDegree = conf == "program" && (typ == "HS" || typ == "YH")
	switch {
	case typ == "YH" || typ == "AUB" || conf == "kurspaket":
		j.IsVocational = ptr(true)
	case typ == "HS":
		j.IsVocational = ptr(false)
	}
	out.Content = j
	return out
}
