package emil3gen

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
)

// town is a place where education is held.
type town struct {
	Name     string
	Postal   string
	Lat, Lon float64
}

// muni is a municipality with its towns; the first town is the seat.
type muni struct {
	Code   string
	Name   string
	Weight float64 // share of the county's local events
	Towns  []town
	// Domain is the municipality's web domain, for addresses and URLs.
	Domain string
	// Phone is the switchboard number.
	Phone string
}

// seat returns the municipality's main town.
func (m *muni) seat() town { return m.Towns[0] }

// county is Jämtlands län. Weights follow population roughly: Östersund has
// about half of the county's people. Coordinates are town centres.
var county = []muni{
	{Code: "2380", Name: "Östersund", Weight: 40, Domain: "ostersund.se", Phone: "063-14 30 00", Towns: []town{
		{"Östersund", "831 30", 63.1792, 14.6357}, {"Brunflo", "834 31", 63.0767, 14.8222}}},
	{Code: "2309", Name: "Krokom", Weight: 10, Domain: "krokom.se", Phone: "0640-161 00", Towns: []town{
		{"Krokom", "835 31", 63.3267, 14.4556}, {"Ås", "830 43", 63.2417, 14.5614}, {"Föllinge", "835 61", 63.6667, 14.6167}}},
	{Code: "2321", Name: "Åre", Weight: 10, Domain: "are.se", Phone: "0647-161 00", Towns: []town{
		{"Järpen", "837 31", 63.3481, 13.4700}, {"Åre", "837 52", 63.3990, 13.0815}, {"Undersåker", "837 51", 63.3153, 13.3308}}},
	{Code: "2313", Name: "Strömsund", Weight: 9, Domain: "stromsund.se", Phone: "0670-164 00", Towns: []town{
		{"Strömsund", "833 35", 63.8519, 15.5550}, {"Hammerdal", "833 94", 63.5875, 15.3500}, {"Gäddede", "833 97", 64.5028, 14.1500}}},
	{Code: "2361", Name: "Härjedalen", Weight: 8, Domain: "herjedalen.se", Phone: "0680-161 00", Towns: []town{
		{"Sveg", "842 32", 62.0346, 14.3650}, {"Funäsdalen", "840 95", 62.5380, 12.5450}, {"Hede", "840 93", 62.4200, 13.5100}}},
	{Code: "2326", Name: "Berg", Weight: 6, Domain: "berg.se", Phone: "0687-161 00", Towns: []town{
		{"Svenstavik", "845 31", 62.7680, 14.4350}, {"Hackås", "845 51", 62.9247, 14.5128}}},
	{Code: "2305", Name: "Bräcke", Weight: 6, Domain: "bracke.se", Phone: "0693-161 00", Towns: []town{
		{"Bräcke", "843 31", 62.7500, 15.4167}, {"Gällö", "840 40", 62.9167, 15.2333}, {"Kälarne", "840 60", 62.9833, 16.0833}}},
	{Code: "2303", Name: "Ragunda", Weight: 5, Domain: "ragunda.se", Phone: "0696-682 00", Towns: []town{
		{"Hammarstrand", "840 70", 63.1064, 16.3458}, {"Bispgården", "840 73", 63.0275, 16.6500}}},
}

// countyMuni returns the county municipality with code c.
func countyMuni(c string) *muni {
	for i := range county {
		if county[i].Code == c {
			return &county[i]
		}
	}
	panic("emil3gen: no county municipality " + c)
}

// Places outside the county that tables refer to by code.
var elsewhere = map[string]town{
	"0180": {"Stockholm", "111 20", 59.3326, 18.0649},
	"0780": {"Växjö", "352 52", 56.8777, 14.8091},
	"0880": {"Kalmar", "392 31", 56.6634, 16.3568},
	"1264": {"Skurup", "274 35", 55.4760, 13.5010},
	"1280": {"Malmö", "211 19", 55.6050, 13.0038},
	"2080": {"Falun", "791 88", 60.6065, 15.6355},
	"2081": {"Borlänge", "781 70", 60.4858, 15.4371},
	"2161": {"Ljusdal", "827 32", 61.8290, 16.0910},
	"2260": {"Ånge", "841 31", 62.5240, 15.6590},
	"2280": {"Härnösand", "871 31", 62.6323, 17.9379},
	"2281": {"Sundsvall", "852 30", 62.3908, 17.3069},
	"2480": {"Umeå", "901 87", 63.8258, 20.2630},
	"2580": {"Luleå", "971 87", 65.5848, 22.1547},
}

