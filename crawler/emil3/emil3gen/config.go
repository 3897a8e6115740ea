package emil3gen

import (
	"time"

	"kurskatalog/crawler/emil3"
)

// RefDate is the fixed "today" of the generated data: dates are spread
// around it, and nothing reads the clock, so that output is reproducible.
var RefDate = time.Date(2026, time.November, 20, 0, 0, 0, 0, time.UTC)

// Config says what to generate.
type Config struct {
	// Seed seeds the single random stream; the same Config gives the same
	// Dataset, byte for byte once encoded.
	Seed int64
	// Events is the number of event entries, removed and malformed ones
	// included.
	Events int
	// National spreads events over all 290 municipalities with Zipf weights
	// instead of the county of Jämtland Härjedalen; for scale benchmarks.
	National bool
	// Zipf is the exponent (> 1) of the national municipality distribution;
	// 0 means 1.1.
	Zipf float64
}

// DefaultSeed is the seed of the bundled snapshot.
const DefaultSeed = 20261120

// DefaultConfig is the bundled region snapshot: about 1,800 events in and
// around Jämtland Härjedalen.
func DefaultConfig() Config {
	return Config{Seed: DefaultSeed, Events: 1800}
}

// NationalConfig is a national data set of n events for scale benchmarks.
func NationalConfig(seed int64, n int) Config {
	return Config{Seed: seed, Events: n, National: true}
}

// Dataset is a generated snapshot in wire form. Entries are sorted by id, the
// order a list endpoint serves them in.
type Dataset struct {
	Events    []emil3.EventEntry
	Infos     []emil3.InfoEntry
	Providers []emil3.ProviderEntry
	// Malformed lists the ids of ACTIVE events broken on purpose (missing
	// education or execution, impossible start date): an importer must skip
	// and count them.
	Malformed []string

	// wire holds, per event id, quirks of representation that the wire
	// structs cannot express (a number sent as a string, a code sent as a
	// number). The page encoder applies them; decoding gives back the same
	// values, so the Dataset is what an importer reads.
	wire map[string]wireQuirk
}
