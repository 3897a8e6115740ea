package emil3gen

import (
	"math/rand/v2"
	"slices"
	"strings"

	"kurskatalog/crawler/emil3"
)

// gen is the state of one Generate call.
type gen struct {
	cfg   Config
	r     *rand.Rand
	local muniPicker // municipality of local events
	ds    Dataset

	infoSeen     map[string]int // id -> index in ds.Infos
	providerSeen map[string]int // id -> index in ds.Providers
	eventSeen    map[string]bool
	komvuxDefs   map[string]*providerDef // per municipality code
	localDefs    map[string]*providerDef // synthesised national providers
	seq          int                     // running number for numeric ids
	round        int                     // UH course round numbers
	norwayDone   bool
}

// segment is a kind of event with its share of the total.
type segment struct {
	name   string
	weight float64
	emit   func(g *gen)
}

// regionSegments make the county snapshot. About a tenth are on-site events
// elsewhere, which a region importer must filter out.
var regionSegments = []segment{
	{"komvux-gy", 300, func(g *gen) { m := g.local.pick(g.r); g.komvux(m, "VUXGY", g.offered(m, vuxGY)) }},
	{"komvux-paket", 55, func(g *gen) { g.komvux(g.local.pick(g.r), "VUXGY", pick(g, vuxPackages)) }},
	{"komvux-gr", 60, func(g *gen) { g.komvux(g.local.pick(g.r), "VUXGR", pick(g, vuxGR)) }},
	{"komvux-sfi", 42, func(g *gen) { g.komvux(g.local.pick(g.r), "VUXSFI", pick(g, vuxSFI)) }},
	{"komvux-anpassad", 16, (*gen).anpassad},
	{"miun-ostersund", 150, func(g *gen) { g.hs(miun, pick(g, miunCourses), "2380", g.chance(0.55)) }},
	{"miun-sundsvall-distans", 28, func(g *gen) { g.hs(miun, pick(g, miunSundsvall), "2281", true) }},
	{"uh-distans", 65, (*gen).otherUniversity},
	{"vux-distans", 30, (*gen).distanceKomvux},
	{"fhs", 40, (*gen).fhs},
	{"yh", 22, (*gen).yh},
	{"aub", 26, (*gen).aub},
	{"stf", 100, (*gen).stf},
	{"kku", 10, (*gen).kku},
	{"utanfor-lanet", 105, (*gen).outside},
}

// nationalSegments make the benchmark data set: the same kinds, local ones
// spread over all municipalities.
var nationalSegments = []segment{
	{"komvux-gy", 300, func(g *gen) { m := g.local.pick(g.r); g.komvux(m, "VUXGY", g.offered(m, vuxGY)) }},
	{"komvux-paket", 60, func(g *gen) { g.komvux(g.local.pick(g.r), "VUXGY", pick(g, vuxPackages)) }},
	{"komvux-gr", 60, func(g *gen) { g.komvux(g.local.pick(g.r), "VUXGR", pick(g, vuxGR)) }},
	{"komvux-sfi", 50, func(g *gen) { g.komvux(g.local.pick(g.r), "VUXSFI", pick(g, vuxSFI)) }},
	{"komvux-anpassad", 10, (*gen).anpassad},
	{"uh", 330, (*gen).nationalUniversity},
	{"fhs", 50, (*gen).fhs},
	{"yh", 40, (*gen).yh},
	{"aub", 30, (*gen).aub},
	{"stf", 150, (*gen).stf},
	{"kku", 10, (*gen).kku},
}

// Generate builds the data set cfg describes. It is deterministic: the same
// cfg gives the same Dataset.
func Generate(cfg Config) Dataset {
	g := &gen{
		cfg:          cfg,
		r:            rand.New(rand.NewPCG(uint64(cfg.Seed), 0x9e3779b97f4a7c15)),
		infoSeen:     map[string]int{},
		providerSeen: map[string]int{},
		eventSeen:    map[string]bool{},
		komvuxDefs:   map[string]*providerDef{},
		localDefs:    map[string]*providerDef{},
		seq:          100000,
		round:        10000,
	}
	g.ds.wire = map[string]wireQuirk{}
	segs := regionSegments
	if cfg.National {
		segs = nationalSegments
		g.local = newZipf(g.r, nationalMunis(), cfg.Zipf)
	} else {
		g.local = newWeighted(county)
	}
	g.ds.Events = make([]emil3.EventEntry, 0, max(cfg.Events, 0))
	for i, n := range allocate(segs, cfg.Events) {
		for range n {
			segs[i].emit(g)
		}
	}
	g.quirks()
	slices.SortFunc(g.ds.Events, func(a, b emil3.EventEntry) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(g.ds.Infos, func(a, b emil3.InfoEntry) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(g.ds.Providers, func(a, b emil3.ProviderEntry) int { return strings.Compare(a.ID, b.ID) })
	slices.Sort(g.ds.Malformed)
	return g.ds
}

// allocate splits n events over the segments by weight (largest remainder),
// so that every segment gets its share exactly rather than by chance.
func allocate(segs []segment, n int) []int {
	total := 0.0
	for _, s := range segs {
		total += s.weight
	}
	out := make([]int, len(segs))
	rest := make([]float64, len(segs))
	left := n
	for i, s := range segs {
		x := float64(n) * s.weight / total
		out[i] = int(x)
		rest[i] = x - float64(out[i])
		left -= out[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range rest {
			if rest[i] > rest[best] {
				best = i
			}
		}
		out[best]++
		rest[best] = -1
	}
	return out
}

// pick draws a row of a table.
func pick[T any](g *gen, table []T) *T { return &table[g.r.IntN(len(table))] }

// chance is true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// between draws an int in [lo, hi].
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// oneOf draws one of the values.
func oneOf[T any](g *gen, vs ...T) T { return vs[g.r.IntN(len(vs))] }

// next is the next running number, for numeric ids.
func (g *gen) next() int { g.seq += 1 + g.r.IntN(7); return g.seq }
