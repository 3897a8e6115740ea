package catalog

import (
	"time"
)

// Sort orders of search results.
const (
	SortRelevance = "relevance"
	SortStart     = "start"
	SortDeadline  = "deadline"
	SortTitle     = "title"
	// SortNewest orders by when the catalogue first saw each offering,
	// newest first: the feeds' order. The API does not offer it.
	SortNewest = "newest"
)

// SearchQuery is a validated search. Filters with several values match any of
// them (OR); different filters must all match (AND).
type SearchQuery struct {
	Text string
	// Filters holds the chosen values of each facet, by facet name, encoded
	// as the facet's values (see Facets). Dated facets' values are read on
	// Today: application_open ["true"] keeps what is open for application
	// on Today.
	Filters   map[string][]string
	StartFrom time.Time // inclusive; zero = open
	StartTo   time.Time // inclusive; zero = open
	// ApplicationOpen keeps offerings open for application on that day;
	// zero = no filter. It is the application_open facet's own filter, like
	// Filters[FacetApplicationOpen], for a day other than Today.
	ApplicationOpen time.Time
	// RollingStart keeps offerings with (true) or without (false) a
	// rolling start; nil = both.
	RollingStart *bool
	// MaxMandatorySessions keeps what a learner can take with at most that
	// many trips: online offerings and blended ones with no more mandatory
	// sessions. On-site offerings are left out. Nil = no limit.
	MaxMandatorySessions *int
	// IncludeDistance widens a municipality filter to "in these
	// municipalities, or at a distance (online or blended) from anywhere":
	// what a resident can take.
	IncludeDistance bool
	// IncludePast includes offerings that are not current (IsCurrent): a
	// fixed start that has passed, a rolling start that has ended, an
	// application period that has closed.
	IncludePast bool
	// Group says what a hit is: GroupCourse (the default) one course with
	// its matching intakes, counted as one in Total and the facets;
	// GroupIntake one offering.
	Group string
	// Today is the calendar day (midnight, Stockholm) that "past", "open for
	// application" and start periods refer to; zero = the real today.
	Today   time.Time
	Sort    string
	Page    int // from 1
	PerPage int
}

// What a hit is (SearchQuery.Group).
const (
	GroupCourse = "course"
	GroupIntake = "intake"
)

// FacetValue is one value of a facet with the number of matching offerings.
type FacetValue struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Span is the byte range [Start, End) of a text that matched a search.
type Span struct{ Start, End int }

// HitMatches locates a hit's matched words: in its Title and in its
// DescriptionText, for highlighting.
type HitMatches struct {
	Title       []Span
	Description []Span
}

// SearchResult is one page of hits with facet counts over all matches. The
// index fills IDs, facet counts and match locations; the caller hydrates
// Hits from the store and labels the facet values.
type SearchResult struct {
	// Total counts the hits: courses when grouped by course, else
	// offerings. Intakes counts the matching offerings either way.
	Total   int
	Intakes int
	// IDs are the page's hits in order: offerings, or when grouped by
	// course the intake that placed each course on the page.
	IDs []string
	// Courses, when grouped by course, holds for each of IDs the course's
	// matching intakes, soonest start first.
	Courses [][]string
	Hits    []Offering
	Facets  map[string][]FacetValue
	// Matches holds, by hit ID, where the query matched.
	Matches map[string]HitMatches
	// Relaxed is true when no offering matched every word, so the hits
	// match all words but one.
	Relaxed bool
}

// Suggestion kinds.
const (
	SuggestTitle        = "title"
	SuggestProvider     = "provider"
	SuggestMunicipality = "municipality"
	SuggestOccupation   = "occupation"
)

// Suggestion completes what a user is typing.
type Suggestion struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
	// Value is the filter value the suggestion stands for, such as a
	// municipality's code; empty when it is a search text.
	Value string `json:"value,omitempty"`
	// Count is the number of offerings it leads to.
	Count int `json:"count"`
}
