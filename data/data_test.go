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
