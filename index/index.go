package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolterrors "go.etcd.io/bbolt/errors"
	"golang.org/x/sync/errgroup"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/index/facet"
)

const versionKey = "mapping_version"

// storeKey and seqKey are where the index records which store it was built
// from and up to which of that store's changes (its change sequence number)
// it holds, so that a start after a crash can tell an index that is behind.
const (
	storeKey = "store"
	seqKey   = "seq"
)

// ErrLocked means another process has the index open: a running service
// holds it for as long as it runs.
var ErrLocked = errors.New("index: in use by another process")

// lockTimeout bounds the wait for the index's file lock, so that a second
// process on a data dir in use fails at once rather than waiting for good.
const lockTimeout = time.Second

// batchSize bounds the memory of one Bleve batch.
const batchSize = 1000

// Index is an open search index: Bleve for the words, and the in-memory
// facet engine (index/facet) for filters, facet counts and pages without
// words, which Bleve's own facets are too slow for at national scale.
type Index struct {
	bleve bleve.Index
	path  string
	// facets mirrors the offerings in Bleve; text finds Bleve's matches as
	// facets' doc numbers. An index opened from disk answers searches once
	// LoadFacets has filled facets.
	facets *facet.Engine
	text   *facet.Text
	// whole is set once facets holds every offering of the store: loaded,
	// rebuilt or refreshed from it. An import that never loaded the engine
	// fills it in part, and SaveFacets must not save that.
	whole atomic.Bool
	// savedVersion is the engine's version that was last saved or loaded
	// from the saved file: SaveFacets skips an engine that has not changed.
	savedVersion atomic.Uint64
	// warming counts the background mappings of new segments (warm),
	// which must end before the Bleve index closes.
	warming sync.WaitGroup
	// compacting is set while CompactLater merges segments.
	compacting atomic.Bool
	// suggest completes what users type; rebuilt lazily after writes.
	suggest suggestions
	// results keeps the hits and counts of recent searches until a write.
	results results
	// fuzzy keeps the terms misspelt words expand to until a write.
	fuzzy fuzzyTerms
	// built keeps the queries typed words were built into until a write.
	built builtWords
	// occupationName names an SSYK group for suggestions; nil leaves
	// occupations out of them.
	occupationName func(ssyk string) string
}

// SetOccupationNames makes suggestions include the occupations offerings
// lead to, named by name (the SSYK taxonomy's Swedish names).
func (ix *Index) SetOccupationNames(name func(ssyk string) string) {
	ix.occupationName = name
	ix.suggest.invalidate()
}

// version is what an index on disk must have been built with: the mapping
// and the word lists of the analysis.
func version() string { return MappingVersion + "+" + lexiconVersion() }

// Open opens the index at path, creating it when missing. When the index on
// disk was built with another MappingVersion or other word lists, or is
// damaged, it is removed and created empty, and fresh is true: the caller
// must rebuild it from the store. An index that another process has open is
// never removed: Open returns ErrLocked after lockTimeout.
func Open(path string) (ix *Index, fresh bool, err error) {
	b, err := bleve.OpenUsing(path, map[string]any{"bolt_timeout": lockTimeout.String()})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, false, fmt.Errorf("%w: %s", ErrLocked, path)
	case errors.Is(err, fs.ErrPermission):
		return nil, false, fmt.Errorf("index: open %s: %w", path, err)
	case err == nil:
		v, verr := b.GetInternal([]byte(versionKey))
		if verr == nil && string(v) == version() {
			return newIndex(b, path), false, nil
		}
		b.Close()
	}
	// A missing, outdated, damaged or foreign index is only a projection of
	// the store: drop it, create it empty and let the caller rebuild it.
	if err := os.RemoveAll(path); err != nil {
		return nil, false, fmt.Errorf("index: remove %s: %w", path, err)
	}
	m, err := newMapping()
	if err != nil {
		return nil, false, fmt.Errorf("index: mapping: %w", err)
	}
	b, err = bleve.NewUsing(path, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore,
		map[string]any{"bolt_timeout": lockTimeout.String()})
	if err != nil {
		return nil, false, fmt.Errorf("index: create %s: %w", path, err)
	}
	if err := b.SetInternal([]byte(versionKey), []byte(version())); err != nil {
		b.Close()
		return nil, false, fmt.Errorf("index: set version: %w", err)
	}
	return newIndex(b, path), true, nil
}

