package main

// place is a stop area: a locality's bus station or stop, with one stop
// point (platform) per entry in platforms.
type place struct {
	name      string
	lat, lon  float64
	platforms []string // platform codes; one unnamed platform when empty
}

// The county's stop areas on the main lines. Positions are the bus
// station or main stop of each locality, to about a hundred metres.
var places = []place{
	{"Östersund Resecentrum", 63.1746, 14.6378, []string{"A", "B"}},
	{"Östersund Stortorget", 63.1770, 14.6393, nil},
	{"Lit Centrum", 63.3160, 14.8600, nil},
	{"Hammerdal Centrum", 63.5930, 15.3480, nil},
	{"Strömsund Busstation", 63.8510, 15.5540, nil},
	{"Ulriksfors", 63.8740, 15.4400, nil},
	{"Bågede", 64.0560, 15.2500, nil},
	{"Gäddede Busstation", 64.5010, 14.1510, nil},
	{"Ås Birka folkhögskola", 63.2470, 14.5620, nil},
	{"Krokom Centrum", 63.3265, 14.4560, nil},
	{"Nälden", 63.3500, 14.2600, nil},
	{"Mörsil", 63.3170, 13.6500, nil},
	{"Järpen Busstation", 63.3475, 13.4690, nil},
	{"Undersåker", 63.3170, 13.3300, nil},
	{"Åre Station", 63.3985, 13.0800, nil},
	{"Duved", 63.3920, 12.9330, nil},
	{"Storlien Station", 63.3160, 12.1000, nil},
	{"Brunflo Centrum", 63.0760, 14.8210, nil},
	{"Pilgrimstad", 62.9580, 15.0420, nil},
	{"Gällö", 62.9170, 15.2330, nil},
	{"Bräcke Centrum", 62.7505, 15.4205, nil},
	{"Stugun", 63.1670, 15.6000, nil},
	{"Hammarstrand Centrum", 63.1075, 16.3435, nil},
	{"Bispgården", 63.0300, 16.6300, nil},
	{"Hackås", 62.9250, 14.5160, nil},
	{"Svenstavik Centrum", 62.7665, 14.4335, nil},
	{"Åsarna", 62.6480, 14.3640, nil},
	{"Sveg Busstation", 62.0345, 14.3575, nil},
	{"Linsell", 62.1530, 13.8880, nil},
	{"Hede Centrum", 62.4180, 13.5040, nil},
	{"Tännäs", 62.4470, 12.6630, nil},
	{"Funäsdalen Centrum", 62.5340, 12.5470, nil},
	{"Föllinge", 63.6660, 14.6160, nil},
}

// call is a stop of a line: the stop area (with its platform, when it has
// several) and the minutes from the line's first stop.
type call struct {
	place    string
	platform string
	minutes  int
}

// run is a trip of a line: direction 0 runs the calls in order, 1 in
// reverse; from and to index the calls in the line's order, so that a short
// working covers part of the line. start is "HH:MM" at its first stop.
type run struct {
	direction int
	start     string
	from, to  int
	weekend   bool
}

// line is a bus line with its calls and its weekday and weekend trips.
type line struct {
	number, name string
	calls        []call
	runs         []run
}

// full is a run over every call of a line of n calls.
func full(direction int, start string, n int) run { return run{direction, start, 0, n - 1, false} }

