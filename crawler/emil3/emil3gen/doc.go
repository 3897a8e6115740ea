// Package emil3gen generates a deterministic, realistic snapshot of
// Skolverket's Susa-navet EMIL3 data in the exact wire format: education
// events, infos and providers, built from the emil3 wire structs and paged the
// way the live API answers list requests.
//
// The default configuration is the bundled region snapshot for Jämtland
// Härjedalen: komvux in all eight municipalities, Mittuniversitetet, the
// county's folk high schools, YH programmes from MYH's decisions for the
// county, labour-market training, study associations and art schools, plus
// national distance courses and some on-site events elsewhere that an
// importer must filter out. It carries the data-quality quirks real feeds
// have (removed entries, numbers as strings, dates with times, unsafe HTML,
// a few malformed records) so that the importer is tested against them.
//
// A national configuration spreads N events over all 290 municipalities with
// Zipf-distributed weights, for scale benchmarks.
//
// Everything is a pure function of the Config: one seeded PCG stream, tables
// walked in slice order, a fixed reference date (RefDate), no map iteration.
package emil3gen