// Applied returns the store the index was built from and the last of that
// store's changes it holds. store is "" when the index does not know: new,
// rebuilt but not finished, or made by an older version; seq is then 0 or
// counts changes applied to an index that was new.
func (ix *Index) Applied() (store string, seq uint64, err error) {
	st, err := ix.bleve.GetInternal([]byte(storeKey))
	if err != nil {
		return "", 0, fmt.Errorf("index: applied: %w", err)
	}
	sq, err := ix.bleve.GetInternal([]byte(seqKey))
	if err != nil {
		return "", 0, fmt.Errorf("index: applied: %w", err)
	}
	if len(sq) > 0 {
		if seq, err = strconv.ParseUint(string(sq), 10, 64); err != nil {
			return "", 0, nil // unreadable: as good as unknown
		}
	}
	return string(st), seq, nil
}

// SetApplied records that the index holds store's changes up to seq. Call it
// after the writes it covers: Bleve (scorch) persists writes in order, so
// when the number is on disk, so is every document written before it, and
// after a crash the index says truthfully how far it got.
func (ix *Index) SetApplied(store string, seq uint64) error {
	b := ix.bleve.NewBatch()
	b.SetInternal([]byte(seqKey), []byte(strconv.FormatUint(seq, 10)))
	b.SetInternal([]byte(storeKey), []byte(store))
	if err := ix.bleve.Batch(b); err != nil {
		return fmt.Errorf("index: set applied: %w", err)
	}
	return nil
}

// newIndex wraps an open Bleve index with an empty facet engine: in step
// with an empty index, and filled by LoadFacets for one opened from disk.
func newIndex(b bleve.Index, path string) *Index {
	// The cache keeps the word matches of recent searches until the next
	// write, so that a facet click or the next page skips Bleve.
	return &Index{bleve: b, path: path, facets: facet.New(), text: facet.NewText(b, facet.WithCache(64<<20))}
}

// LoadFacets fills the facet engine with every offering each yields (the
// store's offerings, which the Bleve index on disk was built from). An index
// opened from disk finds nothing until it has run.
func (ix *Index) LoadFacets(ctx context.Context, each func(context.Context, func(catalog.Offering) error) error) error {
	ix.suggest.reset()
	expect, err := ix.bleve.DocCount() // the store's offerings, which the index holds
	if err != nil {
		expect = 0
	}
	err = ix.facets.Rebuild(int(expect), func(yield func(catalog.Offering) error) error {
		return each(ctx, func(o catalog.Offering) error {
			ix.suggest.put([]catalog.Offering{o})
			return yield(o)
		})
	})
	if err != nil {
		return fmt.Errorf("index: load facets: %w", err)
	}
	ix.suggest.packKeys()
	ix.whole.Store(true)
	ix.warm()
	return nil
}

// warm maps Bleve's segments to the engine's doc numbers after a write, in
// the background, so that the next search with words does not pay for it.
func (ix *Index) warm() {
	text, snap := ix.text, ix.facets.Snapshot()
	ix.warming.Add(1)
	go func() {
		defer ix.warming.Done()
		text.Warm(context.Background(), snap) // an error only means the next search maps them
	}()
}

// Close closes the index, once the background warming is done with it.
func (ix *Index) Close() error {
	ix.warming.Wait()
	return ix.bleve.Close()
}

// Count returns the number of indexed offerings.
func (ix *Index) Count() (uint64, error) { return ix.bleve.DocCount() }

// Put indexes (or re-indexes) offerings.
func (ix *Index) Put(ctx context.Context, offerings []catalog.Offering) error {
	if err := ix.putBleve(ctx, offerings); err != nil {
		return err
	}
	ix.facets.Put(offerings...)
	ix.suggest.put(offerings)
	ix.warm()
	return nil
}

// batchesInFlight is how many Bleve batches Put writes at once. Scorch
// analyses a batch's documents on every core but builds its segment on
// one, and waits for that segment to be introduced: with one batch at a
// time an import's indexing kept 2 cores less than 1.4 busy.
const batchesInFlight = 2

