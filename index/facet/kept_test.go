package facet

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// word is shaped as the index builds a word: a disjunction of its term in
// several fields, with boosts.
func word(w string) query.Query {
	title := bleve.NewTermQuery(w)
	title.SetField("title")
	title.SetBoost(4)
	desc := bleve.NewTermQuery(w)
	desc.SetField("description")
	return bleve.NewDisjunctionQuery(title, desc)
}

// wordsQuery is shaped as a search of words: all of them (or all but one,
// relaxed), the phrase in the title ranking higher.
func wordsQuery(relaxed bool, ws ...string) query.Query {
	var each []query.Query
	for _, w := range ws {
		each = append(each, word(w))
	}
	q := bleve.NewBooleanQuery()
	if relaxed {
		d := bleve.NewDisjunctionQuery(each...)
		d.SetMin(float64(len(each) - 1))
		q.AddMust(d)
	} else {
		q.AddMust(each...)
	}
	p := bleve.NewMatchPhraseQuery(strings.Join(ws, " "))
	p.SetField("title")
	p.SetBoost(3)
	q.AddShould(p)
	return q
}

// Scoring some docs from the words' kept scores gives each the score that
// scoring all matches with Bleve gives, for words together, relaxed and
// alone, and again when the kept scores are read instead of made; the
// query asked is left as it was.
func TestKeptScoresAsBleve(t *testing.T) {
	_, b, e := textFixture(t)
	ctx := context.Background()
	// Scores keeps its ranking, which ScoresWithin would read: another
	// Text scores within.
	bleveAll, text := NewText(b), NewText(b, WithCache(8<<20))
	for _, q := range []query.Query{
		wordsQuery(false, "svenska", "kurs"),
		wordsQuery(true, "matematik", "distans"),
		wordsQuery(false, "programmering"),
	} {
		before, _ := json.Marshal(q)
		snap := e.Snapshot()
		all, err := bleveAll.Scores(ctx, snap, q)
		if err != nil {
			t.Fatal(err)
		}
		want := map[uint32]float64{}
		within := roaring.New()
		for doc, s := range all {
			want[doc] = s
			if doc%3 == 0 {
				within.Add(doc)
			}
		}
		if within.GetCardinality() < 5 {
			t.Fatalf("%s: %d docs to score, too few to tell", before, within.GetCardinality())
		}
		for _, pass := range []string{"made", "read"} {
			some, err := text.ScoresWithin(ctx, snap, q, within)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for doc, s := range some {
				n++
				if s != want[doc] {
					t.Errorf("%s, %s: doc %d scored %v, Bleve %v", pass, before, doc, s, want[doc])
				}
			}
			if n != int(within.GetCardinality()) {
				t.Errorf("%s, %s: %d scored, want %d", pass, before, n, within.GetCardinality())
			}
		}
		if after, _ := json.Marshal(q); string(after) != string(before) {
			t.Errorf("the query asked changed:\n%s\nwas\n%s", after, before)
		}
	}
	words := 0
	for key := range text.cache.byKey {
		if strings.HasPrefix(key, "w") {
			words++
		}
	}
	if words != 5 { // svenska, kurs, matematik, distans, programmering
		t.Errorf("%d words' scores kept, want 5", words)
	}
}

// The kept scores' searcher visits them in order, Advance going to the
// first at or after the doc asked for, each scored under the norm set.
func TestKeptSearcher(t *testing.T) {
	s := &keptSearcher{k: &keptScores{ids: []uint64{3, 5, 9, 12}, scores: []float64{1, 2, 3, 4}, weight: 7}, norm: 1}
	s.SetQueryNorm(0.5)
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(1, 0)}
	var got []string
	next := func(m *search.DocumentMatch, err error) {
		if err != nil {
			t.Fatal(err)
		}
		if m == nil {
			got = append(got, "end")
			return
		}
		got = append(got, fmt.Sprintf("%d:%v", m.IndexInternalID.Value(), m.Score))
	}
	next(s.Next(sctx))
	next(s.Advance(sctx, index.NewIndexInternalID(nil, 5)))
	next(s.Advance(sctx, index.NewIndexInternalID(nil, 6)))
	next(s.Next(sctx))
	next(s.Advance(sctx, index.NewIndexInternalID(nil, 13)))
	if want := []string{"3:0.5", "5:1", "9:1.5", "12:2", "end"}; !slices.Equal(got, want) {
		t.Errorf("visited %v, want %v", got, want)
	}
	if s.Weight() != 7 {
		t.Errorf("weight %v, want the word's 7", s.Weight())
	}
}
