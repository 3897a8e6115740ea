package index

import (
	"context"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"kurskatalog/data/catalog"
)

// An offering found only through a synonym of the word typed ranks below
// the same offering with the word itself, by the synonym's boost: Bleve
// drops a boost set on a boolean query, where the rewriting's was set.
func TestSynonymRanksBelowTheWordTyped(t *testing.T) {
	start := snapshotDay.AddDate(0, 1, 0)
	// The synonym's offering starts first: a tie would rank it first.
	ix := newTestIndex(t, offering("synonym", "Lokalvårdare", "Grundkurs", start),
		offering("typed", "Städare", "Grundkurs", start.AddDate(0, 0, 1)))
	snap := ix.facets.Snapshot()
	rd, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	q := newQueryBuilder(context.Background(), ix.bleve, rd, &ix.fuzzy, nil).build(parse("städare"), false)
	scores, err := ix.text.Scores(context.Background(), snap, scoring(q))
	if err != nil {
		t.Fatal(err)
	}
	score := map[string]float64{}
	for d, s := range scores {
		score[snap.ID(d)] = s
	}
	if ratio := score["synonym"] / score["typed"]; ratio > 0.85 {
		t.Errorf("scores %v: the synonym's offering scores %.2f of the typed word's, want about %.1f", score, ratio, boostSynonym)
	}
	if res := find(t, ix, catalog.SearchQuery{Text: "städare"}); len(res.IDs) != 2 || res.IDs[0] != "typed" {
		t.Errorf("ranked %v, want typed first", res.IDs)
	}
}

// scoring multiplies the boosts of compound queries, which Bleve drops,
// into the term, phrase and fuzzy queries under them, in copies: the query
// it is given is not changed.
func TestScoring(t *testing.T) {
	term := func(t string, boost float64) *query.TermQuery {
		q := bleve.NewTermQuery(t)
		q.SetBoost(boost)
		return q
	}
	fuzzy := bleve.NewFuzzyQuery("sjukskoterska")
	fuzzy.SetBoost(0.6)
	phrase := bleve.NewMatchPhraseQuery("svenska 1")
	phrase.SetBoost(3)
	shared := &fuzzyQuery{FuzzyQuery: fuzzy, terms: []string{"sjuksköterska"}, distances: []uint8{1}}
	parts := bleve.NewConjunctionQuery(term("svensk", 1), shared)
	parts.SetBoost(0.5)
	b := bleve.NewBooleanQuery()
	b.AddMust(bleve.NewDisjunctionQuery(term("svenska", 4), parts))
	b.AddShould(phrase)
	b.SetBoost(0.8)

	// leaves visits the queries Bleve applies a boost of.
	var leaves func(q query.Query, fn func(query.BoostableQuery))
	leaves = func(q query.Query, fn func(query.BoostableQuery)) {
		switch q := q.(type) {
		case *query.BooleanQuery:
			leaves(q.Must, fn)
			leaves(q.Should, fn)
		case *query.ConjunctionQuery:
			for _, c := range q.Conjuncts {
				leaves(c, fn)
			}
		case *query.DisjunctionQuery:
			for _, d := range q.Disjuncts {
				leaves(d, fn)
			}
		case query.BoostableQuery:
			fn(q)
		}
	}
	boosts := func(q query.Query) (out []float64) {
		leaves(q, func(l query.BoostableQuery) { out = append(out, l.Boost()) })
		return out
	}
	s := scoring(b)
	got, want := boosts(s), []float64{3.2, 0.4, 0.24, 2.4}
	if len(got) != len(want) {
		t.Fatalf("boosts %v, want %v", got, want)
	}
	for i := range want {
		if d := got[i] - want[i]; d > 1e-9 || d < -1e-9 {
			t.Errorf("boosts %v, want %v", got, want)
			break
		}
	}
	if was := boosts(b); !slices.Equal(was, []float64{4, 1, 0.6, 3}) {
		t.Errorf("the query scaled was changed: boosts %v", was)
	}
	if again := boosts(scoring(s)); !slices.Equal(again, got) {
		t.Errorf("scored twice: boosts %v, then %v", got, again)
	}
	leaves(s, func(l query.BoostableQuery) {
		if f, ok := l.(*query.FuzzyQuery); ok {
			t.Errorf("the fuzzy query %q lost the terms found for it", f.Term)
		}
	})
}
