package server

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"testing"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
)

// TestEncodeSearchAsEncodingJSON compares the hand-written answer with
// encoding/json's, byte for byte: pages of every bundled offering as a
// hit with intakes, and offerings made to reach each rule of both.
func TestEncodeSearchAsEncodingJSON(t *testing.T) {
	offerings, err := emil3test.ImportBundledMapped(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	odd := catalog.Offering{ID: "e.<odd>&\"id\"", Title: "Tab\tnew\nline\r \\ \b\f \x01 \x7f ok",
		TitleEN: "bad \xff utf-8 \u2028 \u2029 é 漢", Towns: []string{}, Municipalities: nil, Pace: 37,
		Credits: 7.5, CreditSystem: "hp", URL: "https://exempel.se/?a=1&b=<2>", TimeOfStudy: "kväll"}
	big := catalog.Offering{ID: "e.big", Credits: 1e21, Municipalities: []string{"2380", "2361"}, Towns: []string{"Östersund", "Åre"}}
	tiny := catalog.Offering{ID: "e.tiny", Credits: 1e-7}
	offerings = append(offerings, odd, big, tiny)
	if len(offerings) < 1000 {
		t.Fatalf("only %d offerings", len(offerings))
	}
	facets := map[string][]catalog.FacetValue{"municipality": {{Value: "2380", Label: "Östersund", Count: 12},
		{Value: "2361", Label: "Härjedalen", Count: 0}}, "mode": {}, "level": nil,
		"school_type": {{Value: "VUX<GY>", Label: "Kommunal vuxenutbildning & \"gymnasial\"", Count: 1 << 40}}}
	pages := []searchResponse{
		{Hits: nil, Facets: nil},
		{Total: 0, Group: catalog.GroupCourse, Hits: []hit{}, Facets: map[string][]catalog.FacetValue{}},
	}
	for start := 0; start < len(offerings); start += 20 {
		page := searchResponse{Total: len(offerings), TotalIntakes: 3 * len(offerings), Group: catalog.GroupCourse,
			Page: start/20 + 1, PerPage: 20, Relaxed: start%40 == 0, Facets: facets}
		for i := start; i < min(start+20, len(offerings)); i++ {
			h := toHit(&offerings[i])
			h.TitleHTML, h.Snippet = markAll(offerings[i].Title, nil), snippet(offerings[i].DescriptionText(), nil, snippetLength)
			var ins []intake
			for j := i; j < min(i+i%7, len(offerings)); j++ { // none, one or several
				ins = append(ins, toIntake(&offerings[j]))
			}
			h.IntakesTotal = len(ins) + i%3 // some listed in full, some not
			page.Hits = append(page.Hits, h)
			page.intakes = append(page.intakes, encodeIntakes(ins))
		}
		pages = append(pages, page)
	}
	for _, p := range pages {
		// encoding/json's answer: the intakes in the hits, as structs.
		whole := p
		whole.Hits = slices.Clone(p.Hits)
		for i := range p.intakes {
			whole.Hits[i].Intakes = decodeIntakes(t, p.intakes[i])
		}
		want, err := json.Marshal(whole)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encodeSearch([]byte("kept")[:0], &p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Fatalf("page %d differs at byte %d:\n got …%s\nwant …%s", p.Page, i, got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
	}
}

func toIntakeJSON(o *catalog.Offering) intakeJSON {
	in := toIntake(o)
	return appendIntake(nil, &in)
}

func encodeIntakes(ins []intake) []intakeJSON {
	var out []intakeJSON
	for i := range ins {
		out = append(out, appendIntake(nil, &ins[i]))
	}
	return out
}

// decodeIntakes reads encoded intakes back, so that the comparison also
// checks that what the API writes is what encoding/json reads.
func decodeIntakes(t *testing.T, raw []intakeJSON) []intake {
	var out []intake
	for _, r := range raw {
		var in intake
		if err := json.Unmarshal(r, &in); err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		out = append(out, in)
	}
	return out
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "<&>\"\\", "\x00\x1f\t\n\r\b\f", "\xff\xfe", "\u2028\u2029", "åäö 漢字 🙂"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

// BenchmarkEncodeSearch writes a page of 20 courses with 12 intakes each,
// by hand and by encoding/json.
func BenchmarkEncodeSearch(b *testing.B) {
	offerings, err := emil3test.ImportBundledMapped(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	page := searchResponse{Total: 1000, Group: catalog.GroupCourse, PerPage: 20, Hits: []hit{}}
	whole := page
	for i := range 20 {
		h := toHit(&offerings[i])
		var ins []intakeJSON
		for j := range 12 {
			ins = append(ins, toIntakeJSON(&offerings[i*12+j]))
		}
		page.Hits = append(page.Hits, h)
		page.intakes = append(page.intakes, ins)
		h.Intakes = decodeIntakes(nil, ins)
		whole.Hits = append(whole.Hits, h)
	}
	b.Run("intakes kept encoded", func(b *testing.B) {
		for b.Loop() {
			encodeSearch(nil, &page)
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			json.Marshal(&whole)
		}
	})
}
