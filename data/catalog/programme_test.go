package catalog

import "testing"

func TestIsProgramme(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Offering
		want bool
	}{
		{"komvux course package", Offering{SchoolType: "VUXGY", Configuration: "kurspaket"}, true},
		{"komvux vocational package", Offering{SchoolType: "VUXGY", Configuration: "yrkespaket"}, true},
		{"university programme", Offering{SchoolType: "HS", Configuration: "program"}, true},
		{"yrkeshögskola", Offering{SchoolType: "YH", Configuration: "program"}, true},
		{"labour-market training filed as a course", Offering{SchoolType: "AUB", Configuration: "kurs"}, true},
		{"labour-market training, configuration unknown", Offering{SchoolType: "AUB"}, true},
		{"komvux package of unknown configuration", Offering{SchoolType: "VUXGY", Credits: 1500, CreditSystem: "gy"}, true},
		{"komvux course", Offering{SchoolType: "VUXGY", Configuration: "kurs", Credits: 100, CreditSystem: "gy"}, false},
		{"komvux course of unknown configuration", Offering{SchoolType: "VUXGY", Credits: 100, CreditSystem: "gy"}, false},
		{"university course", Offering{SchoolType: "HS", Configuration: "kurs", Credits: 7.5, CreditSystem: "hp"}, false},
		{"nothing known", Offering{SchoolType: "VUXGY"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsProgramme(&tc.o); got != tc.want {
				t.Errorf("IsProgramme = %v, want %v", got, tc.want)
			}
		})
	}
}
