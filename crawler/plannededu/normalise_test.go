package plannededu

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// day is midnight of a calendar date in Stockholm.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, stockholm) }

// normaliseJSON decodes one record over a valid base and normalises it.
func normaliseJSON(t *testing.T, record string) (catalog.Offering, error) {
	t.Helper()
	base := `{"educationEventId":"e.vux.1","providerName":"Åre kommun, Komvux","municipality":"Åre",` +
		`"geographicalAreaCode":"2321","typeOfSchool":"Gymnasial vuxenutbildning","titleSv":"Engelska 5","executionCondition":1}`
	var ev Event
	if err := json.Unmarshal([]byte(base), &ev); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(record), &ev); err != nil {
		t.Fatalf("decode %s: %v", record, err)
	}
	s := New(Config{ID: "pe", URL: "https://example.test/v3/adult-education-events/"}, nil)
	return s.normalise(&ev, "2380")
}

// TestNormaliseQuirks has one case per quirk seen in, or expected of, the
// real data.
func TestNormaliseQuirks(t *testing.T) {
	tests := []struct {
		name   string
		record string
		check  func(o catalog.Offering) bool
	}{
		{"CDATA title", `{"titleSv":"<![CDATA[Engelska 5]]>"}`,
			func(o catalog.Offering) bool { return o.Title == "Engelska 5" }},
		{"CDATA title with padding", `{"titleSv":" <![CDATA[  Svenska   1 ]]> "}`,
			func(o catalog.Offering) bool { return o.Title == "Svenska 1" }},
		{"pace as decimal string", `{"paceOfStudy":"100.0"}`,
			func(o catalog.Offering) bool { return o.Pace == 100 }},
		{"pace as null string", `{"paceOfStudy":"null"}`,
			func(o catalog.Offering) bool { return o.Pace == 0 }},
		{"pace as JSON null", `{"paceOfStudy":null}`,
			func(o catalog.Offering) bool { return o.Pace == 0 }},
		{"pace as number", `{"paceOfStudy":75}`,
			func(o catalog.Offering) bool { return o.Pace == 75 }},
		{"pace with decimal comma", `{"paceOfStudy":"50,0"}`,
			func(o catalog.Offering) bool { return o.Pace == 50 }},
		{"pace range takes lower bound", `{"paceOfStudy":"50-100"}`,
			func(o catalog.Offering) bool { return o.Pace == 50 }},
		{"pace out of range is unknown", `{"paceOfStudy":"250.0"}`,
			func(o catalog.Offering) bool { return o.Pace == 0 }},
		{"rolling sentinel", `{"executionCondition":2,"lastApplicationDate":"2099-12-31T00:00:00"}`,
			func(o catalog.Offering) bool {
				return o.RollingStart && o.ApplicationLast.IsZero() && o.ExecutionCondition == 2
			}},
		{"sentinel alone means rolling", `{"executionCondition":1,"lastApplicationDate":"2099-12-31T00:00:00"}`,
			func(o catalog.Offering) bool { return o.RollingStart && o.ApplicationLast.IsZero() }},
		{"provider decides start is rolling", `{"executionCondition":3,"lastApplicationDate":null}`,
			func(o catalog.Offering) bool { return o.RollingStart && o.ExecutionCondition == 3 }},
		{"condition as string", `{"executionCondition":"2"}`,
			func(o catalog.Offering) bool { return o.RollingStart && o.ExecutionCondition == 2 }},
		{"fixed dates are not rolling", `{"executionCondition":1,"semesterStartFrom":"2027-01-11"}`,
			func(o catalog.Offering) bool { return !o.RollingStart && o.Start.Equal(day(2027, 1, 11)) }},
		{"deadline with zone", `{"lastApplicationDate":"2024-10-15T00:00:00.000+02:00"}`,
			func(o catalog.Offering) bool { return o.ApplicationLast.Equal(day(2024, 10, 15)) }},
		{"deadline in UTC is moved to Stockholm", `{"lastApplicationDate":"2026-11-30T23:00:00Z"}`,
			func(o catalog.Offering) bool { return o.ApplicationLast.Equal(day(2026, 12, 1)) }},
		{"deadline without zone is local", `{"lastApplicationDate":"2024-11-28T23:59:59"}`,
			func(o catalog.Offering) bool { return o.ApplicationLast.Equal(day(2024, 11, 28)) }},
		{"start with zone", `{"semesterStartFrom":"2027-08-16T00:00:00.000+02:00"}`,
			func(o catalog.Offering) bool { return o.Start.Equal(day(2027, 8, 16)) }},
		{"distance true is online", `{"distance":true}`,
			func(o catalog.Offering) bool { return o.Mode == catalog.ModeOnline }},
		{"distance as string", `{"distance":"true"}`,
			func(o catalog.Offering) bool { return o.Mode == catalog.ModeOnline }},
		{"distance null is onsite", `{"distance":null}`,
			func(o catalog.Offering) bool { return o.Mode == catalog.ModeOnsite }},
		{"area code wins", `{"geographicalAreaCode":"2321","municipality":"Östersund"}`,
			func(o catalog.Offering) bool { return o.Municipalities[0] == "2321" }},
		{"area code lost its leading zero", `{"geographicalAreaCode":180}`,
			func(o catalog.Offering) bool { return o.Municipalities[0] == "0180" }},
		{"name when code is null", `{"geographicalAreaCode":null,"municipality":"Östersunds kommun"}`,
			func(o catalog.Offering) bool { return o.Municipalities[0] == "2380" }},
		{"requested area as last resort", `{"geographicalAreaCode":null,"municipality":""}`,
			func(o catalog.Offering) bool { return o.Municipalities[0] == "2380" }},
		{"school type display value", `{"typeOfSchool":"Svenska för invandrare"}`,
			func(o catalog.Offering) bool { return o.SchoolType == "VUXSFI" }},
		{"school type id", `{"typeOfSchool":"vuxgr"}`,
			func(o catalog.Offering) bool { return o.SchoolType == "VUXGR" }},
		{"school type old code", `{"typeOfSchool":"komvuxgycourses"}`,
			func(o catalog.Offering) bool { return o.SchoolType == "VUXGY" }},
		{"school type anpassad", `{"typeOfSchool":"Kommunal vuxenutbildning som anpassad utbildning på gymnasial nivå"}`,
			func(o catalog.Offering) bool { return o.SchoolType == "VUXGYAN" }},
		{"credits as string", `{"credits":"7.5","creditsSystem":"hp"}`,
			func(o catalog.Offering) bool { return o.Credits == 7.5 && o.CreditSystem == "hp" }},
		{"credits null drop the system", `{"credits":null,"creditsSystem":"gy"}`,
			func(o catalog.Offering) bool { return o.Credits == 0 && o.CreditSystem == "" }},
		{"shouting town", `{"town":"JÖNKÖPING","contactInfoAddressCity":"UPPLANDS-BRO"}`,
			func(o catalog.Offering) bool { return o.Towns[0] == "Jönköping" && o.Provider.Town == "Upplands-Bro" }},
		{"record link keyed by id", `{"_links":{"e.vux.1":{"href":"https://api.test/e.vux.1"}}}`,
			func(o catalog.Offering) bool { return o.Provenance.SourceURL == "https://api.test/e.vux.1" }},
		{"record link built when missing", `{}`,
			func(o catalog.Offering) bool {
				return o.Provenance.SourceURL == "https://example.test/v3/adult-education-events/e.vux.1" && o.Provenance.Source == "pe"
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := normaliseJSON(t, tt.record)
			if err != nil {
				t.Fatalf("normalise: %v", err)
			}
			if !tt.check(got) {
				t.Errorf("unexpected offering for %s:\n%+v", tt.record, got)
			}
		})
	}
}

