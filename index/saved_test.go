package index

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// eachOf yields offerings as a store's EachOffering does.
func eachOf(offerings []catalog.Offering) func(context.Context, func(catalog.Offering) error) error {
	return func(_ context.Context, fn func(catalog.Offering) error) error {
		for _, o := range offerings {
			if err := fn(o); err != nil {
				return err
			}
		}
		return nil
	}
}

// answers runs searches that read every part of the engine (words, each
// facet's filter and counts, dates on the snapshot's day and months later,
// the sorts, deep pages, course groups) and suggestions, and returns what
// they answered, to compare two indexes by.
func answers(t *testing.T, ix *Index) []string {
	t.Helper()
	ctx := context.Background()
	later := snapshotDay.AddDate(0, 5, 0)
	var qs []catalog.SearchQuery
	for i, j := range loadJudgements(t) {
		if i%4 == 0 {
			qs = append(qs, relevanceQuery(j.Q))
		}
	}
	for _, today := range []time.Time{snapshotDay, later} {
		for _, sort := range []string{catalog.SortStart, catalog.SortDeadline, catalog.SortTitle, catalog.SortRelevance} {
			qs = append(qs,
				catalog.SearchQuery{Today: today, Page: 1, PerPage: 20, Sort: sort},
				catalog.SearchQuery{Today: today, Page: 4, PerPage: 20, Sort: sort, Group: catalog.GroupIntake},
				catalog.SearchQuery{Text: "svenska", Today: today, Page: 1, PerPage: 20, Sort: sort,
					Filters: map[string][]string{catalog.FacetMunicipality: {"2380"}}, IncludeDistance: true},
				catalog.SearchQuery{Text: "undersköterska", Today: today, Page: 1, PerPage: 10, Sort: sort,
					Filters: map[string][]string{catalog.FacetApplicationOpen: {"true"}}})
		}
	}
	var out []string
	for _, q := range qs {
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		res.Hits = nil // read from the offerings, not the engine
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	for _, prefix := range []string{"sv", "sjuk", "öst", "under", "ekonom", "berg", "yrkesgrupp"} {
		for _, today := range []time.Time{snapshotDay, later} {
			s, err := ix.Suggest(ctx, prefix, 10, today)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(s)
			out = append(out, string(b))
		}
	}
	return out
}

// occupationName names SSYK groups for the suggestions, as serve does
// with the taxonomy.
func occupationName(code string) string { return "Yrkesgrupp " + code }

// TestSavedFacetsAnswerAsTheStore saves an index's engine after writes
// that leave dead doc numbers, and checks that a reopened index with the
// saved engine answers every search and suggestion as it did, and that
// writes after the load are searched and saved again.
func TestSavedFacetsAnswerAsTheStore(t *testing.T) {
	defer func(n int) { entriesPerValue = n }(entriesPerValue)
	entriesPerValue = 300 // the suggestions in several parts, as at national size
	ctx := context.Background()
	offerings := loadSnapshot(t)
	path := filepath.Join(t.TempDir(), "index.bleve")
	ix, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ix.SetOccupationNames(occupationName)
	if _, err := ix.Rebuild(ctx, eachOf(offerings)); err != nil {
		t.Fatal(err)
	}
	var gone []string
	var renamed []catalog.Offering
	for i, o := range offerings {
		switch i % 20 {
		case 3:
			gone = append(gone, o.ID)
		case 7:
			o.Title += " (ny omgång)"
			renamed = append(renamed, o)
		}
	}
	if err := ix.Delete(gone); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, renamed); err != nil {
		t.Fatal(err)
	}
	if err := ix.SetApplied("5f0c", 9); err != nil {
		t.Fatal(err)
	}
	if saved, err := ix.SaveFacets(); !saved || err != nil {
		t.Fatalf("save: %v %v", saved, err)
	}
	if saved, err := ix.SaveFacets(); saved || err != nil {
		t.Fatalf("a second save with no change between: %v %v", saved, err)
	}
	want := answers(t, ix)
	ix.Close()

	ix, fresh, err := Open(path)
	if err != nil || fresh {
		t.Fatalf("reopen: fresh %v, %v", fresh, err)
	}
	defer func() { ix.Close() }()
	ix.SetOccupationNames(occupationName)
	if err := ix.LoadSavedFacets(); err != nil {
		t.Fatal(err)
	}
	got := answers(t, ix)
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("answer %d differs after the load:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
	if saved, err := ix.SaveFacets(); saved || err != nil {
		t.Fatalf("save with no change since the load: %v %v", saved, err)
	}

	back := offering("ny.1", "Vävning för nybörjare", "", snapshotDay.AddDate(0, 2, 0))
	if err := ix.Put(ctx, []catalog.Offering{back}); err != nil {
		t.Fatal(err)
	}
	if res := find(t, ix, catalog.SearchQuery{Text: "vävning", Today: snapshotDay, Page: 1, PerPage: 5}); !slices.Contains(res.IDs, "ny.1") {
		t.Fatalf("an offering put after the load is not found: %v", res.IDs)
	}
	if err := ix.SetApplied("5f0c", 10); err != nil {
		t.Fatal(err)
	}
	if saved, err := ix.SaveFacets(); !saved || err != nil {
		t.Fatalf("save after a write: %v %v", saved, err)
	}
}

// TestSavedFacetsOnlyWhenTheyFit checks that a saved engine is not loaded
// when the index holds other changes, another program saved it or the file
// is damaged, that such a refusal changes nothing, and that an engine an
// import filled in part is never saved.
func TestSavedFacetsOnlyWhenTheyFit(t *testing.T) {
	ctx := context.Background()
	offerings := loadSnapshot(t)[:200]
	path := filepath.Join(t.TempDir(), "index.bleve")
	ix, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	if err := ix.LoadSavedFacets(); !errors.Is(err, ErrNotSaved) {
		t.Fatalf("nothing saved: %v, want ErrNotSaved", err)
	}
	if err := ix.Put(ctx, offerings); err != nil { // as an import that never loaded the engine
		t.Fatal(err)
	}
	if saved, err := ix.SaveFacets(); saved || err != nil {
		t.Fatalf("an engine filled in part was saved: %v %v", saved, err)
	}
	if err := ix.LoadFacets(ctx, eachOf(offerings)); err != nil {
		t.Fatal(err)
	}
	if err := ix.SetApplied("5f0c", 3); err != nil {
		t.Fatal(err)
	}
	if saved, err := ix.SaveFacets(); !saved || err != nil {
		t.Fatalf("save: %v %v", saved, err)
	}
	file := filepath.Join(path, savedFacetsFile)
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	reopen := func() {
		t.Helper()
		ix.Close()
		if ix, _, err = Open(path); err != nil {
			t.Fatal(err)
		}
	}
	refused := func(why string, notSaved bool) {
		t.Helper()
		reopen()
		err := ix.LoadSavedFacets()
		if err == nil || errors.Is(err, ErrNotSaved) != notSaved {
			t.Fatalf("%s: %v", why, err)
		}
		if ix.Offerings() != 0 {
			t.Fatalf("%s: a refused load left %d offerings", why, ix.Offerings())
		}
		if saved, err := ix.SaveFacets(); saved || err != nil {
			t.Fatalf("%s: an empty engine was saved over the file: %v %v", why, saved, err)
		}
	}

	reopen()
	if err := ix.SetApplied("5f0c", 4); err != nil { // a crash after a run
		t.Fatal(err)
	}
	refused("the index holds a later change", true)
	if err := ix.SetApplied("5f0c", 3); err != nil {
		t.Fatal(err)
	}

	prog := program
	program = func() (string, error) { return "another build", nil }
	refused("another program saved it", true)
	program = prog

	damaged := slices.Clone(good)
	damaged[len(damaged)/2] ^= 0x10
	if err := os.WriteFile(file, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	refused("a damaged file", false)
	if err := os.WriteFile(file, good[:len(good)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	refused("a cut file", false)

	if err := os.WriteFile(file, good, 0o644); err != nil {
		t.Fatal(err)
	}
	reopen()
	if err := ix.LoadSavedFacets(); err != nil || ix.Offerings() != len(offerings) {
		t.Fatalf("the good file again: %d offerings, %v", ix.Offerings(), err)
	}
}

// The suggestions' entries come back from their saved columns as they
// were, each intake's last current second too, and columns that do not fit
// are refused.
func TestSavedEntriesRoundTrip(t *testing.T) {
	cet := time.FixedZone("", 3600)
	in := newInterner()
	in.of("a string only the saving side has") // numbered differently on each side
	want := map[string]suggestEntry{
		"a": {title: in.of("Svenska 1"), provider: in.of("Komvux Östersund"), municipalities: in.listOf([]string{"2380"}),
			occupations: in.listOf([]string{"2341"}), in: intakeRef{course: in.of("c1"), until: time.Date(2026, 12, 15, 23, 59, 0, 0, cet).Unix()}},
		"b": {title: in.of("Svets"), provider: in.of("Komvux Östersund"), in: intakeRef{course: in.of("c2"), until: noEnd}},
	}
	var c savedEntries
	for id, e := range want {
		if err := c.add(id, &e, in); err != nil {
			t.Fatal(err)
		}
	}
	got, back := newEntryTable(0), newInterner()
	if err := c.entries(got, back); err != nil {
		t.Fatal(err)
	}
	if got.len() != len(want) {
		t.Fatalf("%d entries, want %d", got.len(), len(want))
	}
	for id, w := range want {
		g, _ := got.get(id)
		if back.str[g.title] != in.str[w.title] || back.str[g.provider] != in.str[w.provider] ||
			!slices.Equal(back.list[g.municipalities], in.list[w.municipalities]) ||
			!slices.Equal(back.list[g.occupations], in.list[w.occupations]) || back.str[g.in.course] != in.str[w.in.course] || g.in.until != w.in.until {
			t.Errorf("%s: got %+v %+v, want %+v %+v", id, g, g.in, w, w.in)
		}
	}
	short := c
	short.Until = short.Until[:len(short.Until)-1]
	if err := short.entries(newEntryTable(0), newInterner()); err == nil {
		t.Error("times cut short: no error")
	}
	fewer := c
	fewer.Title = fewer.Title[:1]
	if err := fewer.entries(newEntryTable(0), newInterner()); err == nil {
		t.Error("a column short: no error")
	}
	if err := c.entries(got, newInterner()); err == nil {
		t.Error("the same ids again: no error")
	}
}
