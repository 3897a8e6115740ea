package facet

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
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

// titlePhrase is the phrase of wordsQuery's q.
func titlePhrase(q query.Query) query.Query {
	return q.(*query.BooleanQuery).Should.(*query.DisjunctionQuery).Disjuncts[0]
}

// Scoring from the words' and phrases' kept scores gives each doc the
// score Bleve's own search gives, for words together, relaxed and alone:
// all matches (Scores) and some (ScoresWithin), when the kept scores are
// made and when they are read, and a word asked alone; the query asked is
// left as it was.
func TestKeptScoresAsBleve(t *testing.T) {
	offs, b, e := textFixture(t)
	ctx := context.Background()
	// Scores keeps its ranking, which ScoresWithin would read: each has a
	// Text of its own.
	all, within := NewText(b, WithCache(8<<20)), NewText(b, WithCache(8<<20))
	for _, q := range []query.Query{
		wordsQuery(false, "svenska", "kurs"),
		wordsQuery(true, "matematik", "distans"),
		wordsQuery(false, "programmering"),
		wordsQuery(false, "svenska", "som", "andraspråk"), // a phrase 135 titles have
		word("distans"), // a word alone: normed by its own weight, as Bleve norms a root
	} {
		before, _ := json.Marshal(q)
		snap := e.Snapshot()
		res, err := b.Search(bleve.NewSearchRequestOptions(q, len(offs), 0, false))
		if err != nil {
			t.Fatal(err)
		}
		want := map[uint32]float64{}
		some := roaring.New()
		for _, h := range res.Hits {
			if doc, ok := snap.Lookup(h.ID); ok {
				want[doc] = evenScore(h.Score)
				if doc%3 == 0 {
					some.Add(doc)
				}
			}
		}
		if some.GetCardinality() < 5 {
			t.Fatalf("%s: %d docs to score, too few to tell", before, some.GetCardinality())
		}
		check := func(name string, scores iter.Seq2[uint32, float64], docs int) {
			t.Helper()
			n := 0
			for doc, s := range scores {
				n++
				if w, ok := want[doc]; !ok || s != w {
					t.Errorf("%s, %s: doc %d scored %v, Bleve %v", name, before, doc, s, w)
				}
			}
			if n != docs {
				t.Errorf("%s, %s: %d scored, want %d", name, before, n, docs)
			}
		}
		for _, pass := range []string{"made", "read"} {
			scores, err := within.ScoresWithin(ctx, snap, q, some)
			if err != nil {
				t.Fatal(err)
			}
			check("within, "+pass, scores, int(some.GetCardinality()))
		}
		scores, err := all.Scores(ctx, snap, q)
		if err != nil {
			t.Fatal(err)
		}
		check("all", scores, len(want))
		if after, _ := json.Marshal(q); string(after) != string(before) {
			t.Errorf("the query asked changed:\n%s\nwas\n%s", after, before)
		}
	}
	kept := 0
	for key := range within.cache.byKey {
		if strings.HasPrefix(key, "w") {
			kept++
		}
	}
	// The words svenska, kurs, matematik, distans, programmering, som and
	// andraspråk, and the phrases of the four searches of words.
	if kept != 11 {
		t.Errorf("%d words' and phrases' scores kept, want 11", kept)
	}
	// A phrase's scores count in those compared above: it has matches.
	key, _ := cacheKey("w", titlePhrase(wordsQuery(false, "svenska", "som", "andraspråk")))
	if c := within.cache.byKey[key]; c == nil || len(c.Value.(*cached).kept.ids) == 0 {
		t.Errorf("the phrase %q: no scores kept, or no matches", "svenska som andraspråk")
	}
}

// A phrase's scores are kept from its second search on: keeping them reads
// every title with its words, which the first search of a pair of words,
// often its only one, need not.
func TestPhraseKeptWhenAskedAgain(t *testing.T) {
	_, b, e := textFixture(t)
	ctx, snap := context.Background(), e.Snapshot()
	text := NewText(b, WithCache(8<<20))
	q := wordsQuery(false, "svenska", "som", "andraspråk")
	key, _ := cacheKey("w", titlePhrase(q))
	for i, want := range []bool{false, true} {
		// Another filter each time, as the words are asked again.
		if _, err := text.ScoresWithin(ctx, snap, q, roaring.BitmapOf(uint32(i), 10, 20, 30)); err != nil {
			t.Fatal(err)
		}
		if got := text.cache.byKey[key] != nil; got != want {
			t.Errorf("after search %d the phrase's scores kept: %v, want %v", i+1, got, want)
		}
	}
}

