package emil3

import (
	"encoding/json"
	"reflect"
	"testing"

	"kurskatalog/data/catalog"
)

func TestFees(t *testing.T) {
	tests := []struct {
		name string
		wire string
		want []catalog.Fee
	}{
		{"zero amount is free", `[{"totalAmount":0,"currency":"SEK"}]`, []catalog.Fee{{Free: true}}},
		{"condition says free", `[{"condition":{"strings":[{"lang":"swe","value":"Avgiftsfri"}]}}]`, []catalog.Fee{{Free: true}}},
		{"amount as string", `[{"totalAmount":"1650.0","currency":"SEK"}]`, []catalog.Fee{{Amount: 1650, Currency: "SEK"}}},
		{"amount with condition", `[{"totalAmount":"4900.0","currency":"sek","condition":{"strings":[{"lang":"swe","content":"HTML","value":"<p>Kost och <b>logi</b></p>"}]}}]`,
			[]catalog.Fee{{Amount: 4900, Currency: "SEK", Condition: "Kost och logi"}}},
		{"amount without currency", `[{"totalAmount":1650}]`, []catalog.Fee{{Amount: 1650, Currency: "SEK"}}},
		{"nothing said", `[{"currency":"SEK"}]`, nil},
		{"condition without amount", `[{"condition":{"strings":[{"lang":"swe","value":"Materialkostnad tillkommer"}]}}]`,
			[]catalog.Fee{{Condition: "Materialkostnad tillkommer"}}},
		{"instalment kept below total", `[{"totalAmount":65000,"firstInstallment":32500}]`,
			[]catalog.Fee{{Amount: 65000, Currency: "SEK", FirstInstallment: 32500}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in []Fee
			if err := json.Unmarshal([]byte(tt.wire), &in); err != nil {
				t.Fatal(err)
			}
			if got := fees(in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("fees = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestWGS84(t *testing.T) {
	tests := []struct {
		in       string
		lat, lon float64
		ok       bool
	}{
		{"63.1767,14.6345", 63.1767, 14.6345, true},
		{"63.1767, 14.6345", 63.1767, 14.6345, true},
		{"63.1767 14.6345", 63.1767, 14.6345, true},
		{"POINT (14.6345 63.1767)", 63.1767, 14.6345, true},
		{"", 0, 0, false},
		{"0,0", 0, 0, false},
		{"163.1,14.6", 0, 0, false},
		{"N 63° 10.6' E 14° 38.1'", 0, 0, false},
	}
	for _, tt := range tests {
		lat, lon, ok := wgs84(tt.in)
		if lat != tt.lat || lon != tt.lon || ok != tt.ok {
			t.Errorf("wgs84(%q) = %v, %v, %v; want %v, %v, %v", tt.in, lat, lon, ok, tt.lat, tt.lon, tt.ok)
		}
	}
}