// The main lines. Numbers, running times and departures are plausible, not
// Länstrafiken's timetable; the localities and their order are the roads'.
var lines = []line{
	{"40", "Östersund - Strömsund - Gäddede", []call{
		{"Östersund Resecentrum", "A", 0}, {"Lit Centrum", "", 25}, {"Hammerdal Centrum", "", 60},
		{"Strömsund Busstation", "", 85}, {"Ulriksfors", "", 95}, {"Bågede", "", 130}, {"Gäddede Busstation", "", 180}},
		[]run{full(0, "07:00", 7), {0, "10:15", 0, 3, false}, full(0, "15:20", 7), {0, "17:10", 0, 3, false},
			full(1, "05:20", 7), {1, "06:35", 0, 3, false}, {1, "12:40", 0, 3, false}, full(1, "16:00", 7),
			{0, "10:15", 0, 6, true}, {1, "14:00", 0, 6, true}}},
	{"155", "Östersund - Krokom - Järpen - Åre - Storlien", []call{
		{"Östersund Resecentrum", "A", 0}, {"Ås Birka folkhögskola", "", 13}, {"Krokom Centrum", "", 22},
		{"Nälden", "", 32}, {"Mörsil", "", 55}, {"Järpen Busstation", "", 65}, {"Undersåker", "", 73},
		{"Åre Station", "", 85}, {"Duved", "", 95}, {"Storlien Station", "", 130}},
		[]run{{0, "06:10", 0, 7, false}, full(0, "07:15", 10), full(0, "09:30", 10), {0, "12:30", 0, 7, false},
			full(0, "15:30", 10), {0, "17:15", 0, 5, false},
			{1, "05:45", 0, 7, false}, full(1, "06:20", 10), {1, "07:05", 0, 5, false}, full(1, "10:30", 10),
			{1, "14:10", 0, 7, false}, full(1, "16:30", 10),
			{0, "09:30", 0, 9, true}, {1, "13:00", 0, 9, true}}},
	{"163", "Östersund - Brunflo - Gällö - Bräcke", []call{
		{"Östersund Resecentrum", "B", 0}, {"Brunflo Centrum", "", 17}, {"Pilgrimstad", "", 35},
		{"Gällö", "", 45}, {"Bräcke Centrum", "", 70}},
		[]run{full(0, "07:20", 5), full(0, "11:00", 5), full(0, "16:10", 5), full(0, "18:00", 5),
			full(1, "06:05", 5), full(1, "07:00", 5), full(1, "13:30", 5), full(1, "17:00", 5),
			{0, "11:00", 0, 4, true}, {1, "15:00", 0, 4, true}}},
	{"50", "Östersund - Brunflo - Hammarstrand - Bispgården", []call{
		{"Östersund Resecentrum", "B", 0}, {"Brunflo Centrum", "", 17}, {"Stugun", "", 60},
		{"Hammarstrand Centrum", "", 85}, {"Bispgården", "", 105}},
		[]run{full(0, "06:45", 5), full(0, "12:00", 5), full(0, "16:30", 5),
			full(1, "05:55", 5), {1, "06:30", 0, 3, false}, full(1, "14:00", 5),
			{0, "12:00", 0, 4, true}, {1, "15:30", 0, 4, true}}},
	{"45", "Östersund - Svenstavik - Sveg", []call{
		{"Östersund Resecentrum", "B", 0}, {"Hackås", "", 30}, {"Svenstavik Centrum", "", 50},
		{"Åsarna", "", 65}, {"Sveg Busstation", "", 150}},
		[]run{full(0, "06:40", 5), full(0, "12:15", 5), {0, "16:15", 0, 2, false}, full(0, "17:30", 5),
			full(1, "06:05", 5), {1, "06:50", 0, 2, false}, full(1, "13:00", 5), full(1, "16:00", 5),
			{0, "12:15", 0, 4, true}, {1, "15:00", 0, 4, true}}},
	{"164", "Sveg - Hede - Funäsdalen", []call{
		{"Sveg Busstation", "", 0}, {"Linsell", "", 40}, {"Hede Centrum", "", 60}, {"Tännäs", "", 90},
		{"Funäsdalen Centrum", "", 100}},
		[]run{full(0, "07:10", 5), full(0, "09:15", 5), full(0, "15:30", 5),
			full(1, "05:50", 5), full(1, "12:00", 5), full(1, "16:30", 5),
			{0, "09:15", 0, 4, true}, {1, "16:30", 0, 4, true}}},
	{"35", "Östersund - Lit", []call{
		{"Östersund Resecentrum", "A", 0}, {"Östersund Stortorget", "", 4}, {"Lit Centrum", "", 28}},
		[]run{full(0, "06:15", 3), full(0, "07:30", 3), full(0, "09:00", 3), full(0, "12:00", 3),
			full(0, "15:30", 3), full(0, "16:30", 3), full(0, "17:30", 3),
			full(1, "06:00", 3), full(1, "07:00", 3), full(1, "08:00", 3), full(1, "13:00", 3), full(1, "16:00", 3),
			{0, "10:00", 0, 2, true}, {1, "14:00", 0, 2, true}}},
	{"31", "Krokom - Föllinge", []call{
		{"Krokom Centrum", "", 0}, {"Föllinge", "", 40}},
		[]run{full(0, "07:45", 2), full(0, "13:00", 2), full(0, "16:40", 2),
			full(1, "06:20", 2), full(1, "09:00", 2), full(1, "15:00", 2)}},
}
