package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"kurskatalog/data/catalog"
)

// docOptions decode the stored documents, which encoding/json wrote, with
// its rules (names matched without regard to case, and the rest) but with
// the JSON v2 decoder that encoding/json/v2 will be: on the stored
// offerings it is twice as fast, makes 19 allocations where encoding/json
// makes 53, and keeps a fifth less memory per decoded offering. Every
// document is decoded at start, and every page's offerings not kept.
var docOptions = jsonv1.DefaultOptionsV1()

var zeroTime time.Time

// FindOfferingByID returns the offering with id, merged over all sources
// that have it. The id of any of its records finds it too, so links with a
// provider page's own id keep working after a merge.
func (s *Store) FindOfferingByID(ctx context.Context, id string) (*catalog.Offering, error) {
	canonical := id
	err := s.DB.QueryRowContext(ctx, s.q(`SELECT canonical FROM records WHERE id = ? AND removed_at IS NULL
		ORDER BY canonical = id DESC LIMIT 1`), id).Scan(&canonical)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, s.errorf("find %s: %w", id, err)
	}
	found, err := s.OfferingsByIDs(ctx, []string{canonical})
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, catalog.Errorf(catalog.ENotFound, "no offering with id %q", id)
	}
	return &found[0], nil
}

// OfferingsByIDs returns the offerings with the given ids in that order,
// leaving out ids that do not exist (any more).
func (s *Store) OfferingsByIDs(ctx context.Context, ids []string) ([]catalog.Offering, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	byID := map[string][]record{}
	// Decoded on every core: an import reads back every offering it
	// changed, and decoding is most of that.
	raws := s.rawIn(ctx, `SELECT source, id, canonical, doc, first_seen, last_seen, last_changed
		FROM records WHERE removed_at IS NULL AND canonical IN (%s)`, ids)
	err := decodeParallel(ctx, raws, func(r record) error {
		byID[r.offering.ID] = append(byID[r.offering.ID], r)
		return nil
	})
	if err != nil {
		return nil, s.errorf("offerings by id: %w", err)
	}
	out := make([]catalog.Offering, 0, len(ids))
	for _, id := range ids {
		if recs, ok := byID[id]; ok {
			out = append(out, merge(recs))
		}
	}
	return out, nil
}

// EachOffering calls fn for every live offering, in id order. It is how the
// search index is rebuilt.
func (s *Store) EachOffering(ctx context.Context, fn func(catalog.Offering) error) error {
	return s.EachOfferingOn(ctx, s.DB, fn)
}

// Querier is what a read goes through: the pool, one of its connections,
// or a transaction.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// EachOfferingOn is EachOffering, read through q: a dialect that must
// know the connection (sqlite.DB.EachOffering) passes one.
func (s *Store) EachOfferingOn(ctx context.Context, q Querier, fn func(catalog.Offering) error) error {
	rows, err := q.QueryContext(ctx, `SELECT source, id, canonical, doc, first_seen, last_seen, last_changed
		FROM records WHERE removed_at IS NULL ORDER BY canonical, source`)
	if err != nil {
		return s.errorf("each offering: %w", err)
	}
	var group []record
	err = decodeParallel(ctx, rawRows(rows), func(r record) error {
		if len(group) > 0 && group[0].offering.ID != r.offering.ID {
			if err := fn(merge(group)); err != nil {
				return err
			}
			group = group[:0]
		}
		group = append(group, r)
		return nil
	})
	if err != nil {
		return err
	}
	if len(group) > 0 {
		return fn(merge(group))
	}
	return nil
}

// CountOfferings returns the number of live offerings.
func (s *Store) CountOfferings(ctx context.Context) (int, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT count(DISTINCT canonical) FROM records WHERE removed_at IS NULL`).Scan(&n)
	if err != nil {
		return 0, s.errorf("count offerings: %w", err)
	}
	return n, nil
}

type record struct {
	size     int
	offering catalog.Offering
}

// rawRecord is a row of records as read, before its document is decoded.
type rawRecord struct {
	source, id, canonical, doc string
	first, last, changed       Time
}

// scan reads the row rows is at: source, id, canonical, doc, first_seen,
// last_seen, last_changed.
func (raw *rawRecord) scan(rows *sql.Rows) error {
	if err := rows.Scan(&raw.source, &raw.id, &raw.canonical, &raw.doc, &raw.first, &raw.last, &raw.changed); err != nil {
		return fmt.Errorf("scan record: %w", err)
	}
	return nil
}

func (raw *rawRecord) decode() (record, error) {
	r := record{size: len(raw.doc)}
	// Read from the string, not from a []byte copy of it: the decoder
	// reads into a buffer it keeps, and the copies were 45 % of the bytes
	// decoding allocated, half a gigabyte for each read of a national
	// store (at start, the facets and the coverage views read it whole).
	if err := json.UnmarshalRead(strings.NewReader(raw.doc), &r.offering, docOptions); err != nil {
		return r, fmt.Errorf("record %s/%s: %w", raw.source, raw.id, err)
	}
	r.offering.ID = raw.canonical
	r.offering.Provenance.ID = raw.id
	r.offering.Provenance.Source = raw.source
	r.offering.Provenance.FirstSeen = raw.first.Time
	r.offering.Provenance.LastSeen = raw.last.Time
	r.offering.Provenance.LastChanged = raw.changed.Time
	return r, nil
}

// decodeBatch is how many rows a decoder takes at a time.
const decodeBatch = 256

// rawRows yields the records rows holds, then closes them.
func rawRows(rows *sql.Rows) iter.Seq2[rawRecord, error] {
	return func(yield func(rawRecord, error) bool) {
		defer rows.Close()
		for rows.Next() {
			var raw rawRecord
			err := raw.scan(rows)
			if !yield(raw, err) || err != nil {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(rawRecord{}, err)
		}
	}
}

// errStopped ends an eachIn whose reader stopped asking.
var errStopped = errors.New("stopped")

// rawIn yields the records query selects for ids (eachIn: its %s takes
// the placeholders of a chunk of ids).
func (s *Store) rawIn(ctx context.Context, query string, ids []string) iter.Seq2[rawRecord, error] {
	return func(yield func(rawRecord, error) bool) {
		err := s.eachIn(ctx, query, nil, ids, func(rows *sql.Rows) error {
			var raw rawRecord
			if err := raw.scan(rows); err != nil {
				return err
			}
			if !yield(raw, nil) {
				return errStopped
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStopped) {
			yield(rawRecord{}, err)
		}
	}
}

// decodeParallel decodes the documents of raws on every core while they
// are read (inOrder): reading every offering at start, or back after an
// import, is mostly JSON decoding, which one core does at about 25,000
// documents a second. fn still sees the records one at a time, in the
// order raws yields them.
func decodeParallel(ctx context.Context, raws iter.Seq2[rawRecord, error], fn func(record) error) error {
	decode := func(raw rawRecord) (record, error) { return raw.decode() }
	for r, err := range inOrder(ctx, raws, decodeBatch, runtime.GOMAXPROCS(0), decode) {
		if err == nil {
			err = fn(r)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// merge orders a group's records richest first (the longest document), so
// that the record with the most fields is the base of the merge.
func merge(recs []record) catalog.Offering {
	sort.SliceStable(recs, func(i, j int) bool {
		if recs[i].size != recs[j].size {
			return recs[i].size > recs[j].size
		}
		return recs[i].offering.Provenance.Source < recs[j].offering.Provenance.Source
	})
	offs := make([]catalog.Offering, len(recs))
	for i, r := range recs {
		offs[i] = r.offering
	}
	return catalog.Merge(offs)
}
