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

// Data is what reports are computed from: every offering, with the
// occupations stored on it at import, and the region's rows of the newest
// Yrkesbarometer round. Whether and how a course is reached depends on
// where the reader lives, so no index query can stand in for the walk.
//
// Data is kept in memory between imports, so each offering keeps what
// reach, reports and a course's card read, without the long texts
// (description, prior knowledge, keywords) or where it came from.
type Data struct {
	Offerings []catalog.Offering
	Demand    []catalog.Demand
	// leading lists, per SSYK group, the offerings mapped to it, by index.
	leading map[string][]int32
}

// Load reads Data for region (an SCB county code, "23") from store.
func Load(ctx context.Context, store Store, region string) (*Data, error) {
	d := &Data{leading: map[string][]int32{}}
	err := store.EachOffering(ctx, func(o catalog.Offering) error {
		o.Description, o.PriorKnowledge, o.Keywords, o.Sources = "", "", nil, nil
		for _, m := range o.Occupations {
			i := int32(len(d.Offerings))
			if l := d.leading[m.SSYK]; len(l) == 0 || l[len(l)-1] != i {
				d.leading[m.SSYK] = append(l, i)
			}
		}
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
	return d, nil
}

// Leading returns the offerings mapped to SSYK group ssyk.
func (d *Data) Leading(ssyk string) []catalog.Offering {
	out := make([]catalog.Offering, 0, len(d.leading[ssyk]))
	for _, i := range d.leading[ssyk] {
		out = append(out, d.Offerings[i])
	}
	return out
}

// Report computes the report of p over d. names, when set, names the SSYK
// groups in the cells.
func (d *Data) Report(names func(string) string, p Params) (Report, error) {
	return Compute(Input{
		Offerings:   d.Offerings,
		Occupations: func(o catalog.Offering) []catalog.OccupationMatch { return o.Occupations },
		Demand:      d.Demand,
		Names:       names,
	}, p)
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