// townIn returns the main town of a municipality, in or outside the county.
func townIn(code string) town {
	for i := range county {
		if county[i].Code == code {
			return county[i].seat()
		}
	}
	if t, ok := elsewhere[code]; ok {
		return t
	}
	for _, m := range nationalMunis() {
		if m.Code == code {
			return m.seat()
		}
	}
	panic("emil3gen: unknown municipality " + code)
}

// townNamed is the town called name in municipality code, or the main
// town when name is "" or unknown (then under that name).
func townNamed(code, name string) town {
	t := townIn(code)
	if name == "" {
		return t
	}
	for _, m := range county {
		if m.Code != code {
			continue
		}
		for _, tt := range m.Towns {
			if tt.Name == name {
				return tt
			}
		}
	}
	t.Name = name
	return t
}

//go:embed kommuner.csv
var kommunerCSV string

// largest are the biggest municipalities, most populous first: the national
// Zipf ranking puts them at the head; the rest follow in code order.
var largest = []string{"0180", "1480", "1280", "0380", "0580", "1880", "1980", "1281", "0581", "0680",
	"2480", "0126", "1490", "0184", "2281", "1283", "0780", "0181", "2180", "1780", "2580", "1380",
	"0127", "2380", "0880", "1290", "1384", "0162", "0136", "1484"}

// nationalMunis returns all 290 municipalities in Zipf rank order, with the
// polygon centroid as the single town.
var nationalMunis = sync.OnceValue(func() []muni {
	var all []muni
	for i, line := range strings.Split(strings.TrimSpace(kommunerCSV), "\n") {
		if i == 0 {
			continue // header
		}
		f := strings.Split(strings.TrimSpace(line), ";")
		if len(f) != 6 {
			panic(fmt.Sprintf("emil3gen: kommuner.csv line %d: %q", i+1, line))
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil {
			panic(fmt.Sprintf("emil3gen: kommuner.csv line %d: %q", i+1, line))
		}
		all = append(all, muni{Code: f[0], Name: f[1], Weight: 1,
			Domain: asciiSlug(f[1]) + ".se", Phone: "0771-00 00 00",
			Towns: []town{{Name: f[1], Lat: lat, Lon: lon}}})
	}
	// Real seats and towns for the county, so both modes agree on them.
	for i := range all {
		for _, c := range county {
			if all[i].Code == c.Code {
				all[i] = c
			}
		}
	}
	rank := map[string]int{}
	for i, c := range largest {
		rank[c] = i + 1
	}
	head := make([]muni, len(largest))
	var tail []muni
	for _, m := range all {
		if r := rank[m.Code]; r > 0 {
			head[r-1] = m
		} else {
			tail = append(tail, m)
		}
	}
	return append(head, tail...)
})

// muniPicker draws the municipality of a local event.
type muniPicker interface{ pick(r *rand.Rand) *muni }

// weightedMunis picks from a fixed list by weight.
type weightedMunis struct {
	list  []muni
	total float64
}

func newWeighted(list []muni) *weightedMunis {
	w := &weightedMunis{list: list}
	for _, m := range list {
		w.total += m.Weight
	}
	return w
}

func (w *weightedMunis) pick(r *rand.Rand) *muni {
	x := r.Float64() * w.total
	for i := range w.list {
		x -= w.list[i].Weight
		if x < 0 {
			return &w.list[i]
		}
	}
	return &w.list[len(w.list)-1]
}

// zipfMunis picks from a ranked list with a Zipf distribution, the way
// education offerings concentrate in big municipalities.
type zipfMunis struct {
	list []muni
	z    *rand.Zipf
}

func newZipf(r *rand.Rand, list []muni, s float64) *zipfMunis {
	if s <= 1 {
		s = 1.1
	}
	return &zipfMunis{list: list, z: rand.NewZipf(r, s, 1, uint64(len(list)-1))}
}

func (z *zipfMunis) pick(*rand.Rand) *muni { return &z.list[z.z.Uint64()] }

// asciiSlug lowercases s and folds Swedish letters, for ids and domains.
func asciiSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'å', 'ä':
			b.WriteByte('a')
		case 'ö':
			b.WriteByte('o')
		case 'é':
			b.WriteByte('e')
		case 'ü':
			b.WriteByte('u')
		default:
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
