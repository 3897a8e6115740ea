package coverage

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"kurskatalog/data/catalog"
)

// Store is where a report's offerings and demand come from.
type Store interface {
	EachOffering(ctx context.Context, fn func(catalog.Offering) error) error
	LatestDemand(ctx context.Context, regions ...string) ([]catalog.Demand, error)
}

// Data is what reports are computed from: every offering, with the
// occupations stored on it at import, and the region's rows of the newest
// Yrkesbarometer round. Whether and how a course is reached depends on
// where the reader lives, so no index query can stand in for the walk.
//
// Data is kept in memory between imports, so each offering keeps only what
// reach, reports and a course's card read, in a compact table (see
// tableBuilder.add); At reads one out as a catalog.Offering.
type Data struct {
	// Since is the day Load read for: the offerings (Len, At) are what
	// can be taken on that day or later.
	Since  time.Time
	table  table
	Demand []catalog.Demand
	// leading lists, per SSYK group, the offerings mapped to it, by index.
	leading map[string][]int32
	// Transit is the bus travel times, when the store has a GTFS import.
	Transit *catalog.Transit
	// store and seq name the store and the last of its changes the
	// table holds, when the store numbers its changes (ChangeStore): Update
	// then reads only what changed since.
	store    string
	seq      uint64
	numbered bool

	busOnce sync.Once
	bus     *busTimes
}

// ChangeStore is a store that numbers its changes, so that Data can be
// brought up to date by reading what changed (Update).
type ChangeStore interface {
	Store
	Seq(ctx context.Context) (store string, seq uint64, err error)
	ChangedSince(ctx context.Context, seq uint64) ([]string, error)
	OfferingsByIDs(ctx context.Context, ids []string) ([]catalog.Offering, error)
}

// TransitStore is a store that also holds bus travel times.
type TransitStore interface {
	Transit(ctx context.Context) (catalog.Transit, error)
}

