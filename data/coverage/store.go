package coverage

import (
	"context"
	"sync"

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
type Data struct {
	Offerings []catalog.Offering
	Demand    []catalog.Demand
	// Transit is the bus travel times, when the store has a GTFS import.
	Transit *catalog.Transit

	busOnce sync.Once
	bus     *busTimes
}

// TransitStore is a store that also holds bus travel times.
type TransitStore interface {
	Transit(ctx context.Context) (catalog.Transit, error)
}

// Load reads Data for region (an SCB county code, "23") from store.
func Load(ctx context.Context, store Store, region string) (*Data, error) {
	d := &Data{}
	err := store.EachOffering(ctx, func(o catalog.Offering) error {
		d.Offerings = append(d.Offerings, o)
		return nil
	})
	if err != nil {
		return nil, err
	}
	demand, err := store.LatestDemand(ctx, region)
	if err != nil {
		return nil, err
	}
	d.Demand = CountyDemand(demand, region)
	if ts, ok := store.(TransitStore); ok {
		tr, err := ts.Transit(ctx)
		if err != nil {
			return nil, err
		}
		if len(tr.Times) > 0 {
			d.Transit = &tr
		}
	}
	return d, nil
}

// Report computes the report of p over d. names, when set, names the SSYK
// groups in the cells.
func (d *Data) Report(names func(string) string, p Params) (Report, error) {
	return Compute(Input{
		Offerings:   d.Offerings,
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

// FromStore loads the data of p.Region from store and computes its report.
func FromStore(ctx context.Context, store Store, names func(string) string, p Params) (Report, error) {
	region := p.Region
	if region == "" {
		region = DefaultParams(p.Today).Region
	}
	d, err := Load(ctx, store, region)
	if err != nil {
		return Report{}, err
	}
	return d.Report(names, p)
}
