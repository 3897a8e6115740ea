// Package idmap finds the place of an ID (an offering's, in a list the
// caller keeps) without holding the IDs: a map keyed by 270,000 IDs held
// as many string headers, which every garbage collection read through
// (docs/benchmarks.md, "A thirteenth round").
package idmap

import (
	"hash/maphash"
	"unsafe"
)

// Map maps a hash of each ID to its place in the caller's list of IDs, and
// reads the ID back from that list to tell two IDs of one hash apart: the
// second of two such IDs is kept by itself, in a map that is nearly always
// empty. Neither map holds a pointer but that one's. The zero Map is empty
// and ready.
type Map struct {
	seed  maphash.Seed
	at    map[uint64]uint32 // hash of an ID -> its place
	clash map[string]uint32 // the IDs whose hash another ID's place holds
}

// New returns a Map with room for n IDs.
func New(n int) Map {
	return Map{seed: maphash.MakeSeed(), at: make(map[uint64]uint32, n)}
}

// Get returns id's place among ids. A place beyond ids is not found: ids
// may be a shorter, older list than the one the place was added for.
func (m *Map) Get(id string, ids []string) (uint32, bool) {
	if m.at == nil {
		return 0, false
	}
	return m.get(maphash.String(m.seed, id), id, ids)
}

// GetBytes is Get of an ID as bytes, without a copy of them.
func (m *Map) GetBytes(id []byte, ids []string) (uint32, bool) {
	if m.at == nil {
		return 0, false
	}
	return m.get(maphash.Bytes(m.seed, id), unsafe.String(unsafe.SliceData(id), len(id)), ids)
}

func (m *Map) get(h uint64, id string, ids []string) (uint32, bool) {
	if p, ok := m.at[h]; ok && int(p) < len(ids) && ids[p] == id {
		return p, true
	}
	p, ok := m.clash[id]
	return p, ok && int(p) < len(ids)
}

// Add records p as the place of id, which the Map does not hold.
func (m *Map) Add(id string, p uint32) {
	if m.at == nil {
		*m = New(0)
	}
	h := maphash.String(m.seed, id)
	if _, taken := m.at[h]; !taken {
		m.at[h] = p
		return
	}
	if m.clash == nil {
		m.clash = map[string]uint32{}
	}
	m.clash[id] = p
}

// Remove forgets id, whose place is p.
func (m *Map) Remove(id string, p uint32) {
	if m.at == nil {
		return
	}
	h := maphash.String(m.seed, id)
	if q, ok := m.at[h]; ok && q == p {
		delete(m.at, h)
		return
	}
	delete(m.clash, id)
}
