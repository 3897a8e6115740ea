package facet

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"kurskatalog/data/catalog"
)

// textIndex indexes the test offerings' titles and descriptions in Bleve,
// in several batches so that there are several segments.
func textIndex(t *testing.T, offs []catalog.Offering) bleve.Index {
	t.Helper()
	// Kept in memory: the same index type as the service's, but without
	// the persister and merger of an index on disk. Those change Bleve's
	// reader at their own pace, which empties a Text's cache and its map
	// to Bleve's numbers, so tests of what is kept would count a race.
	b, err := bleve.NewUsing("", bleve.NewIndexMapping(), scorch.Name, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	batch := b.NewBatch()
	for i, o := range offs {
		batch.Index(o.ID, map[string]any{"title": o.Title, "description": o.DescriptionText()})
		if i%700 == 699 || i == len(offs)-1 {
			if err := b.Batch(batch); err != nil {
				t.Fatal(err)
			}
			batch.Reset()
		}
	}
	return b
}

// words is "all words in the title, or all in the description".
func words(text string) query.Query {
	field := func(name string) query.Query {
		m := bleve.NewMatchQuery(text)
		m.SetField(name)
		m.SetOperator(query.MatchQueryOperatorAnd)
		return m
	}
	return bleve.NewDisjunctionQuery(field("title"), field("description"))
}

// textFixture is the generated national catalogue in Bleve and an engine.
func textFixture(t *testing.T) ([]catalog.Offering, bleve.Index, *Engine) {
	t.Helper()
	offs, err := national()
	if err != nil {
		t.Fatal(err)
	}
	e := New()
	e.Put(offs...)
	return offs, textIndex(t, offs), e
}

func TestTextMatchesBleve(t *testing.T) {
	offs, b, e := textFixture(t)
	// Changes after indexing: the engine forgets one offering, Bleve
	// another, and the engine learns a third Bleve never saw.
	e.Delete(offs[0].ID)
	if err := b.Delete(offs[1].ID); err != nil {
		t.Fatal(err)
	}
	extra := offs[2]
	extra.ID = "not-in-bleve"
	e.Put(extra)
	cached := NewText(b, WithCache(1<<20))
	checkText(t, "uncached", e, b, NewText(b), len(offs))
	checkText(t, "cached, first", e, b, cached, len(offs))
	checkText(t, "cached, again", e, b, cached, len(offs))
}

// checkText compares text's matches and ranks with Bleve's own search.
func checkText(t *testing.T, name string, e *Engine, b bleve.Index, text *Text, n int) {
	t.Helper()
	ctx := context.Background()
	for _, words1 := range []string{"svenska", "matematik kurs", "distans", "programmering", "zzqx", "och"} {
		q := words(words1)
		snap := e.Snapshot()
		m, err := text.Match(ctx, snap, q)
		if err != nil {
			t.Fatal(err)
		}
		hits, _ := snap.Search(catalog.SearchQuery{IncludePast: true}, m)
		got := snap.IDs(hits)
		slices.Sort(got)

		res, err := b.Search(bleve.NewSearchRequestOptions(q, n, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		score := map[string]float64{}
		for _, h := range res.Hits {
			score[h.ID] = h.Score
			if snap.visibleID(h.ID) {
				want = append(want, h.ID)
			}
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s %q: %d matches, want %d", name, words1, len(got), len(want))
		}

		// Scores orders like Bleve's score, rounded (evenScore); ties
		// may go either way.
		scores, err := text.Scores(ctx, snap, q)
		if err != nil {
			t.Fatal(err)
		}
		var wantScores, gotScores []float64
		for _, h := range res.Hits {
			if slices.Contains(want, h.ID) && len(wantScores) < 10 {
				wantScores = append(wantScores, evenScore(h.Score))
			}
		}
		for doc, sc := range scores {
			if hits.Contains(doc) && len(gotScores) < 10 {
				gotScores = append(gotScores, sc)
			}
		}
		if !slices.Equal(gotScores, wantScores) {
			t.Errorf("%s %q: ranked scores %v, want %v", name, words1, gotScores, wantScores)
		}

		// Scoring some of the hits only ranks them as scoring all does,
		// with the same scores: a fifth of them, and all but a fifth.
		for _, fifth := range []bool{true, false} {
			within := roaring.New()
			var wantWithin []string
			for doc, sc := range scores {
				if hits.Contains(doc) && (doc%5 == 0) == fifth {
					within.Add(doc)
					wantWithin = append(wantWithin, fmt.Sprintf("%s %v", snap.ID(doc), sc))
				}
			}
			some, err := text.ScoresWithin(ctx, snap, q, within)
			if err != nil {
				t.Fatal(err)
			}
			var gotWithin []string
			for doc, sc := range some {
				if within.Contains(doc) {
					gotWithin = append(gotWithin, fmt.Sprintf("%s %v", snap.ID(doc), sc))
				}
			}
			if !slices.Equal(gotWithin, wantWithin) {
				t.Errorf("%s %q: scoring %d hits only: %d ranked\n%v\nwant\n%v", name, words1, within.GetCardinality(), len(gotWithin), gotWithin, wantWithin)
			}
		}
	}
}

// visibleID reports whether the offering is live and not cancelled.
func (s *Snapshot) visibleID(id string) bool {
	doc, ok := s.Lookup(id)
	return ok && s.visible.Contains(doc)
}

// A list's searcher visits its docs in order, Advance going to the first
// at or after the doc asked for, as Bleve's searchers do: a filtered
// search's docs score 0 and weigh nothing in the query's norm, a word's
// kept scores are scaled by the norm set and weigh the word's weight.
func TestListSearcher(t *testing.T) {
	for _, c := range []struct {
		name   string
		s      *listSearcher
		want   []string
		weight float64
	}{
		{"docs", &listSearcher{ids: []uint64{3, 5, 9, 12}}, []string{"3:0", "5:0", "9:0", "12:0", "end"}, 0},
		{"kept scores", &listSearcher{ids: []uint64{3, 5, 9, 12}, scores: []float64{1, 2, 3, 4}, weight: 7, norm: 1},
			[]string{"3:0.5", "5:1", "9:1.5", "12:2", "end"}, 7},
	} {
		c.s.SetQueryNorm(0.5)
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
		next(c.s.Next(sctx))
		next(c.s.Advance(sctx, index.NewIndexInternalID(nil, 5)))
		next(c.s.Advance(sctx, index.NewIndexInternalID(nil, 6)))
		next(c.s.Next(sctx))
		next(c.s.Advance(sctx, index.NewIndexInternalID(nil, 13)))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: visited %v, want %v", c.name, got, c.want)
		}
		if c.s.Weight() != c.weight {
			t.Errorf("%s: weight %v, want %v", c.name, c.s.Weight(), c.weight)
		}
	}
}

// Matches put together from kept parts are Bleve's matches of the whole
// query, for the compound queries that are split and the ones Bleve reads
// otherwise: a must clause Bleve drops because it searches nothing (the
// should clause then decides), a should clause with a minimum, a
// disjunction of terms.
func TestMatchPartsAsBleve(t *testing.T) {
	_, b, e := textFixture(t)
	term := func(field, t string) query.Query {
		q := bleve.NewTermQuery(t)
		q.SetField(field)
		return q
	}
	boolean := func(must, should query.Query) query.Query {
		q := bleve.NewBooleanQuery()
		q.Must, q.Should = must, should
		return q
	}
	min1 := bleve.NewDisjunctionQuery(term("title", "svenska"), term("description", "distans"))
	min1.SetMin(1)
	min2 := bleve.NewDisjunctionQuery(term("title", "svenska"), term("description", "distans"), term("title", "kurs"))
	min2.SetMin(2)
	queries := map[string]query.Query{
		"must and optional should": boolean(bleve.NewConjunctionQuery(words("svenska"), words("kurs")), bleve.NewDisjunctionQuery(term("title", "distans"))),
		"must of nothing":          boolean(bleve.NewDisjunctionQuery(), bleve.NewDisjunctionQuery(term("title", "svenska"))),
		"must matching none":       boolean(bleve.NewMatchNoneQuery(), bleve.NewDisjunctionQuery(term("title", "svenska"))),
		"empty conjunction":        boolean(bleve.NewConjunctionQuery(), bleve.NewDisjunctionQuery(term("title", "svenska"))),
		"should with a minimum":    boolean(words("svenska"), min1),
		"at least two of three":    boolean(words("kurs"), min2),
		"variants":                 bleve.NewDisjunctionQuery(boolean(words("svenska"), nil), boolean(words("matematik"), nil)),
		"terms":                    bleve.NewDisjunctionQuery(term("title", "svenska"), term("title", "matematik")),
		"conjunction of variants":  bleve.NewConjunctionQuery(bleve.NewDisjunctionQuery(words("svenska"), words("engelska")), words("kurs")),
	}
	ctx := context.Background()
	kept, whole := NewText(b, WithCache(1<<20)), NewText(b)
	for round := range 2 {
		for name, q := range queries {
			snap := e.Snapshot()
			want, err := whole.Match(ctx, snap, q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := kept.Match(ctx, snap, q)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equals(want) {
				t.Errorf("round %d, %s: %d matches from the parts, %d from the whole query", round, name, got.GetCardinality(), want.GetCardinality())
			}
		}
	}
}

// The cache keeps the matches Bleve made, each word's, and not those
// put together from them: each new search would keep several that no
// later one asks for, pushing the words' own out.
func TestMatchKeepsWhatBleveMatched(t *testing.T) {
	_, b, e := textFixture(t)
	ctx := context.Background()
	text := NewText(b, WithCache(8<<20))
	snap := e.Snapshot()
	q := wordsQuery(false, "svenska", "kurs")
	first, err := text.Match(ctx, snap, q)
	if err != nil {
		t.Fatal(err)
	}
	again, err := text.Match(ctx, snap, q)
	if err != nil {
		t.Fatal(err)
	}
	if first.IsEmpty() || !again.Equals(first) {
		t.Fatalf("%d matches, then %d", first.GetCardinality(), again.GetCardinality())
	}
	var want []string
	for _, w := range []string{"svenska", "kurs"} {
		key, _ := cacheKey("m", word(w))
		want = append(want, key)
	}
	var got []string
	for key := range text.cache.byKey {
		got = append(got, key)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("kept %d entries, want the two words' matches", len(got))
	}
}

// An offering Bleve indexed again is held twice until a merge, the first
// copy deleted: scoring it within a filter scores the live copy, once.
func TestScoresWithinAnOfferingIndexedAgain(t *testing.T) {
	offs, b, e := textFixture(t)
	o := offs[len(offs)/2]
	if err := b.Index(o.ID, map[string]any{"title": o.Title, "description": o.DescriptionText()}); err != nil {
		t.Fatal(err)
	}
	snap, ctx := e.Snapshot(), context.Background()
	doc, _ := snap.Lookup(o.ID)
	q := words(strings.Fields(o.Title)[0])
	text := NewText(b)
	for range 2 { // the map made, then kept
		scores, err := text.ScoresWithin(ctx, snap, q, roaring.BitmapOf(doc))
		if err != nil {
			t.Fatal(err)
		}
		var got []uint32
		for d := range scores {
			got = append(got, d)
		}
		if !slices.Equal(got, []uint32{doc}) {
			t.Errorf("%q within %s: scored %v, want %d once", strings.Fields(o.Title)[0], o.ID, got, doc)
		}
	}
}

// Warm, run after a write, also makes the map from docs to Bleve's
// numbers that a filtered search reads, so that the first one after the
// write does not make it.
func TestWarmMapsDocsToBleve(t *testing.T) {
	_, b, e := textFixture(t)
	snap, ctx := e.Snapshot(), context.Background()
	text := NewText(b)
	if err := text.Warm(ctx, snap); err != nil {
		t.Fatal(err)
	}
	warmed := text.back
	if warmed == nil || len(warmed.internal) == 0 {
		t.Fatal("Warm made no map from docs to Bleve's numbers")
	}
	if _, err := text.ScoresWithin(ctx, snap, words("svenska"), roaring.BitmapOf(1, 2, 3)); err != nil {
		t.Fatal(err)
	}
	if text.back != warmed {
		t.Error("the search after Warm made the map again")
	}
}
