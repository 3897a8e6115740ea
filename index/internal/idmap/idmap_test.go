package idmap

import (
	"fmt"
	"hash/maphash"
	"testing"
)

// id is an EMIL3 event identifier, as the offerings have.
func id(i int) string { return fmt.Sprintf("e.uoh.miun.ga%03d.%05d.20262", i%997, i) }

// A Map finds every place by its ID, as bytes too; among an older, shorter
// list it finds only the places that list has; a removed ID is gone.
func TestMap(t *testing.T) {
	var (
		m   Map
		ids []string
	)
	for i := range 5000 {
		if _, ok := m.Get(id(i), ids); ok {
			t.Fatalf("%s found before it was added", id(i))
		}
		ids = append(ids, id(i))
		m.Add(id(i), uint32(i))
	}
	for i := range ids {
		if p, ok := m.Get(id(i), ids); !ok || p != uint32(i) {
			t.Fatalf("%s: place %d, %v, want %d", id(i), p, ok, i)
		}
		if p, ok := m.GetBytes([]byte(id(i)), ids); !ok || p != uint32(i) {
			t.Fatalf("%s as bytes: place %d, %v, want %d", id(i), p, ok, i)
		}
	}
	older := ids[:1001]
	for _, i := range []int{0, 1000, 1001, 4999} {
		p, ok := m.Get(id(i), older)
		if want := i <= 1000; ok != want || ok && p != uint32(i) {
			t.Errorf("among the first 1,001 ids, %s: place %d, %v", id(i), p, ok)
		}
	}
	if _, ok := m.Get("e.not.there", ids); ok {
		t.Error("an ID never added was found")
	}
	m.Remove(id(7), 7)
	if _, ok := m.Get(id(7), ids); ok {
		t.Error("a removed ID was found")
	}
	if p, ok := m.Get(id(8), ids); !ok || p != 8 {
		t.Errorf("an ID beside a removed one: place %d, %v", p, ok)
	}
}

// Two IDs whose hashes clash are both found, and either can be removed
// without the other. The clash is made by hand: "b" hashes to the place
// "a" holds, as if their hashes were equal.
func TestMapClash(t *testing.T) {
	ids := []string{"a", "b", "c"}
	clashing := func() Map {
		m := New(0)
		m.Add("a", 0)
		m.at[maphash.String(m.seed, "b")] = 0
		m.Add("b", 1)
		return m
	}
	m := clashing()
	for want, id := range ids[:2] {
		if p, ok := m.Get(id, ids); !ok || p != uint32(want) {
			t.Errorf("with a clash, %s: place %d, %v", id, p, ok)
		}
	}
	if _, ok := m.Get("b", ids[:1]); ok {
		t.Error("the clashing ID was found beyond a shorter list")
	}
	m.Remove("b", 1)
	if p, ok := m.Get("a", ids); !ok || p != 0 {
		t.Errorf("the other ID lost with the clashing one: %d, %v", p, ok)
	}
	if _, ok := m.Get("b", ids); ok {
		t.Error("the clashing ID was found after its removal")
	}
	m = clashing()
	m.Remove("a", 0)
	if p, ok := m.Get("b", ids); !ok || p != 1 {
		t.Errorf("the clashing ID lost with the other one: %d, %v", p, ok)
	}
}
