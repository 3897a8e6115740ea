package html

import (
	"testing"

	"kurskatalog/data/catalog"
)

func TestParseFee(t *testing.T) {
	tests := []struct {
		in   string
		want catalog.Fee
		ok   bool
	}{
		{"2 900 kr", catalog.Fee{Amount: 2900, Currency: "SEK"}, true},
		{"6 900 kr inkl. material", catalog.Fee{Amount: 6900, Currency: "SEK", Condition: "inkl. material"}, true},
		{"1.500:- SEK", catalog.Fee{Amount: 1500, Currency: "SEK"}, true},
		{"1500:- kr", catalog.Fee{Amount: 1500, Currency: "SEK"}, true},
		{"Avgiftsfri", catalog.Fee{Free: true}, true},
		{"Kostnadsfri, material ingår", catalog.Fee{Free: true, Condition: "material ingår"}, true},
		{"Se hemsidan", catalog.Fee{}, false},
		{"", catalog.Fee{}, false},
	}
	for _, tt := range tests {
		got, ok := parseFee(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseFee(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
