package catalog

import (
	"reflect"
	"slices"
	"strings"
	"unicode"
)

// Merge combines several sources' records of the same offering into one.
// The first record is the base (callers put the richest first); every field
// it lacks is taken from the next record that has it, and the provenance of
// all records is kept in Sources.
func Merge(records []Offering) Offering {
	if len(records) == 0 {
		return Offering{}
	}
	out := records[0]
	out.Sources = nil
	base := reflect.ValueOf(&out).Elem()
	for _, r := range records[1:] {
		other := reflect.ValueOf(r)
		for i := range base.NumField() {
			f := base.Field(i)
			if f.IsZero() && base.Type().Field(i).Name != "Sources" {
				f.Set(other.Field(i))
			}
		}
		for _, m := range r.Municipalities {
			if !slices.Contains(out.Municipalities, m) {
				out.Municipalities = append(out.Municipalities, m)
			}
		}
	}
	for _, r := range records {
		out.Sources = append(out.Sources, r.Provenance)
		p := r.Provenance
		if !p.FirstSeen.IsZero() && (out.Provenance.FirstSeen.IsZero() || p.FirstSeen.Before(out.Provenance.FirstSeen)) {
			out.Provenance.FirstSeen = p.FirstSeen
		}
		if p.LastSeen.After(out.Provenance.LastSeen) {
			out.Provenance.LastSeen = p.LastSeen
		}
		if p.LastChanged.After(out.Provenance.LastChanged) {
			out.Provenance.LastChanged = p.LastChanged
		}
	}
	return out
}

// MatchKey identifies an offering across sources that give it different
// ids: the same provider's same title starting the same day. Offerings
// without a start date (rolling starts) get no key: they cannot be told
// apart reliably and are never merged by key.
func MatchKey(o *Offering) string {
	if o.Start.IsZero() || o.Title == "" || o.Provider.Name == "" {
		return ""
	}
	return fold(o.Provider.Name) + "|" + fold(o.Title) + "|" + o.Start.Format("2006-01-02")
}

// CourseKey says which course an offering is an intake of: the same
// provider's same title, whatever the source, the place, the mode or the
// start. A search shows the intakes of one course as one result.
func CourseKey(o *Offering) string {
	if o.Title == "" || o.Provider.Name == "" {
		return "id|" + o.ID
	}
	return fold(o.Provider.Name) + "|" + fold(o.Title)
}

// fold lower-cases and keeps only letters and digits, so that punctuation
// and spacing differences between sources do not matter.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s)) // lowering keeps most runes' length
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
