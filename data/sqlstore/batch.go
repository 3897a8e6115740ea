package sqlstore

import (
	"iter"
	"slices"
	"time"

	"kurskatalog/data/catalog"
)

// Distinct returns the offerings of a batch to store, the first of each id
// (a duplicate within one batch is left out, and so is an offering whose
// id the batch skipped), and every id the batch mentions.
func Distinct(b *catalog.Batch) ([]*catalog.Offering, map[string]bool) {
	seen := Seen{}
	return seen.Distinct(b.Offerings, b.Skipped), seen
}

// Seen holds the ids a batch has mentioned so far, for a batch that
// arrives in parts.
type Seen map[string]bool

// Skip marks the ids of skipped records seen: they count as present.
func (seen Seen) Skip(skipped []catalog.Skip) {
	for _, s := range skipped {
		if s.ID != "" {
			seen[s.ID] = true
		}
	}
}

// Distinct returns those of offerings to store, the first of each id not
// seen before nor skipped, and marks their ids and the skipped ones seen.
func (seen Seen) Distinct(offerings []catalog.Offering, skipped []catalog.Skip) []*catalog.Offering {
	seen.Skip(skipped)
	out := make([]*catalog.Offering, 0, len(offerings))
	for i := range offerings {
		o := &offerings[i]
		if !seen[o.ID] {
			seen[o.ID] = true
			out = append(out, o)
		}
	}
	return out
}

// Written is an offering of a batch that the batch added or changed, with
// what its record holds beside the document.
type Written struct {
	Offering  *catalog.Offering // the batch's
	Canonical string
	FirstSeen string // as the store keeps it (FormatTime)
}

// Stored returns the written offerings of source whose records are alone
// in their offering (not in shared) as OfferingsByIDs returns them, merged
// from their one record: with their offering id, and provenance of source
// with the times the store keeps. They share their texts and lists with
// the batch. now is when the batch was applied (FormatTime).
func Stored(source string, written []Written, shared map[string]bool, now string) ([]catalog.Offering, error) {
	seen, err := time.Parse(TimeFormat, now)
	if err != nil {
		return nil, err
	}
	out := make([]catalog.Offering, 0, len(written))
	for _, w := range written {
		if shared[w.Canonical] {
			continue
		}
		first, err := time.Parse(TimeFormat, w.FirstSeen)
		if err != nil {
			return nil, err
		}
		o := *w.Offering
		o.Provenance.ID, o.Provenance.Source = o.ID, source
		o.Provenance.FirstSeen, o.Provenance.LastSeen, o.Provenance.LastChanged = first, seen, seen
		o.ID = w.Canonical
		o.Sources = []catalog.Provenance{o.Provenance} // as catalog.Merge gives it for one record
		out = append(out, o)
	}
	return out, nil
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
