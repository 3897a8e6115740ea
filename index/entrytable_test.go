package index

import (
	"fmt"
	"hash/maphash"
	"maps"
	"math/rand/v2"
	"testing"
)

// The entry table keeps what a map by ID keeps, through sets, replacements
// and removals, and finds both of two IDs whose hashes clash.
func TestEntryTable(t *testing.T) {
	tb, model := newEntryTable(0), map[string]suggestEntry{}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		id := fmt.Sprintf("e.vux.%04d", r.IntN(500))
		switch r.IntN(3) {
		case 0, 1:
			e := suggestEntry{title: int32(i), in: intakeRef{course: int32(r.IntN(9)), until: int64(i)}}
			tb.set(id, e)
			model[id] = e
		case 2:
			tb.remove(id)
			delete(model, id)
		}
	}
	if tb.len() != len(model) {
		t.Fatalf("%d entries, the map %d", tb.len(), len(model))
	}
	if got := maps.Collect(tb.all()); !maps.Equal(got, model) {
		t.Fatalf("the entries differ from the map's: %d against %d", len(got), len(model))
	}
	if len(tb.values()) != len(model) {
		t.Errorf("%d values, want %d", len(tb.values()), len(model))
	}
	if len(tb.ids) > 500 {
		t.Errorf("%d places for at most 500 ids: removed places are not reused", len(tb.ids))
	}

	// "b" hashes to the place that "a" holds, as if their hashes were equal.
	tb = newEntryTable(0)
	tb.set("a", suggestEntry{title: 1})
	tb.at[maphash.String(tb.seed, "b")] = tb.at[maphash.String(tb.seed, "a")]
	tb.set("b", suggestEntry{title: 2})
	for id, want := range map[string]int32{"a": 1, "b": 2} {
		if e, ok := tb.get(id); !ok || e.title != want {
			t.Errorf("with a clash, %s: %+v, %v", id, e, ok)
		}
	}
	tb.remove("b")
	if _, ok := tb.get("b"); ok || tb.len() != 1 {
		t.Errorf("the clashing id removed: still found, or %d entries", tb.len())
	}
	if e, ok := tb.get("a"); !ok || e.title != 1 {
		t.Errorf("the other id lost with the clashing one: %+v, %v", e, ok)
	}
	tb.remove("a")
	tb.set("c", suggestEntry{title: 3}) // in the place "a" and "b"'s hash led to
	if _, ok := tb.get("b"); ok {
		t.Error("a removed id is found in its old place's new entry")
	}
	var none *entryTable
	if _, ok := none.get("a"); ok || none.len() != 0 || len(none.values()) != 0 {
		t.Error("a nil table has entries")
	}
	none.remove("a")
}
