package catalog

// SearchGroup is searches that found few courses, counted together: the
// same words and filters, from the same municipality, in the same ISO week.
// It holds nothing that points to who searched: no address, cookie, user
// agent, or time finer than the week. One recorded search is a group of
// one; the store adds groups up.
type SearchGroup struct {
	// Municipality is the chosen municipality's SCB code; "" when none was.
	Municipality string `json:"municipality"`
	// Week is the ISO week the searches were made in, as 2026-W47.
	Week string `json:"week"`
	// Words are the search words, case-folded, trimmed and with runs of
	// white space as one space; "" for a search by filters alone.
	Words string `json:"words"`
	// Filters are the search's other filters as a canonical query string
	// (keys and values sorted), "" for none.
	Filters string `json:"filters"`
	// Searches counts the searches.
	Searches int `json:"searches"`
	// Results is the number of courses found, by the latest of them.
	Results int `json:"results"`
}

// SearchGroupFilter selects stored search groups.
type SearchGroupFilter struct {
	// Municipality keeps one municipality's groups; "" keeps every group.
	Municipality string
	// FromWeek keeps the groups of that ISO week and later; "" every week.
	FromWeek string
	// MinSearches keeps the groups searched at least that many times.
	MinSearches int
}
