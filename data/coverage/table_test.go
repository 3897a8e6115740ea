package coverage

import (
	"reflect"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// A table gives back every field a view or a card reads, each from its
// own offering, and drops the rest.
func TestTableKeepsWhatViewsRead(t *testing.T) {
	summer, winter := time.FixedZone("", 2*3600), time.FixedZone("", 3600)
	full := catalog.Offering{ID: "e.1", EducationID: "i.1", Code: "SJK1", Title: "Sjuksköterskeprogrammet",
		TitleEN: "Nursing programme", Description: "<p>Om programmet</p>", Keywords: []string{"vård"},
		Provider:   catalog.Provider{ID: "p.miun", Name: "Mittuniversitetet", URL: "https://www.miun.se"},
		SchoolType: "HS", Configuration: "program", Municipalities: []string{"2380", "2281"}, Towns: []string{"Östersund"},
		Mode: catalog.ModeBlended, MandatorySessions: 4, DistanceNote: "fyra träffar", Pace: 100, TimeOfStudy: "dag",
		Start: time.Date(2027, 8, 30, 0, 0, 0, 0, summer), End: time.Date(2030, 6, 7, 0, 0, 0, 0, summer),
		ExecutionCondition: 1, ApplicationFirst: time.Date(2027, 3, 15, 0, 0, 0, 0, winter),
		ApplicationLast: time.Date(2027, 4, 15, 23, 59, 0, 0, summer), ApplicationURL: "https://www.antagning.se",
		ApplicationCode: "MIU-12345", Languages: []string{"swe"}, Credits: 180, CreditSystem: "hp",
		Levels: []string{"ISCED_6"}, Subjects: []catalog.Code{{Type: "C_Subject_SUN", Code: "723a"}},
		Degree: "Sjuksköterskeexamen", Occupations: []catalog.OccupationMatch{{SSYK: "2221", Reason: "title rule"}},
		Places: 60, StudentAid: "ja", Validation: true, Eligibility: "<p>Grundläggande behörighet</p>",
		PriorKnowledge: "<p>Vård</p>", Fees: []catalog.Fee{{Free: true}},
		Locations: []catalog.Location{{Name: "Campus Östersund", Town: "Östersund", Municipality: "2380", Lat: 63.18, Lon: 14.64}},
		URL:       "https://www.miun.se/sjk", Provenance: catalog.Provenance{Source: "susa-navet"},
		Sources: []catalog.Provenance{{Source: "susa-navet"}}}
	kept := full
	kept.Code, kept.Description, kept.Keywords, kept.DistanceNote = "", "", nil, ""
	kept.Provider = catalog.Provider{ID: full.Provider.ID, Name: full.Provider.Name}
	kept.ApplicationURL, kept.ApplicationCode, kept.Subjects, kept.PriorKnowledge = "", "", nil, ""
	kept.Fees, kept.URL, kept.Provenance, kept.Sources = nil, "", catalog.Provenance{}, nil

	// A course with no occupation, whose eligibility and degree no view
	// reads, sharing some lists and strings with the first.
	other := catalog.Offering{ID: "e.2", EducationID: "i.2", Title: "Matematik 2a", Provider: full.Provider,
		SchoolType: "VUXGY", Municipalities: []string{"2380", "2281"}, Towns: []string{"Östersund", "Sveg"},
		Mode: catalog.ModeOnline, RollingStart: true, Cancelled: true, Eligibility: "<p>Matematik 1</p>", Degree: "Gymnasieexamen",
		Languages: []string{"swe"}, Start: time.Date(2027, 1, 11, 0, 0, 0, 0, time.UTC)}
	otherKept := other
	otherKept.Provider = kept.Provider
	otherKept.Eligibility, otherKept.Degree = "", ""

	// Held at two places, one of them the first's.
	two := catalog.Offering{ID: "e.3", Mode: catalog.ModeOnsite, Locations: append([]catalog.Location{{Town: "Sveg", Municipality: "2361"}}, full.Locations...)}

	// Two places again, the first written as a place and its street
	// where the other has the place's name longer and the street shorter.
	hede := catalog.Offering{ID: "e.4", Mode: catalog.ModeOnsite, Locations: []catalog.Location{
		{Name: "Lärcentrum", Street: "Hede Storgatan 4", Municipality: "2361"}, {Town: "Sveg", Municipality: "2361"}}}
	hedeToo := catalog.Offering{ID: "e.5", Mode: catalog.ModeOnsite, Locations: []catalog.Location{
		{Name: "Lärcentrum Hede", Street: "Storgatan 4", Municipality: "2361"}, {Town: "Sveg", Municipality: "2361"}}}

	b := newTableBuilder()
	for _, o := range []catalog.Offering{full, other, two, full, hede, hedeToo} {
		b.add(&o)
	}
	tb := b.done()
	var buf catalog.Offering
	for i, want := range []catalog.Offering{kept, otherKept, two, kept, hede, hedeToo} {
		got := tb.At(i, &buf)
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("offering %d:\n got %+v\nwant %+v", i, *got, want)
		}
		if got.Start.Format(time.RFC3339) != want.Start.Format(time.RFC3339) {
			t.Errorf("offering %d starts %s, want %s", i, got.Start.Format(time.RFC3339), want.Start.Format(time.RFC3339))
		}
	}
	if got := tb.At(1, &buf); !got.End.IsZero() || !got.ApplicationFirst.IsZero() {
		t.Errorf("dates not given came back as %v and %v", got.End, got.ApplicationFirst)
	}
}
