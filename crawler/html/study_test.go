package html

import (
	"testing"

	"kurskatalog/data/catalog"
)

func TestParseMode(t *testing.T) {
	tests := []struct {
		in       string
		mode     catalog.Mode
		sessions int
	}{
		{"Distans", catalog.ModeOnline, 0},
		{"På distans", catalog.ModeOnline, 0},
		{"Distans med 2 obligatoriska träffar", catalog.ModeBlended, 2},
		{"Distans med 4 obligatoriska träffar", catalog.ModeBlended, 4},
		{"distans med 2 träffar", catalog.ModeBlended, 2},
		{"Distans med två obligatoriska träffar i Järpen", catalog.ModeBlended, 2},
		{"Distans med sex obligatoriska träffar", catalog.ModeBlended, 6},
		{"Distans, 1 obligatorisk träff", catalog.ModeBlended, 1},
		{"Distans, 3 campusträffar", catalog.ModeBlended, 3},
		{"Distans med en obligatorisk sammankomst", catalog.ModeBlended, 1},
		{"Distans. Obligatoriska träffar: 3", catalog.ModeBlended, 3},
		{"Distans med träffar", catalog.ModeBlended, 0},
		{"Distans med 2 obligatoriska träffar per termin", catalog.ModeBlended, 2},
		{"Distans, inga obligatoriska träffar", catalog.ModeOnline, 0},
		{"Distans utan fysiska träffar", catalog.ModeOnline, 0},
		{"Webbaserad", catalog.ModeOnline, 0},
		{"Online via Teams", catalog.ModeOnline, 0},
		{"Flex", catalog.ModeBlended, 0},
		{"Halvdistans", catalog.ModeBlended, 0},
		{"På plats", catalog.ModeOnsite, 0},
		{"På plats, Rådhusgatan 46", catalog.ModeOnsite, 0},
		{"Campus Östersund", catalog.ModeOnsite, 0},
		{"Närundervisning", catalog.ModeOnsite, 0},
		{"Östersund", catalog.ModeOnsite, 0},
		{"Undersåker", catalog.ModeOnsite, 0},
		{"I Hammarstrand", catalog.ModeOnsite, 0},
		{"Sveg och Funäsdalen", catalog.ModeOnsite, 0},
		{"onsite", catalog.ModeOnsite, 0},
		{"Online", catalog.ModeOnline, 0},
		{"blended", catalog.ModeBlended, 0},
		{"mixed", catalog.ModeBlended, 0},
		{"online, part-time", catalog.ModeOnline, 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseMode(tt.in)
			if !ok || got.mode != tt.mode || got.sessions != tt.sessions {
				t.Errorf("got %+v, %v; want %s with %d sessions", got, ok, tt.mode, tt.sessions)
			}
		})
	}
	for _, in := range []string{"", "Se kursinformation", "Hållands folkhögskola"} {
		if got, ok := parseMode(in); ok {
			t.Errorf("parseMode(%q) = %+v, want not recognised", in, got)
		}
	}
}

func TestParsePace(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"50 %", 50, true},
		{"50%", 50, true},
		{"Studietakt 75 procent", 75, true},
		{"100 % (20 poäng/vecka)", 100, true},
		{"50–100 %", 50, true},
		{"halvfart", 50, true},
		{"Halvtid", 50, true},
		{"Heltid", 100, true},
		{"Heltid, tre dagar", 100, true},
		{"helfart", 100, true},
		{"Kvartsfart", 25, true},
		{"trekvartsfart", 75, true},
		{"10 poäng/vecka", 50, true},
		{"20 p/v", 100, true},
		{"25", 25, true},
		{"Deltid", 0, false},
		{"En kväll", 0, false},
		{"-", 0, false},
		{"150 %", 150, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parsePace(tt.in)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("got %d, %v; want %d, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseTimeOfStudy(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Dagtid", "dag"},
		{"Dagtid 8.00–16.00", "dag"},
		{"dag", "dag"},
		{"Kvällstid", "kväll"},
		{"Kvällar", "kväll"},
		{"Tisdagar kl. 18–20.30", "kväll"},
		{"Måndagar kl. 13.00–16.00", "dag"},
		{"Onsdag kl. 17.30–20.30", "kväll"},
		{"Helg", "veckoslut"},
		{"Lördag och söndag", "veckoslut"},
		{"Fredag kväll och lördag", "blandat"},
		{"Dag och kväll", "blandat"},
		{"Blandat", "blandat"},
		{"Heltid, tre dagar", ""},
		{"Enligt schema", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseTimeOfStudy(tt.in)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("got %q, %v; want %q", got, ok, tt.want)
			}
		})
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"12", 12, true},
		{"Max 12 deltagare", 12, true},
		{"8 platser", 8, true},
		{"3 obligatoriska träffar i Krokom", 3, true},
		{"två", 2, true},
		{"Inga obligatoriska träffar", 0, true},
		{"1 200", 1200, true},
		{"-", 0, false},
		{"Obegränsat", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseCount(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %d, %v; want %d, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseCredits(t *testing.T) {
	tests := []struct {
		in     string
		want   float64
		system string
		ok     bool
	}{
		{"7,5 hp", 7.5, "hp", true},
		{"7.5", 7.5, "", true},
		{"15 högskolepoäng", 15, "hp", true},
		{"100 gymnasiepoäng", 100, "gy", true},
		{"1 300 gymnasiepoäng", 1300, "gy", true},
		{"400 YH-poäng", 400, "yh", true},
		{"-", 0, "", false},
		{"0 hp", 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, system, ok := parseCredits(tt.in)
			if got != tt.want || system != tt.system || ok != tt.ok {
				t.Errorf("got %v %q %v; want %v %q %v", got, system, ok, tt.want, tt.system, tt.ok)
			}
		})
	}
}

func TestPlaces(t *testing.T) {
	codes, err := municipalityCodes("Östersunds kommun, 2303 och Sveg")
	if err != nil || len(codes) != 3 || codes[0] != "2380" || codes[1] != "2303" || codes[2] != "2361" {
		t.Errorf("municipalityCodes = %v, %v", codes, err)
	}
	if _, err := municipalityCodes("Atlantis"); err == nil {
		t.Error("an unknown municipality must be an error")
	}
	if got := townList("Östersund/Distans"); len(got) != 1 || got[0] != "Östersund" {
		t.Errorf("townList = %q", got)
	}
	// NFD å, as pasted from some editors.
	if code, ok := placeCode("A\u030are"); !ok || code != "2321" {
		t.Errorf("placeCode(NFD Åre) = %q, %v", code, ok)
	}
}