// TestNormaliseSkips has one case per reason a record is skipped.
func TestNormaliseSkips(t *testing.T) {
	tests := []struct {
		name, record, reason string
	}{
		{"no id", `{"educationEventId":"  "}`, "missing educationEventId"},
		{"no title", `{"titleSv":""}`, "missing titleSv"},
		{"empty CDATA title", `{"titleSv":"<![CDATA[ ]]>"}`, "missing titleSv"},
		{"no provider", `{"providerName":""}`, "missing providerName"},
		{"unknown school type", `{"typeOfSchool":"Förberedande utbildning"}`, `unknown typeOfSchool "Förberedande utbildning"`},
		{"bad condition", `{"executionCondition":7}`, `executionCondition "7"`},
		{"bad start", `{"semesterStartFrom":"HT27"}`, `semesterStartFrom: date "HT27": unknown layout`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := normaliseJSON(t, tt.record)
			var skip skipError
			if !errors.As(err, &skip) || err.Error() != tt.reason {
				t.Errorf("err = %v, want skip %q", err, tt.reason)
			}
		})
	}
}

func TestMunicipalityByName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Östersund", "2380"}, {"Östersunds kommun", "2380"}, {"ÖSTERSUND", "2380"},
		{"O\u0308stersund", "2380"}, {"Åre", "2321"}, {"Åre kommun", "2321"}, {"Bergs kommun", "2326"},
		{"Härjedalens kommun", "2361"}, {"Borås", "1490"}, {"Upplands-Bro", "0139"}, {"Upplands Väsby", "0114"},
		{"Malung-Sälen", "2023"}, {"Flera kommuner", ""}, {"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := data.MunicipalityCode(tt.name)
			if got != tt.want {
				t.Errorf("data.MunicipalityCode(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}
