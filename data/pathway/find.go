package pathway

import (
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
)

// Taxonomy knows the SSYK 2012 groups (occupation.Taxonomy).
type Taxonomy interface {
	Group(code string) (catalog.Occupation, bool)
	// Canonical is the group Arbetsförmedlingen files code under, which
	// the offerings are mapped to.
	Canonical(code string) string
}

// Find is the pathway of q over offerings (every offering, with the
// occupations stored on it at import: coverage.Data): what any caller
// (the API, the occupation page, another front end) asks for an
// occupation, a municipality and a starting point. An occupation that is
// not an SSYK 2012 group is not found; q.Params.Today must be set.
func Find(offerings coverage.Offerings, tax Taxonomy, q Query) (Pathway, error) {
	if g, ok := tax.Group(q.Occupation); !ok || g.Level != 4 {
		return Pathway{}, catalog.Errorf(catalog.ENotFound, "%q is not an SSYK 2012 occupation group", q.Occupation)
	}
	asked := q.Occupation
	q.Occupation = tax.Canonical(asked)
	p, err := Build(offerings, q)
	p.Query.Occupation = asked
	return p, err
}
