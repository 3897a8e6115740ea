package catalog

import "time"

// Sort orders of search results.
const (
	SortRelevance = "relevance"
	SortStart     = "start"
	SortDeadline  = "deadline"
	SortTitle     = "title"
)

// SearchQuery is a validated search. Filters with several values match any of
// them (OR); different filters must all match (AND).
type SearchQuery struct {
	Text           string
	Municipalities []string
	Modes          []Mode
	SchoolTypes    []string
	Paces          []int
	StartFrom      time.Time // inclusive; zero = open
	StartTo        time.Time // inclusive; zero = open
	Sort           string
	Page           int // from 1
	PerPage        int
}

// FacetValue is one value of a facet with the number of matching offerings.
type FacetValue struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Facet names, as they appear in the API.
const (
	FacetMunicipality = "municipality"
	FacetMode         = "mode"
	FacetSchoolType   = "school_type"
	FacetPace         = "pace"
)

// SearchResult is one page of hits with facet counts over all matches. The
// index fills IDs and facet counts; the caller hydrates Hits from the store
// and labels the facet values.
type SearchResult struct {
	Total  int
	IDs    []string
	Hits   []Offering
	Facets map[string][]FacetValue
}
