package coverage

import (
	"context"

	"kurskatalog/data/catalog"
)

// Store is where a report's offerings and demand come from.
type Store interface {
	EachOffering(ctx context.Context, fn func(catalog.Offering) error) error
	LatestDemand(ctx context.Context, regions ...string) ([]catalog.Demand, error)
}

// FromStore computes a report over every offering in store, with the
// occupations stored on each offering at import and the newest demand of
// p.Region. names, when set, names the SSYK groups in the cells.
func FromStore(ctx context.Context, store Store, names func(string) string, p Params) (Report, error) {
	var offerings []catalog.Offering
	err := store.EachOffering(ctx, func(o catalog.Offering) error {
		offerings = append(offerings, o)
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	region := p.Region
	if region == "" {
		region = DefaultParams(p.Today).Region
	}
	demand, err := store.LatestDemand(ctx, region)
	if err != nil {
		return Report{}, err
	}
	return Compute(Input{
		Offerings:   offerings,
		Occupations: func(o catalog.Offering) []catalog.OccupationMatch { return o.Occupations },
		Demand:      demand,
		Names:       names,
	}, p)
}