// putBleve writes offerings to Bleve in batches of batchSize, several at a
// time. The batches hold distinct documents, so their order is free; all
// are in the index when it returns, before the caller records how far the
// index got (SetApplied).
func (ix *Index) putBleve(ctx context.Context, offerings []catalog.Offering) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(batchesInFlight)
	for from := 0; from < len(offerings) && gctx.Err() == nil; from += batchSize {
		chunk := offerings[from:min(from+batchSize, len(offerings))]
		g.Go(func() error {
			batch := ix.bleve.NewBatch()
			for i := range chunk {
				if err := batch.Index(chunk[i].ID, toDocument(&chunk[i])); err != nil {
					return fmt.Errorf("index: offering %s: %w", chunk[i].ID, err)
				}
			}
			if err := ix.bleve.Batch(batch); err != nil {
				return fmt.Errorf("index: batch: %w", err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// Delete removes offerings from the index.
func (ix *Index) Delete(ids []string) error {
	batch := ix.bleve.NewBatch()
	for _, id := range ids {
		batch.Delete(id)
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return fmt.Errorf("index: delete: %w", err)
	}
	ix.facets.Delete(ids...)
	ix.suggest.remove(ids)
	ix.warm()
	return nil
}

// Rebuild indexes every offering each yields, in batches, after removing
// whatever the index held.
func (ix *Index) Rebuild(ctx context.Context, each func(context.Context, func(catalog.Offering) error) error) (int, error) {
	path := ix.path
	ix.warming.Wait()
	if err := ix.bleve.Close(); err != nil {
		return 0, fmt.Errorf("index: close for rebuild: %w", err)
	}
	if err := os.RemoveAll(path); err != nil {
		return 0, fmt.Errorf("index: rebuild: %w", err)
	}
	fresh, _, err := Open(path)
	if err != nil {
		return 0, err
	}
	ix.bleve, ix.text, ix.facets = fresh.bleve, fresh.text, fresh.facets
	ix.whole.Store(false)
	ix.suggest.reset()
	n, err := ix.putEach(ctx, each, nil)
	if err != nil {
		return n, fmt.Errorf("index: rebuild: %w", err)
	}
	ix.whole.Store(true)
	return n, nil
}

// putEach puts every offering each yields, in batches, telling seen (when
// not nil) each one's id, and returns how many it put.
func (ix *Index) putEach(ctx context.Context, each func(context.Context, func(catalog.Offering) error) error, seen func(id string)) (int, error) {
	var pending []catalog.Offering
	n := 0
	err := each(ctx, func(o catalog.Offering) error {
		if seen != nil {
			seen(o.ID)
		}
		pending = append(pending, o)
		n++
		if len(pending) >= batchSize {
			err := ix.Put(ctx, pending)
			pending = pending[:0]
			return err
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	return n, ix.Put(ctx, pending)
}

// Refresh re-indexes every offering each yields and deletes the documents
// it no longer yields, in place: searches go on meanwhile and see the old
// or the new version of each offering. Rebuild, which starts from an empty
// index, is for a process that has no searches running yet.
func (ix *Index) Refresh(ctx context.Context, each func(context.Context, func(catalog.Offering) error) error) (int, error) {
	stale, err := ix.docIDs(ctx)
	if err != nil {
		return 0, err
	}
	n, err := ix.putEach(ctx, each, func(id string) { delete(stale, id) })
	if err != nil {
		return n, fmt.Errorf("index: refresh: %w", err)
	}
	if len(stale) > 0 {
		if err := ix.Delete(slices.Sorted(maps.Keys(stale))); err != nil {
			return n, err
		}
	}
	ix.whole.Store(true)
	return n, nil
}

// docIDs returns the ids of every document in the Bleve index.
func (ix *Index) docIDs(ctx context.Context) (map[string]bool, error) {
	n, err := ix.bleve.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: count: %w", err)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n), 0, false)
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: list documents: %w", err)
	}
	ids := make(map[string]bool, len(res.Hits))
	for _, h := range res.Hits {
		ids[h.ID] = true
	}
	return ids, nil
}

// toDocument projects an offering onto the indexed fields. It is a map, not
// a struct, so that unknown values are left out rather than indexed as "".
func toDocument(o *catalog.Offering) map[string]any {
	d := map[string]any{
		fieldTitle:    o.Title,
		fieldProvider: o.Provider.Name,
	}
	set := func(field string, values []string) {
		if len(values) > 0 && (len(values) > 1 || values[0] != "") {
			d[field] = values
		}
	}
	set(fieldTitleEN, []string{o.TitleEN})
	set(fieldDescription, []string{o.DescriptionText()})
	set(fieldKeywords, o.Keywords)
	set(fieldPlace, placeNames(o))
	set(fieldFacts, factWords(o))
	return d
}

// factWords name the offering's school type, mode and time of study, in
// Swedish and English.
func factWords(o *catalog.Offering) []string {
	var out []string
	add := func(l catalog.Label, ok bool) {
		if ok {
			out = append(out, l.SV, l.EN)
		}
	}
	st, ok := catalog.SchoolTypeLabels[o.SchoolType]
	add(st, ok)
	mode, ok := catalog.ModeLabels[o.Mode]
	add(mode, ok)
	if f, _ := catalog.FacetNamed(catalog.FacetTimeOfStudy); f != nil {
		for _, v := range f.Values(o, time.Time{}) {
			tos, ok := f.Labels[v]
			add(tos, ok)
		}
	}
	return out
}

// placeNames are the towns an offering is held in and the names of its
// municipalities.
func placeNames(o *catalog.Offering) []string {
	places := slices.Clone(o.Towns)
	for _, code := range o.Municipalities {
		if name, ok := data.MunicipalityName(code); ok && !slices.Contains(places, name) {
			places = append(places, name)
		}
	}
	return places
}
