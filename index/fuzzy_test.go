package index

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"kurskatalog/data/catalog"
)

// A misspelt word's kept expansion finds what Bleve's fuzzy query finds,
// with the same scores, in every field it is asked in; and once the index
// changes, the terms it gained.
func TestFuzzyTermsSearchAsBleve(t *testing.T) {
	start := day(2027, 1, 11)
	ix := newTestIndex(t,
		offering("a", "Programmering 1", "Grunderna i programmering.", start),
		offering("b", "Programmering 2", "Fortsättning i programmering och programmerare.", start),
		offering("c", "Undersköterska", "Vård och omsorg för undersköterskor.", start),
		offering("d", "Svetsning", "Svetsare och svetsning.", start))
	ctx := context.Background()
	var kept fuzzyTerms
	fuzzy := func(field, term string, fuzziness int) *query.FuzzyQuery {
		q := bleve.NewFuzzyQuery(term)
		q.SetField(field)
		q.SetFuzziness(fuzziness)
		q.SetPrefix(1)
		q.SetBoost(0.6)
		return q
	}
	compare := func(field, term string, fuzziness int) int {
		t.Helper()
		rd, err := ix.reader()
		if err != nil {
			t.Fatal(err)
		}
		defer rd.Close()
		want, err := ix.bleve.Search(bleve.NewSearchRequestOptions(fuzzy(field, term, fuzziness), 10, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		for round := range 2 { // found, then kept
			q := kept.expand(rd, fuzzy(field, term, fuzziness))
			if _, ok := q.(*fuzzyQuery); !ok {
				t.Fatalf("%s %q: not expanded (%T)", field, term, q)
			}
			got, err := ix.bleve.Search(bleve.NewSearchRequestOptions(q, 10, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Hits) != len(want.Hits) {
				t.Fatalf("round %d, %s %q: %d hits, Bleve's fuzzy query %d", round, field, term, len(got.Hits), len(want.Hits))
			}
			for i := range want.Hits {
				if got.Hits[i].ID != want.Hits[i].ID || got.Hits[i].Score != want.Hits[i].Score {
					t.Errorf("round %d, %s %q hit %d: %s %g, Bleve's fuzzy query %s %g", round, field, term, i,
						got.Hits[i].ID, got.Hits[i].Score, want.Hits[i].ID, want.Hits[i].Score)
				}
			}
		}
		return len(want.Hits)
	}
	hits := 0
	for _, f := range textFields {
		if f.plain == "" {
			continue
		}
		for _, c := range []struct {
			term      string
			fuzziness int
		}{{"programering", 2}, {"progamering", 2}, {"undersköterka", 2}, {"svetsnig", 1}, {"zzzzzz", 1}} {
			hits += compare(f.plain, c.term, c.fuzziness)
		}
	}
	if hits == 0 {
		t.Fatal("no fuzzy query found anything")
	}

	// A new offering brings a term within reach of the typo.
	if n := compare(fieldTitlePlain, "svetsarn", 1); n != 0 {
		t.Fatalf("%q found %d before the write", "svetsarn", n)
	}
	if err := ix.Put(ctx, []catalog.Offering{offering("e", "Svetsaren", "", start)}); err != nil {
		t.Fatal(err)
	}
	if n := compare(fieldTitlePlain, "svetsarn", 1); n != 1 {
		t.Errorf("%q found %d after the write, want the new offering", "svetsarn", n)
	}
}