// Load reads Data for region (an SCB county code, "23") from store, as
// of day today, with the offerings it keeps (kept): at national size some
// 40 % of the offerings can no longer be taken, and a third of the rest
// are in no view. Use the Data for today and later days only.
func Load(ctx context.Context, store Store, region string, today time.Time) (*Data, error) {
	d := &Data{Since: today}
	if cs, ok := store.(ChangeStore); ok {
		// Before the read: a change made during it is read again by the
		// next Update, which is harmless.
		var err error
		if d.store, d.seq, err = cs.Seq(ctx); err != nil {
			return nil, err
		}
		d.numbered = true
	}
	b := newTableBuilder()
	err := store.EachOffering(ctx, func(o catalog.Offering) error {
		if kept(&o, today) {
			b.add(&o)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	d.table = b.done()
	if err := d.finish(ctx, store, region); err != nil {
		return nil, err
	}
	return d, nil
}

// kept reports whether Data for today keeps o: one can still take it (an
// offering cancelled, or that one can no longer start or apply to, is
// left out, since no later day can reach it: catalog.IsCurrent never
// turns true again), and a view of the data reads it. Reports, gaps and
// the occupation pages read the offerings mapped to an occupation; a
// learning centre's list the distance ones; a pathway also the SFI and
// komvux courses that lead up to a programme (PathwaySchoolTypes). An
// on-site course of another kind that leads to no occupation is in none
// of them: a third of a national catalogue's current offerings.
func kept(o *catalog.Offering, today time.Time) bool {
	if o.Cancelled || !catalog.IsCurrent(o, today) {
		return false
	}
	return len(o.Occupations) > 0 || o.Mode != catalog.ModeOnsite || slices.Contains(PathwaySchoolTypes, o.SchoolType)
}

// PathwaySchoolTypes are the school types whose courses a pathway shows
// whether or not they lead to its occupation: SFI, and komvux at
// compulsory and upper secondary level. data/pathway reads no others.
var PathwaySchoolTypes = []string{"VUXSFI", "VUXGR", "VUXGY"}

// maxUpdate is the share of the offerings an Update reads by id; when
// more changed, reading them all is as quick.
const maxUpdate = 0.2

// Update returns Data for today holding what store holds now, from d read
// from the same store on an earlier day or the same: the offerings changed
// since d was read are read again, the others kept from d (less those one
// can no longer take today). After a run that changed 1 % of a national
// catalogue it reads 1 % of it, where Load reads all. It is Load when the
// store does not number its changes, is another store, or changed much.
// d is not changed: requests may be reading it.
func Update(ctx context.Context, store Store, d *Data, region string, today time.Time) (*Data, error) {
	cs, ok := store.(ChangeStore)
	if !ok || !d.numbered || today.Before(d.Since) {
		return Load(ctx, store, region, today)
	}
	id, seq, err := cs.Seq(ctx)
	if err != nil {
		return nil, err
	}
	if id != d.store || seq < d.seq {
		return Load(ctx, store, region, today)
	}
	changed, err := cs.ChangedSince(ctx, d.seq)
	if err != nil {
		return nil, err
	}
	if float64(len(changed)) > maxUpdate*float64(d.Len()+1) {
		return Load(ctx, store, region, today)
	}
	read, err := cs.OfferingsByIDs(ctx, changed)
	if err != nil {
		return nil, err
	}
	out := &Data{Since: today, store: id, seq: seq, numbered: true}
	fresh := make([]catalog.Offering, 0, len(read))
	for _, o := range read {
		if kept(&o, today) {
			fresh = append(fresh, o)
		}
	}
	slices.SortFunc(fresh, func(a, b catalog.Offering) int { return strings.Compare(a.ID, b.ID) })
	reread := make(map[string]bool, len(changed))
	for _, id := range changed {
		reread[id] = true
	}
	// Both lists are in id order, as Load reads them: merged, the result
	// is in the order a Load would give.
	b := newTableBuilder()
	i := 0
	var buf catalog.Offering
	for k := range d.Len() {
		o := d.At(k, &buf)
		if reread[o.ID] || !catalog.IsCurrent(o, today) {
			continue
		}
		for i < len(fresh) && fresh[i].ID < o.ID {
			b.add(&fresh[i])
			i++
		}
		b.add(o)
	}
	for ; i < len(fresh); i++ {
		b.add(&fresh[i])
	}
	out.table = b.done()
	if err := out.finish(ctx, store, region); err != nil {
		return nil, err
	}
	return out, nil
}

// finish indexes d's offerings by occupation and reads the demand and
// the bus times, which are small and read whole.
func (d *Data) finish(ctx context.Context, store Store, region string) error {
	d.leading = map[string][]int32{}
	for i, r := range d.table.rows {
		for _, m := range d.table.occs[r.occupations] {
			if l := d.leading[m.SSYK]; len(l) == 0 || l[len(l)-1] != int32(i) {
				d.leading[m.SSYK] = append(l, int32(i))
			}
		}
	}
	demand, err := store.LatestDemand(ctx, region)
	if err != nil {
		return err
	}
	d.Demand = CountyDemand(demand, region)
	if ts, ok := store.(TransitStore); ok {
		tr, err := ts.Transit(ctx)
		if err != nil {
			return err
		}
		if len(tr.Times) > 0 {
			d.Transit = &tr
		}
	}
	return nil
}

// Len returns the number of offerings d holds.
func (d *Data) Len() int { return d.table.Len() }

// At returns the i-th offering of d, in id order, filled into buf; its
// strings and lists are shared, read only.
func (d *Data) At(i int, buf *catalog.Offering) *catalog.Offering { return d.table.At(i, buf) }

// Leading returns the offerings mapped to SSYK group ssyk.
func (d *Data) Leading(ssyk string) []catalog.Offering {
	out := make([]catalog.Offering, len(d.leading[ssyk]))
	for k, i := range d.leading[ssyk] {
		d.At(int(i), &out[k])
	}
	return out
}

// Report computes the report of p over d. names, when set, names the SSYK
// groups in the cells.
func (d *Data) Report(names func(string) string, p Params) (Report, error) {
	return Compute(Input{
		Offerings:   d,
		Occupations: func(o catalog.Offering) []catalog.OccupationMatch { return o.Occupations },
		Demand:      d.Demand,
		Names:       names,
		Transit:     d.Transit,
	}, p)
}

// Reach tells whether, and how, a resident of municipality can take o
// within the window of p, by bus when p.MaxBusMinutes is set.
func (d *Data) Reach(o catalog.Offering, municipality string, p Params) (catalog.Reach, bool, error) {
	return reachWith(o, municipality, p, d.shared())
}

// Reacher is Reach for many offerings: NewReacher with d's bus times.
func (d *Data) Reacher(municipality string, p Params) (*Reacher, error) {
	return newReacher(municipality, p, d.shared())
}

// FromStore loads the data of p.Region from store and computes its report.
func FromStore(ctx context.Context, store Store, names func(string) string, p Params) (Report, error) {
	region := p.Region
	if region == "" {
		region = DefaultParams(p.Today).Region
	}
	d, err := Load(ctx, store, region, p.Today)
	if err != nil {
		return Report{}, err
	}
	return d.Report(names, p)
}
