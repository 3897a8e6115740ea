package index

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"
)

// The entry table keeps what a map by ID keeps, through sets, replacements
// and removals, and reuses the places of removed entries.
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

	var none *entryTable
	if _, ok := none.get("a"); ok || none.len() != 0 || len(none.values()) != 0 {
		t.Error("a nil table has entries")
	}
	none.remove("a")
}
