package occupation

import (
	"strings"
	"testing"

	"kurskatalog/data/catalog"
)

func TestMapExplains(t *testing.T) {
	m, err := DefaultMapper()
	if err != nil {
		t.Fatal(err)
	}
	sun := func(code string) catalog.Code { return catalog.Code{Type: "C_Subject_SUN", Code: code} }
	tests := []struct {
		name string
		o    catalog.Offering
		want string // "ssyk=reason|..."
	}{
		{"general education maps to nothing",
			catalog.Offering{Title: "Svenska 1", SchoolType: "VUXGY", Subjects: []catalog.Code{sun("223a")}}, ""},
		{"leisure course in a vocational field maps to nothing",
			catalog.Offering{Title: "Jämtländsk husmanskost", SchoolType: "STF", Keywords: []string{"matlagning"},
				Subjects: []catalog.Code{sun("811c")}}, ""},
		{"source's SSYK code and the title agree",
			catalog.Offering{Title: "Truckförare", SchoolType: "AUB", Subjects: []catalog.Code{{Type: "AUB_Subject", Code: "8344"}, sun("840b")}},
			"8344=AUB_Subject 8344; title rule 'truck'"},
		{"title rule wins over the field",
			catalog.Offering{Title: "Servering 1", SchoolType: "VUXGY", Subjects: []catalog.Code{sun("811c")}},
			"5131=title rule 'servering'"},
		{"keyword rule",
			catalog.Offering{Title: "Matlagning 2", SchoolType: "VUXGY", Keywords: []string{"Kock", "restaurang"}},
			"5120=keyword rule 'kock'"},
		{"field when the words say nothing",
			catalog.Offering{Title: "Medicin 1", SchoolType: "VUXGY", Subjects: []catalog.Code{sun("723o")}},
			"5321=SUN 723o -> 5321|5323=SUN 723o -> 5323"},
		{"field row limited to programmes",
			catalog.Offering{Title: "Matematikdidaktik", SchoolType: "HS", Configuration: "kurs", Subjects: []catalog.Code{sun("144b")}}, ""},
		{"longer term wins",
			catalog.Offering{Title: "Möbelsnickare", SchoolType: "VUXGY"}, "7522=title rule 'möbelsnickare'"},
		{"mask leaves the speciality to the field",
			catalog.Offering{Title: "Specialistundersköterska psykiatri", SchoolType: "YH", Subjects: []catalog.Code{sun("723q")}},
			"5321=SUN 723q -> 5321|5323=SUN 723q -> 5323|5341=SUN 723q -> 5341"},
		{"excluded title: Yrkessfi is language training",
			catalog.Offering{Title: "Yrkessfi – undersköterska", SchoolType: "VUXSFI", Subjects: []catalog.Code{sun("222g")}}, ""},
		{"SCB group filed under the taxonomy's",
			catalog.Offering{Title: "Habilitering", SchoolType: "AUB", Subjects: []catalog.Code{{Type: "AUB_Subject", Code: "5322"}}},
			"5321=AUB_Subject 5322 (filed under 5321)"},
		{"regulated programme by its name, whatever its field says",
			catalog.Offering{Title: "Sjuksköterskeprogrammet", SchoolType: "HS", Configuration: "program", Subjects: []catalog.Code{sun("723x")}},
			"2221=leder till legitimation som sjuksköterska (Sjuksköterskeprogrammet); title rule 'sjuksköterskeprogram'"},
		{"regulated programme by its degree",
			catalog.Offering{Title: "Omvårdnad, 180 hp", Degree: "Sjuksköterskeexamen", SchoolType: "HS", Configuration: "program"},
			"2221=leder till legitimation som sjuksköterska (Sjuksköterskeexamen)"},
		{"a programme name inside a longer word is not that programme",
			catalog.Offering{Title: "Specialistsjuksköterskeprogrammet – distriktssköterska", SchoolType: "HS", Configuration: "program",
				Subjects: []catalog.Code{sun("723h")}},
			"2224=leder till behörighet som distriktssköterska (SUN 723h); title rule 'distriktssköterska'"},
		{"the longer programme name wins",
			catalog.Offering{Title: "Grundlärarprogrammet med inriktning mot arbete i fritidshem", SchoolType: "HS", Configuration: "program"},
			"2342=leder till legitimation som grundlärare i fritidshem (Grundlärarprogrammet med inriktning mot arbete i fritidshem)"},
		{"a standalone course in a regulated field is not the programme",
			catalog.Offering{Title: "Farmakologi", SchoolType: "HS", Configuration: "kurs", Subjects: []catalog.Code{sun("723a")}}, ""},
		{"MYH's five-position code before the field",
			catalog.Offering{Title: "Mjukvaruarkitektur", SchoolType: "YH", Configuration: "program",
				Subjects: []catalog.Code{sun("481a"), {Type: "MYH_SUN5", Code: "481ag"}}},
			"2514=SUN 481ag -> 2514"},
		{"MYH's catch-all code leaves the field out",
			catalog.Offering{Title: "Besiktning", SchoolType: "YH", Configuration: "program",
				Subjects: []catalog.Code{sun("582c"), {Type: "MYH_SUN5", Code: "582cy"}}}, ""},
		{"unknown SSYK code ignored",
			catalog.Offering{Title: "Okänt", SchoolType: "AUB", Subjects: []catalog.Code{{Type: "AUB_Subject", Code: "9999"}}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var parts []string
			for _, match := range m.Map(tc.o) {
				parts = append(parts, match.SSYK+"="+match.Reason)
			}
			if got := strings.Join(parts, "|"); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestNewMapperRejectsBadTables(t *testing.T) {
	tax, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	const cwHeader = "sun;school_types;configurations;ssyk;note\n"
	const rulesHeader = "kind;term;ssyk;note\n"
	tests := []struct{ name, crosswalk, rules, want string }{
		{"unknown group in crosswalk", cwHeader + "723o;VUXGY;;5399;\n", rulesHeader, `"5399" is not`},
		{"3-digit group in rules", cwHeader, rulesHeader + "match;kock;512;\n", `"512" is not`},
		{"short SUN code", cwHeader + "723;VUXGY;;5321;\n", rulesHeader, "4-position"},
		{"unknown kind", cwHeader, rulesHeader + "maybe;kock;5120;\n", "kind"},
		{"missing column", "sun;ssyk\n", rulesHeader, "no column"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewMapper(tax, strings.NewReader(tc.crosswalk), strings.NewReader(tc.rules))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestLoadRegulatedRejectsBadTables(t *testing.T) {
	m, err := DefaultMapper()
	if err != nil {
		t.Fatal(err)
	}
	const header = "ssyk;grant;occupation;terms;sun;note\n"
	tests := []struct{ name, table, want string }{
		{"unknown group", header + "2229;legitimation;sjuksköterska;sjuksköterskeprogram;723a;\n", `"2229" is not`},
		{"unknown grant", header + "2221;licens;sjuksköterska;sjuksköterskeprogram;723a;\n", "grant"},
		{"no occupation", header + "2221;legitimation;;sjuksköterskeprogram;723a;\n", "no occupation"},
		{"short SUN field", header + "2221;legitimation;sjuksköterska;sjuksköterskeprogram;723;\n", "4-position"},
		{"nothing to match", header + "2221;legitimation;sjuksköterska;;;\n", "neither"},
		{"missing column", "ssyk;grant;occupation\n", "no column"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := m.LoadRegulated(strings.NewReader(tc.table))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "legitimation") {
				t.Errorf("error %v, want one naming the table and containing %q", err, tc.want)
			}
		})
	}
}

func BenchmarkMap(b *testing.B) {
	m, err := DefaultMapper()
	if err != nil {
		b.Fatal(err)
	}
	o := catalog.Offering{Title: "Vård- och omsorgsarbete 1", SchoolType: "VUXGY", Keywords: []string{"vård", "undersköterska"},
		Subjects: []catalog.Code{{Type: "C_Subject_SUN", Code: "723o"}}}
	for b.Loop() {
		m.Map(o)
	}
}
