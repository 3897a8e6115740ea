package facet

import (
	"hash/maphash"
	"unsafe"
)

// idTable finds a generation's docs by offering ID. It is a table with
// open addressing whose slots hold doc+1 (0: empty); a slot's ID is read
// back from the generation's ids, so the table holds no strings and no
// pointers. A map keyed by the IDs (270,000 at national size) was 13 MB
// more heap for every collection to read through (BenchmarkStart's
// scan_MB).
//
// Docs are only added, never removed (a generation's doc numbers keep their
// IDs), so a probe ends at the first empty slot. A lookup against the ids of
// an older snapshot does not find the docs added after it.
type idTable struct {
	slots []uint32
	n     int
	seed  maphash.Seed
}

// get returns id's doc among ids (doc -> ID).
func (t *idTable) get(id string, ids []string) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	return t.find(maphash.String(t.seed, id), id, ids)
}

// getBytes is get of an ID as bytes, without a copy of them.
func (t *idTable) getBytes(id []byte, ids []string) (uint32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	return t.find(maphash.Bytes(t.seed, id), unsafe.String(unsafe.SliceData(id), len(id)), ids)
}

func (t *idTable) find(h uint64, id string, ids []string) (uint32, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		d := t.slots[i]
		if d == 0 {
			return 0, false
		}
		if int(d-1) < len(ids) && ids[d-1] == id {
			return d - 1, true
		}
	}
}

// add records doc as ids[doc]'s, an ID the table does not hold; ids are
// every doc's, for growing the table.
func (t *idTable) add(doc uint32, ids []string) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow(ids)
	}
	t.place(doc, ids[doc])
	t.n++
}

func (t *idTable) place(doc uint32, id string) {
	mask := uint64(len(t.slots) - 1)
	i := maphash.String(t.seed, id) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = doc + 1
}

// grow doubles the table (at most half full, so that probes stay short).
func (t *idTable) grow(ids []string) {
	if t.slots == nil {
		t.seed = maphash.MakeSeed()
	}
	old := t.slots
	t.slots = make([]uint32, max(16, 2*len(old)))
	for _, d := range old {
		if d != 0 {
			t.place(d-1, ids[d-1])
		}
	}
}

// newIDTable is the table of ids, each once, sized for expect docs; false
// when an ID comes twice.
func newIDTable(ids []string, expect int) (idTable, bool) {
	t := idTable{seed: maphash.MakeSeed()}
	size := 16
	for size < 2*max(expect, len(ids)) {
		size *= 2
	}
	t.slots = make([]uint32, size)
	for doc, id := range ids {
		if _, ok := t.get(id, ids[:doc]); ok {
			return t, false
		}
		t.place(uint32(doc), id)
		t.n++
	}
	return t, true
}
