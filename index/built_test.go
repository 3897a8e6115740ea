package index

import (
	"context"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"kurskatalog/data/catalog"
)

// The same words with other filters (a learner's next click) use the
// query their first search built, until a write; other words are built
// apart.
func TestWordsAreBuiltOnceUntilAWrite(t *testing.T) {
	ix := newTestIndex(t,
		offering("e.1", "Svenska på distans", "", day(2026, 1, 18)),
		offering("e.2", "Svenska och engelska", "", day(2026, 1, 18)))
	words := func(q catalog.SearchQuery) *result {
		t.Helper()
		find(t, ix, q)
		if q.Today.IsZero() {
			q.Today = snapshotDay
		}
		r, ok := ix.results.get(ix.facets.Snapshot().Version(), resultKey(&q))
		if !ok || r.words == nil {
			t.Fatalf("%q: no result kept with words", q.Text)
		}
		return r
	}
	in := func(text, municipality string) catalog.SearchQuery {
		return catalog.SearchQuery{Text: text, Filters: map[string][]string{catalog.FacetMunicipality: {municipality}}}
	}
	first := words(in("svenska distans", "2380"))
	if again := words(in("svenska distans", "2361")); again.words != first.words {
		t.Error("the same words in another municipality were built again")
	}
	if other := words(in("svenska engelska", "2380")); other.words == first.words {
		t.Error("other words were given the first words' query")
	}
	if err := ix.Put(context.Background(), []catalog.Offering{offering("e.3", "Svenska 2 på distans", "", day(2026, 1, 18))}); err != nil {
		t.Fatal(err)
	}
	if after := words(in("svenska distans", "2361")); after.words == first.words {
		t.Error("after a write the words' query was not built again")
	}
}

// A word typed before, in new company, uses the query built for it then,
// until a write, and the search finds what it would have without.
func TestWordKeptInNewCompany(t *testing.T) {
	offs := []catalog.Offering{
		offering("e.1", "Svenska på distans", "", day(2026, 1, 18)),
		offering("e.2", "Svenska och engelska", "", day(2026, 1, 18)),
		offering("e.3", "Engelska 5", "", day(2026, 1, 18))}
	ix := newTestIndex(t, offs...)
	kept := func() query.Query {
		t.Helper()
		rd, err := ix.reader()
		if err != nil {
			t.Fatal(err)
		}
		defer rd.Close()
		q, _ := ix.built.words.get(rd, builtWord{"svenska", 0})
		return q
	}
	find(t, ix, catalog.SearchQuery{Text: "svenska distans"})
	first := kept()
	if first == nil {
		t.Fatal("the word's query was not kept")
	}
	got := find(t, ix, catalog.SearchQuery{Text: "engelska svenska"})
	if kept() != first {
		t.Error("a word typed before was built again in new company")
	}
	want := find(t, newTestIndex(t, offs...), catalog.SearchQuery{Text: "engelska svenska"})
	if !slices.Equal(got.IDs, want.IDs) {
		t.Errorf("with the word kept found %v, without %v", got.IDs, want.IDs)
	}
	if err := ix.Put(context.Background(), []catalog.Offering{offering("e.4", "Svenska 2 på distans", "", day(2026, 1, 18))}); err != nil {
		t.Fatal(err)
	}
	if kept() != nil {
		t.Error("a word's query outlived a write")
	}
}
