package data

import "testing"

func TestMunicipalityCode(t *testing.T) {
	tests := map[string]string{
		"Östersund":         "2380",
		"Östersunds kommun": "2380",
		"ÖSTERSUND":         "2380",
		"Härjedalen":        "2361",
		"Åre":               "2321",
		"Upplands-Väsby":    "0114",
		"Upplands Väsby":    "0114",
		"Borås":             "1490",
		"Kramfors":          "2282",
		"Kramfors kommun":   "2282",
		"O\u0308stersund":   "2380", // decomposed ö, as some exports write it
	}
	for name, want := range tests {
		if got, ok := MunicipalityCode(name); !ok || got != want {
			t.Errorf("MunicipalityCode(%q) = %q, %v; want %s", name, got, ok, want)
		}
	}
	for _, bad := range []string{"", "Flera kommuner", "Oppdal", "Jämtland"} {
		if code, ok := MunicipalityCode(bad); ok {
			t.Errorf("MunicipalityCode(%q) = %s", bad, code)
		}
	}
}

// The genitive fallback is safe only while no municipality's name plus s is
// another municipality's name.
func TestGenitiveIsUnambiguous(t *testing.T) {
	codes := municipalities().codes
	if len(codes) != 290 {
		t.Fatalf("%d municipalities, want 290", len(codes))
	}
	for name := range codes {
		if code, ok := codes[name+"s"]; ok {
			t.Errorf("%q+s is %s", name, code)
		}
	}
}

func TestParseMunicipality(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2361", "2361"},
		{" 2361 ", "2361"},
		{"Härjedalen", "2361"},
		{"härjedalen", "2361"},
		{"HÄRJEDALEN", "2361"},
		{"Härjedalens kommun", "2361"},
		{"Harjedalen", "2361"},
		{"harjedalens kommun", "2361"},
		{"Ostersund", "2380"},
		{"Are", "2321"},
		{"upplands-vasby", "0114"},
	} {
		if got, ok := ParseMunicipality(tc.in); !ok || got != tc.want {
			t.Errorf("ParseMunicipality(%q) = %q, %v; want %s", tc.in, got, ok, tc.want)
		}
	}
	for _, bad := range []string{"", "9999", "236", "Sveg", "Jämtland", "Flera kommuner"} {
		if code, ok := ParseMunicipality(bad); ok {
			t.Errorf("ParseMunicipality(%q) = %s", bad, code)
		}
	}
}

// Names without diacritics are a fallback only where no two municipalities
// differ in them alone: Håbo and Habo must be written out.
func TestPlainNamesAreUnambiguous(t *testing.T) {
	if n, want := len(municipalities().plain), len(municipalities().codes)-2; n != want {
		t.Errorf("%d names without diacritics, want %d", n, want)
	}
	for name, want := range map[string]string{"Håbo": "0305", "Habo": "0643", "habos kommun": "0643"} {
		if got, ok := ParseMunicipality(name); !ok || got != want {
			t.Errorf("ParseMunicipality(%q) = %q, %v; want %s", name, got, ok, want)
		}
	}
	for name := range municipalities().plain {
		if code, ok := municipalities().plain[name+"s"]; ok {
			t.Errorf("%q+s is %s", name, code)
		}
	}
}
