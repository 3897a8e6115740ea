package index

import (
	"iter"

	"kurskatalog/index/internal/idmap"
)

// entryTable holds the suggestions' entries by offering ID: the entries in
// a slice, found through an idmap of their places, neither holding a
// pointer. A map keyed by the IDs held one string header per entry; at
// national size (270,000 entries) the table left 24 MB less heap for every
// collection to read through (BenchmarkStart's scan_MB).
type entryTable struct {
	places idmap.Map
	ids    []string // place -> ID
	vals   []suggestEntry
	live   []bool // false: a free place, in free
	free   []uint32
}

func newEntryTable(expect int) *entryTable {
	return &entryTable{places: idmap.New(expect),
		ids: make([]string, 0, expect), vals: make([]suggestEntry, 0, expect), live: make([]bool, 0, expect)}
}

// place returns id's place. A nil table has no entries.
func (t *entryTable) place(id string) (uint32, bool) {
	if t == nil {
		return 0, false
	}
	p, ok := t.places.Get(id, t.ids)
	return p, ok && t.live[p]
}

func (t *entryTable) get(id string) (suggestEntry, bool) {
	p, ok := t.place(id)
	if !ok {
		return suggestEntry{}, false
	}
	return t.vals[p], true
}

// set puts id's entry, replacing the one it had.
func (t *entryTable) set(id string, e suggestEntry) {
	if p, ok := t.place(id); ok {
		t.vals[p] = e
		return
	}
	var p uint32
	if k := len(t.free); k > 0 {
		p, t.free = t.free[k-1], t.free[:k-1]
		t.ids[p], t.vals[p], t.live[p] = id, e, true
	} else {
		p = uint32(len(t.ids))
		t.ids, t.vals, t.live = append(t.ids, id), append(t.vals, e), append(t.live, true)
	}
	t.places.Add(id, p)
}

// remove forgets id's entry, if it has one.
func (t *entryTable) remove(id string) {
	p, ok := t.place(id)
	if !ok {
		return
	}
	t.places.Remove(id, p)
	t.ids[p], t.vals[p], t.live[p] = "", suggestEntry{}, false
	t.free = append(t.free, p)
}

func (t *entryTable) len() int {
	if t == nil {
		return 0
	}
	return len(t.ids) - len(t.free)
}

// all yields every ID and its entry.
func (t *entryTable) all() iter.Seq2[string, suggestEntry] {
	return func(yield func(string, suggestEntry) bool) {
		if t == nil {
			return
		}
		for p, live := range t.live {
			if live && !yield(t.ids[p], t.vals[p]) {
				return
			}
		}
	}
}

// values returns a copy of the entries, in no order.
func (t *entryTable) values() []suggestEntry {
	if t == nil {
		return nil
	}
	out := make([]suggestEntry, 0, t.len())
	for _, e := range t.all() {
		out = append(out, e)
	}
	return out
}
