package myh

import (
	"kurskatalog/data"
	"strings"
	"testing"
)

func TestMunicipalityByName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Östersund", "2380"},
		{"Östersunds kommun", "2380"},
		{"ÖSTERSUND", "2380"},
		{"östersund ", "2380"},
		{"O\u0308stersund", "2380"}, // decomposed Ö
		{"Åre", "2321"},
		{"Krokom", "2309"},
		{"Krokoms kommun", "2309"},
		{"Härjedalen", "2361"},
		{"Berg", "2326"},
		{"Bergs kommun", "2326"},
		{"Bräcke", "2305"},
		{"Ragunda", "2303"},
		{"Strömsund", "2313"},
		{"Boden", "2582"},
		{"Borås", "1490"},
		{"Kramfors", "2282"},
		{"Malung-Sälen", "2023"},
		{"Upplands Väsby", "0114"},
		{"Upplands-Väsby", "0114"},
		{"Göteborg", "1480"},
		{"Göteborgs Stad", ""},
		{"Flera kommuner", ""},
		{"Jämtland", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := data.MunicipalityCode(tt.name); got != tt.want {
				t.Errorf("data.MunicipalityCode(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// TestSnapshotNamesResolve: every municipality named in the real tables
// maps to a code.
func TestSnapshotNamesResolve(t *testing.T) {
	rows, err := DecodeDecisions(readFile(t, snapshotDir+"/"+tabell3))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, r := range rows {
		if !strings.EqualFold(r.Municipality, severalMunicipalities) {
			names[r.Municipality] = true
		}
	}
	several, err := DecodeMunicipalities(readFile(t, snapshotDir+"/"+tabell4))
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range several {
		for _, n := range list {
			names[n] = true
		}
	}
	if len(names) < 100 {
		t.Fatalf("only %d names read", len(names))
	}
	for n := range names {
		if _, ok := data.MunicipalityCode(n); !ok {
			t.Errorf("%q does not resolve", n)
		}
	}
}
