package index

import (
	"hash/maphash"
	"iter"
)

// entryTable holds the suggestions' entries by offering ID. The entries
// are in a slice and found through a map from a hash of the ID to their
// place: neither holds a pointer, where a map keyed by the IDs held one
// string header per slot. At national size (270,000 entries) that left 24
// MB less heap for every collection to read through (BenchmarkStart's
// scan_MB). The IDs themselves are in one slice beside
// them, which a lookup reads back to tell two IDs of one hash apart; the
// second of two such IDs is found in a small map of its own.
type entryTable struct {
	seed  maphash.Seed
	at    map[uint64]int32 // hash of an ID -> its place
	clash map[string]int32 // the IDs whose hash another ID's place holds
	ids   []string         // place -> ID; "" for a free place
	vals  []suggestEntry
	live  []bool
	free  []int32
	n     int
}

func newEntryTable(expect int) *entryTable {
	return &entryTable{seed: maphash.MakeSeed(), at: make(map[uint64]int32, expect),
		ids: make([]string, 0, expect), vals: make([]suggestEntry, 0, expect), live: make([]bool, 0, expect)}
}

// find returns id's place and its hash. A nil table has no entries.
func (t *entryTable) find(id string) (int32, uint64, bool) {
	if t == nil {
		return 0, 0, false
	}
	h := maphash.String(t.seed, id)
	if p, ok := t.at[h]; ok && t.ids[p] == id {
		return p, h, true
	}
	p, ok := t.clash[id]
	return p, h, ok
}

func (t *entryTable) get(id string) (suggestEntry, bool) {
	p, _, ok := t.find(id)
	if !ok {
		return suggestEntry{}, false
	}
	return t.vals[p], true
}

// set puts id's entry, replacing the one it had.
func (t *entryTable) set(id string, e suggestEntry) {
	p, h, ok := t.find(id)
	if ok {
		t.vals[p] = e
		return
	}
	if k := len(t.free); k > 0 {
		p, t.free = t.free[k-1], t.free[:k-1]
		t.ids[p], t.vals[p], t.live[p] = id, e, true
	} else {
		p = int32(len(t.ids))
		t.ids, t.vals, t.live = append(t.ids, id), append(t.vals, e), append(t.live, true)
	}
	if _, taken := t.at[h]; taken {
		if t.clash == nil {
			t.clash = map[string]int32{}
		}
		t.clash[id] = p
	} else {
		t.at[h] = p
	}
	t.n++
}

// remove forgets id's entry, if it has one.
func (t *entryTable) remove(id string) {
	p, h, ok := t.find(id)
	if !ok {
		return
	}
	if q, ok := t.at[h]; ok && q == p {
		delete(t.at, h)
	} else {
		delete(t.clash, id)
	}
	t.ids[p], t.vals[p], t.live[p] = "", suggestEntry{}, false
	t.free = append(t.free, p)
	t.n--
}

func (t *entryTable) len() int {
	if t == nil {
		return 0
	}
	return t.n
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
	out := make([]suggestEntry, 0, t.n)
	for _, e := range t.all() {
		out = append(out, e)
	}
	return out
}
