package sqlstore

import (
	"iter"
	"slices"

	"kurskatalog/data/catalog"
)

// Distinct returns the offerings of a batch to store, the first of each id
// (a duplicate within one batch is left out, and so is an offering whose
// id the batch skipped), and every id the batch mentions.
func Distinct(b *catalog.Batch) ([]*catalog.Offering, map[string]bool) {
	seen := make(map[string]bool, len(b.Offerings)+len(b.Skipped))
	for _, s := range b.Skipped {
		if s.ID != "" {
			seen[s.ID] = true
		}
	}
	out := make([]*catalog.Offering, 0, len(b.Offerings))
	for i := range b.Offerings {
		o := &b.Offerings[i]
		if !seen[o.ID] {
			seen[o.ID] = true
			out = append(out, o)
		}
	}
	return out, seen
}

// Gone returns the ids a batch removes: those it names as removed and does
// not also bring, and, when it is complete, the source's live ones it does
// not mention (live yields them).
func Gone(b *catalog.Batch, seen map[string]bool, live iter.Seq[string]) []string {
	var out []string
	for _, id := range b.Removed {
		if !seen[id] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if b.Complete {
		var rest []string
		for id := range live {
			if !seen[id] {
				rest = append(rest, id)
			}
		}
		slices.Sort(rest)
		out = append(out, rest...)
	}
	return out
}
