package yrkesbarometer

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"kurskatalog/data/catalog"
)

// Result is what one read of the barometer yields: the newest round's rows
// for the wanted regions, and the count of what was left out and why.
type Result struct {
	Round    string           `json:"round"`
	Rows     []catalog.Demand `json:"rows"`
	Fetched  int              `json:"fetched"`  // rows in the file
	Filtered int              `json:"filtered"` // valid rows of other regions or older rounds
	Skipped  []catalog.Skip   `json:"skipped,omitempty"`
}

var (
	roundPattern  = regexp.MustCompile(`^\d{4}-[12]$`)
	regionPattern = regexp.MustCompile(`^\d{2}$`)
	ssykPattern   = regexp.MustCompile(`^\d{4}$`)
	allowed       = map[string][]string{
		"jobbmojligheter":       {"små", "medelstora", "stora"},
		"rekryteringssituation": {catalog.RecruitmentShortage, catalog.RecruitmentParadox, catalog.RecruitmentBalance, catalog.RecruitmentSurplus},
		"prognos":               {"öka", "vara oförändrad", "minska"},
	}
)

// Parse reads yrkesbarometer.json and keeps the rows of the given regions
// ("00" is the nation, "23" Jämtlands län; none means all). Each row is
// decoded on its own, so that one malformed row is skipped and counted
// rather than failing the file; only a body that is not a JSON array, or
// one without a single usable row, is an error.
func Parse(body []byte, regions []string) (*Result, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("yrkesbarometer: not a JSON array: %w", err)
	}
	res := &Result{Fetched: len(raw)}
	var rows []catalog.Demand
	seen := map[string]bool{}
	for i, msg := range raw {
		var w Row
		if err := json.Unmarshal(msg, &w); err != nil {
			res.Skipped = append(res.Skipped, catalog.Skip{ID: fmt.Sprintf("row %d", i), Reason: "malformed row"})
			continue
		}
		d, reason := normalise(&w)
		id := d.Region + "/" + d.Occupation
		if reason != "" {
			res.Skipped = append(res.Skipped, catalog.Skip{ID: id, Reason: reason})
			continue
		}
		if len(regions) > 0 && !slices.Contains(regions, d.Region) {
			res.Filtered++
			continue
		}
		key := d.Round + "/" + id
		if seen[key] {
			res.Skipped = append(res.Skipped, catalog.Skip{ID: id, Reason: "duplicate row"})
			continue
		}
		seen[key] = true
		rows = append(rows, d)
		if d.Round > res.Round {
			res.Round = d.Round
		}
	}
	// The file holds one round; should it ever hold more, only the newest
	// describes the labour market now.
	for _, d := range rows {
		if d.Round == res.Round {
			res.Rows = append(res.Rows, d)
		} else {
			res.Filtered++
		}
	}
	if len(res.Rows) == 0 {
		return nil, fmt.Errorf("yrkesbarometer: no usable rows for regions %v (%d rows, %d skipped)", regions, res.Fetched, len(res.Skipped))
	}
	return res, nil
}

// normalise turns a wire row into a Demand, or says why it cannot.
func normalise(w *Row) (catalog.Demand, string) {
	d := catalog.Demand{
		Round:                strings.TrimSpace(w.Omgang),
		Region:               strings.TrimSpace(w.Lan),
		Area:                 strings.TrimSpace(w.Yrkesomrade),
		Occupation:           strings.TrimSpace(w.YBYrke),
		ConceptID:            strings.TrimSpace(w.YBConceptID),
		SSYKText:             strings.TrimSpace(w.SSYKText),
		PartOfSSYK:           w.DelAvSSYK != 0,
		JobOpportunities:     value(w.Jobbmojligheter),
		Recruitment:          value(w.Rekryteringssituation),
		Forecast:             value(w.Prognos),
		JobOpportunitiesText: strings.TrimSpace(w.TextJobbmojligheter),
		RecruitmentText:      strings.TrimSpace(w.TextRekryteringssituation),
		AssessmentLevel:      value(w.HogstaBedomningsniva),
		Partial:              value(w.DelvisHelt) == "delvis",
	}
	for _, p := range w.Paradox {
		if p = strings.TrimSpace(p); p != "" {
			d.Paradox = append(d.Paradox, p)
		}
	}
	for _, c := range strings.Split(w.SSYK, ",") {
		if c = strings.TrimSpace(c); c != "" {
			d.SSYK = append(d.SSYK, c)
		}
	}
	switch {
	case d.Occupation == "":
		return d, "missing yb_yrke"
	case !regionPattern.MatchString(d.Region):
		return d, "bad lan"
	case !roundPattern.MatchString(d.Round):
		return d, "bad omgang"
	case len(d.SSYK) == 0:
		return d, "missing ssyk"
	}
	for _, c := range d.SSYK {
		if !ssykPattern.MatchString(c) {
			return d, "bad ssyk"
		}
	}
	for field, v := range map[string]string{"jobbmojligheter": d.JobOpportunities, "rekryteringssituation": d.Recruitment, "prognos": d.Forecast} {
		if v != "" && !slices.Contains(allowed[field], v) {
			return d, "unknown " + field
		}
	}
	return d, ""
}

// value returns a nullable field, lower-cased and trimmed, "" for null.
func value(p *string) string {
	if p == nil {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(*p))
}
