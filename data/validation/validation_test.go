package validation_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
	"kurskatalog/data/validation"
)

// The titles and sentences below are providers' own, from their public
// course pages (the address beside each), or the bundled snapshots'.
func TestOffered(t *testing.T) {
	tests := []struct {
		name string
		o    catalog.Offering
		want bool
	}{
		// kunskapsforbundet.se/vuxenutbildningen/program/validering-vard-och-omsorg/
		{"title: Validering | Vård och omsorg", catalog.Offering{Title: "Validering | Vård och omsorg", SchoolType: "VUXGY"}, true},
		// utbildningsochjobbcenter.uppsala.se/.../underskoterska-validering/
		{"title: Undersköterska validering", catalog.Offering{Title: "Undersköterska validering", SchoolType: "VUXGY"}, true},
		// campusnykoping.se/komvux/gymnasial-niva/validering-vard/
		{"title: Orienteringskurs för Validering - Vård", catalog.Offering{Title: "Orienteringskurs för Validering - Vård"}, true},
		{"title: validering mot an occupation", catalog.Offering{Title: "Validering mot barnskötare och elevassistent"}, true},
		{"title: yrkesvalidering", catalog.Offering{Title: "Yrkesvalidering industritekniker"}, true},
		{"title: validering av reell kompetens", catalog.Offering{Title: "Validering av yrkeskunskaper inom bygg"}, true},
		{"English title", catalog.Offering{Title: "Validering inom restaurang", TitleEN: "Validation of prior learning in restaurants"}, true},
		{"keyword", catalog.Offering{Title: "Vård- och omsorgsutbildning", Keywords: []string{"undersköterska", "Validering"}}, true},
		// utbildningsochjobbcenter.uppsala.se: the description of a validation course.
		{"description: valideringsutbildningen", catalog.Offering{Title: "Undersköterska, kortare väg",
			Description: "<p>Validering innebär att du kan få dina kunskaper bedömda och kartlagda. I valideringsutbildningen får du räkna in det du redan kan, och sedan studera det du behöver för att bli undersköterska.</p>"}, true},
		// sveavux.se/validering
		{"description: möjlighet att validera", catalog.Offering{Title: "Vård och omsorg",
			Description: "<p>På Svea VUX hjälper vi dig att kartlägga din kompetens inom yrket och bedömer vilka kurser inom Vård- och omsorgsprogrammet som du har möjlighet att validera.</p>"}, true},
		{"description: validering mot", catalog.Offering{Title: "Barnskötare", Description: "<p>Har du arbetat i förskola erbjuds validering mot kursernas mål innan du börjar.</p>"}, true},

		// Validation in the engineer's sense.
		{"title: verifiering och validering av programvara", catalog.Offering{Title: "Verifiering och validering av programvara", SchoolType: "HS"}, false},
		{"title: validering av metoder", catalog.Offering{Title: "Validering av analysmetoder", SchoolType: "HS"}, false},
		{"title: processvalidering", catalog.Offering{Title: "Processvalidering inom läkemedelsindustrin", SchoolType: "YH"}, false},
		{"title: validated", catalog.Offering{Title: "Validerade bedömningsinstrument i vården", SchoolType: "HS"}, false},
		{"description: validation of a model", catalog.Offering{Title: "Maskininlärning", Description: "<p>Kursen behandlar träning och validering av modeller genom validering mot testdata.</p>"}, false},
		// Passing mentions.
		{"description: a guidance contact", catalog.Offering{Title: "Svenska 1",
			Description: "<p>Kontakta en studie- och yrkesvägledare om du vill veta mer om validering.</p>"}, false},
		{"description: none", catalog.Offering{Title: "Elektriker", Description: "<p>Utbildningen erbjuder inte validering. Du läser alla kurser.</p>"}, false},
		// kunskapsforbundet.se: "can be validated" about study time, no offer.
		{"description: kan valideras", catalog.Offering{Title: "Vård och omsorg",
			Description: "<p>Studietiden kan variera beroende på hur mycket kunskap och erfarenhet du har med dig in i utbildningen och som kan valideras.</p>"}, false},
		{"title: the word as part of another", catalog.Offering{Title: "Invalideringsskydd för försäkringar"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := validation.Offered(&tc.o); got != tc.want {
				t.Errorf("Offered(%q, %q) = %v, want %v", tc.o.Title, tc.o.Description, got, tc.want)
			}
		})
	}
}

// None of the bundled snapshots' offerings is validation, though some
// speak of prior knowledge, eligibility and assessment: the test of
// precision on the catalogue's own records.
func TestBundledOfferings(t *testing.T) {
	offerings, err := emil3test.ImportBundled(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	goldens, err := filepath.Glob("../../crawler/html/testdata/*.golden.json")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("html golden files: %v, %v", goldens, err)
	}
	for _, name := range goldens {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var batch struct{ Offerings []catalog.Offering }
		if err := json.Unmarshal(b, &batch); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		offerings = append(offerings, batch.Offerings...)
	}
	for i := range offerings {
		if validation.Offered(&offerings[i]) {
			t.Errorf("%s %q tagged as validation", offerings[i].ID, offerings[i].Title)
		}
	}
	t.Logf("%d offerings read", len(offerings))
}
