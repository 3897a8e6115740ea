package facet

import (
	"context"
	"iter"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// ScoresWithin is Scores for the docs of within only, for a search whose
// filters leave few of the words' matches: "svenska" in one municipality
// is a few hundred of the 30,000 offerings that say "svenska" nationally,
// and scoring all of them is most of what a new search costs. When the
// ranking of all matches is kept from an earlier search it is read;
// otherwise Bleve scores the query on within's docs only, by ANDing it
// with those docs: a conjunction advances each word to the next doc it may
// match, so only docs of within are scored. Each word is read from its
// scores over all its matches, kept for the searches after (see kept.go).
// The ranking is not kept: the caller keeps it with its filters.
//
// The scores are those Scores gives: the docs' clause has no weight, so
// the query's norm is unchanged, and it scores 0 in the sum.
func (t *Text) ScoresWithin(ctx context.Context, snap *Snapshot, q query.Query, within *roaring.Bitmap) (iter.Seq2[uint32, float64], error) {
	r, err := t.open(ctx, snap)
	if err != nil {
		return nil, err
	}
	defer r.r.Close()
	if key, ok := cacheKey("r", q); ok && t.cache != nil {
		if c := t.cache.get(r.r, snap, key); c != nil {
			return ranked(c.ranked), nil
		}
	}
	ids, ok := t.internalIDs(snap, r.r, within)
	if !ok { // not scorch: score everything
		all, err := t.rankAll(r, q, 0)
		return ranked(all), err
	}
	if q, err = t.withKept(r, q, ids); err != nil {
		return nil, err
	}
	all, err := t.rankAll(r, bleve.NewConjunctionQuery(&docsQuery{ids: ids}, q), len(ids))
	return ranked(all), err
}

// ranked visits all in its order.
func ranked(all []candidate) iter.Seq2[uint32, float64] {
	return func(yield func(uint32, float64) bool) {
		for _, c := range all {
			if !yield(c.doc, c.score) {
				return
			}
		}
	}
}

// internalIDs returns Bleve's internal doc numbers of docs in reader r,
// ascending: of each doc, the one its postings are live under.
func (t *Text) internalIDs(snap *Snapshot, r index.IndexReader, docs *roaring.Bitmap) ([]uint64, bool) {
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false
	}
	back := t.backMap(snap.gen, is)
	out := make([]uint64, 0, docs.GetCardinality())
	it := docs.Iterator()
	for it.HasNext() {
		if d := it.Next(); int(d) < len(back.internal) && back.internal[d] != 0 {
			out = append(out, back.internal[d]-1)
		}
	}
	slices.Sort(out) // the segments' order is not the docs'
	return out, true
}

// backMap maps a generation's docs to the internal doc numbers of one
// reader's segments: a filtered search asks for a few hundred docs, and
// finding them by walking every segment's array cost a tenth of it at
// national size.
type backMap struct {
	gen      *generation
	segs     []uint64 // the segments' ids, in the reader's order
	internal []uint64 // doc -> internal doc number + 1 of its live postings; 0: none
}

// backMap returns the map for the segments of is, kept while they and gen
// are the same and their arrays complete.
func (t *Text) backMap(gen *generation, is *scorch.IndexSnapshot) *backMap {
	segs := is.Segments()
	t.mu.Lock()
	b := t.back
	t.mu.Unlock()
	if b != nil && b.gen == gen && len(b.segs) == len(segs) && slices.EqualFunc(b.segs, segs,
		func(id uint64, s *scorch.SegmentSnapshot) bool { return id == s.Id() }) {
		return b
	}
	b = &backMap{gen: gen}
	complete := true
	var offset uint64
	for _, s := range segs {
		a, whole := t.array(gen, s)
		complete = complete && whole
		deleted := s.Deleted()
		for local, doc := range a {
			if doc == 0 || deleted != nil && deleted.Contains(uint32(local)) {
				continue
			}
			if int(doc) > len(b.internal) {
				b.internal = slices.Grow(b.internal, int(doc)-len(b.internal))[:doc]
			}
			b.internal[doc-1] = offset + uint64(local) + 1
		}
		offset += s.Segment().Count()
		b.segs = append(b.segs, s.Id())
	}
	if complete {
		t.mu.Lock()
		if t.gen == gen {
			t.back = b
		}
		t.mu.Unlock()
	}
	return b
}

// docsQuery matches the given internal doc numbers, scoring nothing.
type docsQuery struct{ ids []uint64 }

func (q *docsQuery) Searcher(context.Context, index.IndexReader, mapping.IndexMapping, search.SearcherOptions) (search.Searcher, error) {
	return &listSearcher{ids: q.ids}, nil
}

// listSearcher visits ids (ascending), each scored scores[i] times the
// query norm its parent sets (0 without scores), and weighs weight in
// that norm: the docs of a filtered search (no score, no weight) and a
// word's kept scores (keptQuery).
type listSearcher struct {
	ids    []uint64
	scores []float64 // nil: every doc scores 0
	weight float64
	norm   float64
	at     int
}

