package facet

import (
	"context"
	"fmt"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Text reads the offerings that match the words of a query from a Bleve
// index, as doc numbers of a Snapshot.
//
// Two things make this cheap. The query runs unscored, so that Bleve ANDs
// and ORs the postings of term, conjunction and disjunction queries as
// roaring bitmaps per segment (its "unadorned" optimisation) instead of
// visiting and scoring every posting; a phrase, fuzzy or boosted-scoring
// query still works, only slower. And a Bleve hit is an internal doc number
// of one segment; Text maps it to the engine's doc number with an array per
// segment, built once per segment (segments are immutable) from the IDs the
// segment stores, instead of looking up the ID string of every hit.
type Text struct {
	index bleve.Index
	cache *textCache // nil: none

	mu   sync.Mutex
	gen  *generation         // the generation the arrays map into
	segs map[uint64][]uint32 // segment id -> local doc number -> doc
	back *backMap            // the other way, for the segments of one reader
}

// NewText returns a Text over index.
func NewText(index bleve.Index, opts ...TextOption) *Text {
	t := &Text{index: index}
	for _, o := range opts {
		o(t)
	}
	return t
}

// readerCtx is one Bleve reader with the snapshot it is read for.
type readerCtx struct {
	ctx  context.Context
	r    index.IndexReader
	snap *Snapshot
}

// open opens a Bleve reader; close it.
func (t *Text) open(ctx context.Context, snap *Snapshot) (*readerCtx, error) {
	adv, err := t.index.Advanced()
	if err != nil {
		return nil, fmt.Errorf("facet: text: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("facet: text: %w", err)
	}
	return &readerCtx{ctx: ctx, r: r, snap: snap}, nil
}

// Match returns the docs of snap that q matches. Build q from term,
// conjunction and disjunction queries without boosts that matter (the
// match set of "all words in the title, or all in the description, ..."):
// a phrase query adds nothing to such a set but would turn the bitmap path
// off. The result may hold docs that snap has deleted; Snapshot.Search
// drops them.
func (t *Text) Match(ctx context.Context, snap *Snapshot, q query.Query) (*roaring.Bitmap, error) {
	r, err := t.open(ctx, snap)
	if err != nil {
		return nil, err
	}
	defer r.r.Close()
	return t.match(r, q)
}

// match returns q's matches. With a cache, a query made of others is
// answered from its parts' matches (matchParts), and what Bleve matched
// is kept: a new search of words asked before in other company, or with
// another word added, then costs no Bleve work for the words it shares.
// The matches put together are not kept: a few ANDs and ORs of kept
// bitmaps make them again, and each new search kept several that no
// later one asked for, which pushed the words' own matches out. The
// bitmaps returned may be kept: never change them.
func (t *Text) match(r *readerCtx, q query.Query) (*roaring.Bitmap, error) {
	if parts, and, ok := matchParts(q); ok && t.cache != nil {
		return t.combine(r, parts, and)
	}
	key, cacheable := cacheKey("m", q)
	if t.cache != nil && cacheable {
		if c := t.cache.get(r.r, r.snap, key); c != nil {
			return c.matches, nil
		}
	}
	out := roaring.New()
	var buf []uint32
	err := t.run(r, q, false, func(doc uint32, _ float64) {
		if buf = append(buf, doc); len(buf) == 1024 {
			out.AddMany(buf)
			buf = buf[:0]
		}
	})
	out.AddMany(buf)
	if err == nil && t.cache != nil && cacheable {
		t.cache.put(r.r, r.snap, &cached{key: key, matches: out, size: int(out.GetSizeInBytes())})
	}
	return out, err
}

// combine intersects (and) or unites the parts' matches into a new bitmap.
func (t *Text) combine(r *readerCtx, parts []query.Query, and bool) (*roaring.Bitmap, error) {
	sets := make([]*roaring.Bitmap, 0, len(parts))
	for _, p := range parts {
		m, err := t.match(r, p)
		if err != nil {
			return nil, err
		}
		if and && m.IsEmpty() {
			return roaring.New(), nil
		}
		sets = append(sets, m)
	}
	switch {
	case len(sets) == 1:
		return sets[0], nil
	case and:
		return roaring.FastAnd(sets...), nil
	}
	return roaring.FastOr(sets...), nil
}

// matchParts splits a query whose match set is the intersection (and) or
// the union of other queries' match sets, the way Bleve's searchers match
// (scores aside):
//   - a boolean query with a must clause and neither must-not nor filter,
//     whose should clauses are optional (a disjunction with a minimum of
//     0), matches what its must clause matches. A must clause that matches
//     nothing is dropped by Bleve, which then requires a should: left whole;
//   - a conjunction matches what all its conjuncts match;
//   - a disjunction with a minimum of at most one matches what any of its
//     parts matches. It is split (the variants of a search, its words
//     when relaxed, a word and its translation) unless it is a word
//     (isWord): a word is left whole, as Bleve unites a word's postings
//     faster than separate runs would, and a single term is rarely asked
//     again on its own.
func matchParts(q query.Query) (parts []query.Query, and, ok bool) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		if q.Must == nil || q.MustNot != nil || q.Filter != nil {
			return nil, false, false
		}
		if searchesNothing(q.Must) {
			return nil, false, false
		}
		if q.Should != nil {
			d, isDisj := q.Should.(*query.DisjunctionQuery)
			if !isDisj || d.Min > 0 {
				return nil, false, false
			}
		}
		return []query.Query{q.Must}, true, true
	case *query.ConjunctionQuery:
		return q.Conjuncts, true, len(q.Conjuncts) > 0
	case *query.DisjunctionQuery:
		if q.Min > 1 || len(q.Disjuncts) == 0 || isWord(q) {
			return nil, false, false
		}
		return q.Disjuncts, false, true
	}
	return nil, false, false
}

