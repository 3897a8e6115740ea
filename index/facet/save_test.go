package facet

import (
	"bytes"
	"testing"

	"kurskatalog/data/catalog"
)

// TestSaveLoadAgreesWithNaive saves an engine that writes have left with
// dead doc numbers, loads it into a new engine and checks that one
// against the naive model; then writes to the loaded engine, which must go
// on as the old one would.
func TestSaveLoadAgreesWithNaive(t *testing.T) {
	w := newWorld(t, 5)
	for range 4 {
		w.mutate(200)
	}
	var buf bytes.Buffer
	if err := w.e.Save(&buf); err != nil {
		t.Fatal(err)
	}
	before := w.e.Snapshot()
	loaded := New(WithFacets(testFacets...))
	if err := loaded.Load(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if got, want := loaded.Snapshot().Size(), before.Size(); got != want {
		t.Fatalf("loaded %d offerings, saved %d", got, want)
	}
	if loaded.Snapshot().Version() == before.Version() {
		t.Fatal("a loaded engine has the version of the one saved: caches keyed by it would mix them")
	}
	w.e = loaded
	checkColumnOnly(t, loaded.Snapshot())
	w.check(t, 60)
	for range 4 {
		w.mutate(150)
		w.check(t, 10)
	}
}

// TestLoadRefusesWhatDoesNotFit checks that a saved engine is only loaded
// whole into an engine with the same dims, and that damaged input is an
// error that changes nothing, not a panic.
func TestLoadRefusesWhatDoesNotFit(t *testing.T) {
	w := newWorld(t, 6)
	var buf bytes.Buffer
	if err := w.e.Save(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()

	other := New() // the catalog's facets, without the test's dated one
	other.Put(catalog.Offering{ID: "kept", Title: "Svenska 1"})
	if err := other.Load(bytes.NewReader(data)); err == nil {
		t.Fatal("an engine with other facets loaded the saved one")
	}
	if other.Snapshot().Size() != 1 {
		t.Fatal("a refused load changed the engine")
	}

	for _, cut := range []int{0, 1, len(data) / 3, len(data) - 1} {
		e := New(WithFacets(testFacets...))
		if err := e.Load(bytes.NewReader(data[:cut])); err == nil {
			t.Fatalf("loaded %d of %d bytes", cut, len(data))
		}
	}
	// Damage that still decodes must be caught by the checks, not by a
	// panic in a later search.
	var sv saved
	decode := func() {
		t.Helper()
		sv = saved{}
		if err := sv.read(bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
	}
	e := New(WithFacets(testFacets...))
	for name, damage := range map[string]func(){
		"an order with a doc twice": func() { sv.Orders[sortTitle][1] = sv.Orders[sortTitle][0] },
		"a code out of range":       func() { sv.Columns[0].Col[3] = uint32(len(sv.Columns[0].Values)) + 1 },
		"an overflow out of range":  func() { sv.Columns[11].Col[0] = multi | uint32(len(sv.Columns[11].Overflow)) },
		"a short column":            func() { sv.Columns[2].Col = sv.Columns[2].Col[1:] },
		"an ID twice":               func() { sv.IDs[1] = sv.IDs[0] },
		"a representative missing":  func() { sv.Columns[len(sv.Columns)-1].Reps = []byte("[]") },
	} {
		decode()
		damage()
		if _, _, err := e.restore(&sv); err == nil {
			t.Errorf("%s: restored", name)
		}
	}
}

// A keyed dim keeps one lean representative per key and runs its tests on
// it, so lean must keep every field a key reads: each key of a lean
// offering is the offering's own.
func TestLeanKeepsWhatKeysRead(t *testing.T) {
	offs, err := national()
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]func(*catalog.Offering) string{"timing": timingKey}
	for _, f := range Facets(catalog.Facets) {
		if f.Dated {
			keys[f.Name] = f.Key
		}
	}
	for _, c := range Conditions {
		keys["condition "+c.Name] = c.Key
	}
	for name, key := range keys {
		differ := 0
		for i := range offs {
			if rep := lean(&offs[i]); key(&rep) != key(&offs[i]) {
				differ++
			}
		}
		if differ > 0 {
			t.Errorf("%s: %d of %d offerings' lean representatives have another key", name, differ, len(offs))
		}
	}
}