func (s *listSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if s.at >= len(s.ids) {
		return nil, nil
	}
	m := ctx.DocumentMatchPool.Get()
	m.IndexInternalID = index.NewIndexInternalID(m.IndexInternalID, s.ids[s.at])
	m.Score = 0
	if s.scores != nil {
		m.Score = s.scores[s.at] * s.norm
	}
	s.at++
	return m, nil
}

func (s *listSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	i, _ := slices.BinarySearch(s.ids[s.at:], id.Value())
	s.at += i
	return s.Next(ctx)
}

func (s *listSearcher) Close() error               { return nil }
func (s *listSearcher) Weight() float64            { return s.weight }
func (s *listSearcher) SetQueryNorm(n float64)     { s.norm = n }
func (s *listSearcher) Size() int                  { return 16 * len(s.ids) }
func (s *listSearcher) Count() uint64              { return uint64(len(s.ids)) }
func (s *listSearcher) Min() int                   { return 0 }
func (s *listSearcher) DocumentMatchPoolSize() int { return 1 }

// withinQuery is a query (a phrase, asked for the first time) read from
// the postings of within's docs only (internal doc numbers, ascending).
// Bleve's phrase searcher finds its next match by reading on, doc by doc,
// through every doc that has all of the phrase's words, and advancing it to
// a doc of a filter does the same: "svenska kurs" in one municipality read
// the postings of every title in the country that says both. Its term
// searchers are given a reader whose postings hold within's docs only, so
// it reads those; the scores are Bleve's, as each term's doc count and the
// index's are those of the whole index.
type withinQuery struct {
	q   query.Query
	ids []uint64
}

func (w *withinQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	return w.q.Searcher(ctx, &withinReader{IndexReader: r, ids: w.ids}, m, opts)
}

// withinReader is an index reader whose terms' postings hold the docs of
// ids only. Everything else it reads from the index as it is, the counts
// that scores are made of too. (A BM25 mapping would also need its
// FieldCardinality passed on.)
type withinReader struct {
	index.IndexReader
	ids []uint64
}

func (r *withinReader) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (index.TermFieldReader, error) {
	tfr, err := r.IndexReader.TermFieldReader(ctx, term, field, freq, norm, vectors)
	if err != nil {
		return nil, err
	}
	return &withinTerm{TermFieldReader: tfr, ids: r.ids}, nil
}

// withinTerm is one term's postings, of the docs of ids only: it advances
// the postings from one of ids to the next, past the docs between.
type withinTerm struct {
	index.TermFieldReader
	ids []uint64 // ids[at:] are the docs still ahead
	at  int
	id  index.IndexInternalID // scratch for Advance's argument
}

func (t *withinTerm) Next(pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	d, err := t.TermFieldReader.Next(pre)
	return t.settle(d, err)
}

func (t *withinTerm) Advance(id index.IndexInternalID, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	i, _ := slices.BinarySearch(t.ids[t.at:], id.Value())
	if t.at += i; t.at == len(t.ids) {
		return nil, nil
	}
	t.id = index.NewIndexInternalID(t.id, t.ids[t.at])
	d, err := t.TermFieldReader.Advance(t.id, pre)
	return t.settle(d, err)
}

// settle returns d when it is one of ids, and otherwise the next posting
// at or after the next of ids.
func (t *withinTerm) settle(d *index.TermFieldDoc, err error) (*index.TermFieldDoc, error) {
	for err == nil && d != nil {
		i, found := slices.BinarySearch(t.ids[t.at:], d.ID.Value())
		if t.at += i; found {
			return d, nil
		}
		if t.at == len(t.ids) {
			return nil, nil
		}
		t.id = index.NewIndexInternalID(t.id, t.ids[t.at])
		d, err = t.TermFieldReader.Advance(t.id, d)
	}
	return d, err
}

// stickyQuery is a query whose searcher answers an Advance to a doc at or
// before the one it last returned with that one again, as a term searcher
// does. Bleve's boolean searcher advances its optional clause to the doc
// its conjunction asks for even when the clause already stands on it
// (BooleanSearcher.Advance), and a disjunction, which reads one ahead,
// then skips that doc. Within a filter the optional clause is often
// ahead, as its phrase is read from the filter's docs only (withinQuery),
// and the doc lost its phrase's score.
type stickyQuery struct{ q query.Query }

func (q *stickyQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	s, err := q.q.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &stickySearcher{Searcher: s}, nil
}

type stickySearcher struct {
	search.Searcher
	last  index.IndexInternalID // the doc last returned; nil: none
	score float64
}

func (s *stickySearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	m, err := s.Searcher.Next(ctx)
	return s.note(m), err
}

func (s *stickySearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if s.last != nil && s.last.Compare(id) >= 0 {
		// The caller has handed the match back to the pool: a copy.
		m := ctx.DocumentMatchPool.Get()
		m.IndexInternalID = append(m.IndexInternalID[:0], s.last...)
		m.Score = s.score
		return m, nil
	}
	m, err := s.Searcher.Advance(ctx, id)
	return s.note(m), err
}

func (s *stickySearcher) note(m *search.DocumentMatch) *search.DocumentMatch {
	if m == nil {
		s.last = nil
		return nil
	}
	s.last = append(s.last[:0], m.IndexInternalID...)
	s.score = m.Score
	return m
}