// A term read within some docs yields those of its postings only, by Next
// and by Advance alike, with the postings' own frequencies and positions;
// its count is the term's in the whole index, as scores are made of it.
func TestWithinReaderReadsItsDocsOnly(t *testing.T) {
	_, b, _ := textFixture(t)
	adv, err := b.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	read := func(tfr index.TermFieldReader, advanceTo []uint64) (docs []uint64, positions map[uint64]int) {
		t.Helper()
		positions = map[uint64]int{}
		keep := func(d *index.TermFieldDoc, err error) bool {
			if err != nil {
				t.Fatal(err)
			}
			if d != nil {
				docs = append(docs, d.ID.Value())
				positions[d.ID.Value()] = int(d.Vectors[0].Pos)
			}
			return d != nil
		}
		if advanceTo == nil {
			for keep(tfr.Next(nil)) {
			}
			return docs, positions
		}
		for _, id := range advanceTo {
			if len(docs) > 0 && docs[len(docs)-1] >= id {
				continue // Bleve's searchers advance only forward
			}
			if !keep(tfr.Advance(index.NewIndexInternalID(nil, id), nil)) {
				break
			}
		}
		return docs, positions
	}
	plain, err := r.TermFieldReader(context.Background(), []byte("svenska"), "title", true, true, true)
	if err != nil {
		t.Fatal(err)
	}
	all, wantPos := read(plain, nil)
	if len(all) < 30 {
		t.Fatalf("%d titles say svenska, too few to tell", len(all))
	}
	// Every third posting, and docs between that the term is not in.
	var ids, want []uint64
	for i, id := range all {
		if i%3 == 0 {
			ids, want = append(ids, id), append(want, id)
			if i+1 < len(all) && all[i+1] > id+1 {
				ids = append(ids, id+1)
			}
		}
	}
	for _, how := range []string{"next", "advance"} {
		w := &withinReader{IndexReader: r, ids: ids}
		tfr, err := w.TermFieldReader(context.Background(), []byte("svenska"), "title", true, true, true)
		if err != nil {
			t.Fatal(err)
		}
		if tfr.Count() != uint64(len(all)) {
			t.Errorf("%s: count %d, want the whole index's %d", how, tfr.Count(), len(all))
		}
		var to []uint64
		if how == "advance" {
			to = append([]uint64{0}, all...) // every posting asked for, in order
		}
		got, pos := read(tfr, to)
		if !slices.Equal(got, want) {
			t.Errorf("%s: read %v, want %v", how, got, want)
		}
		for _, id := range got {
			if pos[id] != wantPos[id] {
				t.Errorf("%s: doc %d at position %d, want %d", how, id, pos[id], wantPos[id])
			}
		}
		tfr.Close()
	}
}

// Advanced to a doc at or before the one it last returned, a sticky
// searcher returns that one again, with its score, where the searcher it
// wraps (a disjunction, reading one ahead) goes on to the next.
func TestStickySearcherStays(t *testing.T) {
	inner := bleve.NewDisjunctionQuery(&keptQuery{&keptScores{ids: []uint64{3, 5, 9}, scores: []float64{1, 2, 3}, weight: 1}})
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(10, 0)}
	visit := func(q query.Query) []string {
		s, err := q.Searcher(context.Background(), nil, nil, search.SearcherOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		step := func(m *search.DocumentMatch, err error) {
			if err != nil {
				t.Fatal(err)
			}
			if m == nil {
				got = append(got, "end")
				return
			}
			got = append(got, fmt.Sprintf("%d:%.2f", m.IndexInternalID.Value(), m.Score))
			sctx.DocumentMatchPool.Put(m) // as Bleve's boolean searcher does before it advances
		}
		step(s.Next(sctx))
		step(s.Advance(sctx, index.NewIndexInternalID(nil, 3)))
		step(s.Advance(sctx, index.NewIndexInternalID(nil, 4)))
		step(s.Advance(sctx, index.NewIndexInternalID(nil, 9)))
		step(s.Advance(sctx, index.NewIndexInternalID(nil, 10)))
		return got
	}
	plain := visit(inner)
	sticky := visit(&stickyQuery{inner})
	if want := []string{"3:1.00", "3:1.00", "5:2.00", "9:3.00", "end"}; !slices.Equal(sticky, want) {
		t.Errorf("sticky: %v, want %v", sticky, want)
	}
	if slices.Equal(plain, sticky) {
		t.Errorf("the disjunction alone also stays (%v): nothing to mend", plain)
	}
}