// searchesNothing reports whether Bleve makes q a searcher of nothing,
// which a boolean query drops from its must clause.
func searchesNothing(q query.Query) bool {
	switch q := q.(type) {
	case *query.MatchNoneQuery:
		return true
	case *query.ConjunctionQuery:
		return len(q.Conjuncts) == 0
	case *query.DisjunctionQuery:
		return len(q.Disjuncts) == 0
	}
	return false
}

// run runs q and calls fn with the doc and score of every match that the
// generation of the snapshot knows.
func (t *Text) run(rc *readerCtx, q query.Query, score bool, fn func(doc uint32, score float64)) error {
	ctx, r, snap := rc.ctx, rc.r, rc.snap
	opts := search.SearcherOptions{Score: "none"}
	if score {
		opts = search.SearcherOptions{}
	}
	s, err := q.Searcher(ctx, r, t.index.Mapping(), opts)
	if err != nil {
		return fmt.Errorf("facet: text: %w", err)
	}
	pool, _ := matchPools.Get().(*search.DocumentMatchPool)
	if pool == nil {
		pool = search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)
	}
	defer func() {
		s.Close()
		matchPools.Put(pool) // closed, s holds none of its matches
	}()
	docOf := t.mapper(snap, r)
	sctx := &search.SearchContext{DocumentMatchPool: pool}
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		m, err := s.Next(sctx)
		if err != nil {
			return fmt.Errorf("facet: text: %w", err)
		}
		if m == nil {
			return nil
		}
		if doc, ok := docOf(m.IndexInternalID); ok {
			fn(doc, m.Score)
		}
		sctx.DocumentMatchPool.Put(m)
	}
}

// matchPools keeps Bleve's pools of document matches between runs. A
// query of a few words has dozens of term searchers, and a pool made for
// each run held a match for each of them: a tenth of what a new search
// allocated. A pool smaller than a query needs grows as it is used.
var matchPools sync.Pool

// mapper returns a function from Bleve's internal IDs to snap's docs.
func (t *Text) mapper(snap *Snapshot, r index.IndexReader) func(index.IndexInternalID) (uint32, bool) {
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok { // not scorch: look up every hit's ID
		return func(id index.IndexInternalID) (uint32, bool) {
			ext, err := r.ExternalID(id)
			if err != nil {
				return 0, false
			}
			return snap.gen.lookup(ext, snap.ids)
		}
	}
	segs := is.Segments()
	offsets := make([]uint64, len(segs)+1)
	arrays := make([][]uint32, len(segs))
	for i, s := range segs {
		offsets[i+1] = offsets[i] + s.Segment().Count()
		arrays[i], _ = t.array(snap.gen, s)
	}
	t.prune(segs)
	seg := 0
	return func(id index.IndexInternalID) (uint32, bool) {
		n := id.Value()
		if n < offsets[seg] { // hits come in order; restart if not
			seg = 0
		}
		for seg < len(segs) && n >= offsets[seg+1] {
			seg++
		}
		if seg == len(segs) {
			return 0, false
		}
		doc := arrays[seg][n-offsets[seg]]
		return doc - 1, doc != 0
	}
}

// array returns the segment's local doc -> doc+1 (0: unknown) array for
// gen, and whether it is complete. A segment holding an ID the engine does
// not know yet (Bleve written before the engine) is mapped again next
// time rather than kept.
func (t *Text) array(gen *generation, s *scorch.SegmentSnapshot) ([]uint32, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.gen != gen {
		t.gen, t.segs, t.back = gen, map[uint64][]uint32{}, nil
	}
	if a, ok := t.segs[s.Id()]; ok {
		return a, true
	}
	seg := s.Segment()
	a := make([]uint32, seg.Count())
	complete := true
	deleted := s.Deleted()
	gen.mu.RLock()
	for i := range a {
		id, err := seg.DocID(uint64(i))
		if err != nil {
			complete = false
			continue
		}
		if doc, ok := gen.docs.GetBytes(id, gen.ids); ok {
			a[i] = doc + 1
		} else if deleted == nil || !deleted.Contains(uint32(i)) {
			complete = false
		}
	}
	gen.mu.RUnlock()
	if complete {
		t.segs[s.Id()] = a
	}
	return a, complete
}

// Warm maps the segments that the index has now to snap's docs, and
// back (backMap), so that the next search does not: call it after writing
// to both (in a goroutine), as Bleve's merges replace segments later.
func (t *Text) Warm(ctx context.Context, snap *Snapshot) error {
	r, err := t.open(ctx, snap)
	if err != nil {
		return err
	}
	defer r.r.Close()
	t.mapper(snap, r.r)
	if is, ok := r.r.(*scorch.IndexSnapshot); ok {
		t.backMap(snap.gen, is)
	}
	return nil
}

// prune drops the arrays of segments that merges have replaced, once they
// outnumber the live ones.
func (t *Text) prune(live []*scorch.SegmentSnapshot) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.segs) <= 2*len(live) {
		return
	}
	keep := make(map[uint64][]uint32, len(live))
	for _, s := range live {
		if a, ok := t.segs[s.Id()]; ok {
			keep[s.Id()] = a
		}
	}
	t.segs = keep
}

// candidate is a scored hit; better orders by score, then start order.
type candidate struct {
	doc   uint32
	score float64
	rank  uint32
}

func (c candidate) better(o candidate) bool {
	if c.score != o.score {
		return c.score > o.score
	}
	return c.rank < o.rank
}
