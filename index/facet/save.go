package facet

import (
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
)

// saved is the engine's content as Save writes it: the current snapshot
// compacted (every doc alive, numbered densely) and its sort keys. What
// follows from it (the value bitmaps, the ranks, the ID map) is made again
// by Load, which is much cheaper than making it from the offerings.
type saved struct {
	Dims                  []string // the facets' and conditions' names, in order; Load refuses others
	IDs                   []string
	Visible               []byte // roaring's portable format
	Columns               []savedDim
	Orders                [nSorts][]uint32
	Start, Deadline, Seen []int64
	Title                 []string
}

type savedDim struct {
	Keyed    bool
	Values   []string
	Col      []uint32
	Overflow [][]uint32
	Reps     []byte // a keyed dim's representatives, as a JSON array
}

// dimNames names the dims the engine's facets and conditions make, in
// their order, so that a saved engine is only loaded into one with the
// same dims.
func (e *Engine) dimNames() []string {
	var names []string
	for _, f := range e.facets {
		names = append(names, "facet:"+f.Name)
	}
	for _, c := range e.conds {
		names = append(names, "condition:"+c.Name)
	}
	return append(names, "own:course", "own:timing")
}

// Save writes the engine's current content to w, for Load.
func (e *Engine) Save(w io.Writer) error {
	e.mu.Lock()
	s, k := compact(e.cur.Load(), e.keys) // a new snapshot: writes may go on while it is written
	e.mu.Unlock()
	sv := saved{Dims: e.dimNames(), IDs: s.ids, Start: k.start, Deadline: k.deadline, Seen: k.seen, Title: k.title}
	var err error
	if sv.Visible, err = s.visible.ToBytes(); err != nil {
		return fmt.Errorf("facet: save: %w", err)
	}
	for _, d := range s.dims {
		sd := savedDim{Keyed: d.keyed, Values: d.values, Col: d.col, Overflow: d.overflow}
		if d.keyed {
			reps := make([]catalog.Offering, len(d.reps))
			for i, r := range d.reps {
				reps[i] = *r
			}
			if sd.Reps, err = json.Marshal(reps); err != nil {
				return fmt.Errorf("facet: save: %w", err)
			}
		}
		sv.Columns = append(sv.Columns, sd)
	}
	for i, o := range s.orders {
		sv.Orders[i] = o.docs
	}
	if err := sv.write(w); err != nil {
		return fmt.Errorf("facet: save: %w", err)
	}
	return nil
}

// write encodes sv as a sequence of gob values, a column or a list at a
// time. Gob reads each value into a buffer of its own, and one of more
// than 10 MB in pieces that it copies together: at 270,000 offerings the
// engine in one value was read twice over, at a start, on fresh memory.
func (sv *saved) write(w io.Writer) error {
	enc := gob.NewEncoder(w)
	for _, v := range []any{sv.Dims, sv.IDs, sv.Visible, sv.Start, sv.Deadline, sv.Seen, sv.Title, sv.Orders, len(sv.Columns)} {
		if err := enc.Encode(v); err != nil {
			return err
		}
	}
	for i := range sv.Columns {
		if err := enc.Encode(&sv.Columns[i]); err != nil {
			return err
		}
	}
	return nil
}

// read decodes what write wrote; r must be an io.ByteReader, or the gob
// decoder reads ahead of its values.
func (sv *saved) read(r io.Reader) error {
	dec := gob.NewDecoder(r)
	var columns int
	for _, v := range []any{&sv.Dims, &sv.IDs, &sv.Visible, &sv.Start, &sv.Deadline, &sv.Seen, &sv.Title, &sv.Orders, &columns} {
		if err := dec.Decode(v); err != nil {
			return err
		}
	}
	if columns < 0 || columns > len(sv.Dims) {
		return errShape
	}
	sv.Columns = make([]savedDim, columns)
	for i := range sv.Columns {
		if err := dec.Decode(&sv.Columns[i]); err != nil {
			return err
		}
	}
	return nil
}

// Load replaces the engine's content with what Save wrote to r. On error
// nothing changes: a saved engine that does not fit this one (other facets,
// numbers out of range) is refused rather than trusted.
func (e *Engine) Load(r io.Reader) error {
	var sv saved
	if err := sv.read(r); err != nil {
		return fmt.Errorf("facet: load: %w", err)
	}
	s, k, err := e.restore(&sv)
	if err != nil {
		return fmt.Errorf("facet: load: %w", err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.keys = k
	s.version = versions.Add(1)
	e.cur.Store(s)
	return nil
}

var errShape = errors.New("saved engine does not fit")

// restore makes the snapshot and keys sv describes, checking every number
// it will index with.
func (e *Engine) restore(sv *saved) (*Snapshot, *keys, error) {
	n := len(sv.IDs)
	if !slices.Equal(sv.Dims, e.dimNames()) || len(sv.Columns) != len(sv.Dims) ||
		len(sv.Start) != n || len(sv.Deadline) != n || len(sv.Seen) != n || len(sv.Title) != n {
		return nil, nil, errShape
	}
	s := e.empty()
	docs, once := docsOf(sv.IDs)
	if !once {
		return nil, nil, fmt.Errorf("%w: an ID twice", errShape)
	}
	s.ids, s.gen.docs = sv.IDs, docs
	k := &keys{start: sv.Start, deadline: sv.Deadline, title: sv.Title, seen: sv.Seen}
	packWhole(s, k)
	s.alive.AddRange(0, uint64(n))
	s.alive.RunOptimize()
	if _, err := s.visible.FromBuffer(slices.Clone(sv.Visible)); err != nil {
		return nil, nil, err
	}
	if n > 0 && int(s.visible.Maximum()) >= n {
		return nil, nil, errShape
	}
	for i, sd := range sv.Columns {
		d, err := restoreDim(&sd, n, s.dims[i].columnOnly)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", sv.Dims[i], err)
		}
		if d.keyed != s.dims[i].keyed {
			return nil, nil, fmt.Errorf("%s: %w", sv.Dims[i], errShape)
		}
		s.dims[i] = d
	}
	for i, docs := range sv.Orders {
		o, err := restoreOrder(docs, n)
		if err != nil {
			return nil, nil, err
		}
		s.orders[i] = o
	}
	return s, k, nil
}

// restoreDim makes a dim of n docs, all alive, with its bitmaps unless
// columnOnly.
func restoreDim(sd *savedDim, n int, columnOnly bool) (*dim, error) {
	if len(sd.Col) != n {
		return nil, errShape
	}
	d := &dim{keyed: sd.Keyed, values: sd.Values, col: sd.Col, overflow: sd.Overflow,
		codes: make(map[string]uint32, len(sd.Values)), columnOnly: columnOnly}
	for c, v := range sd.Values {
		d.codes[v] = uint32(c)
	}
	if len(d.codes) != len(d.values) {
		return nil, fmt.Errorf("%w: a value twice", errShape)
	}
	if d.keyed {
		var reps []catalog.Offering
		if err := json.Unmarshal(sd.Reps, &reps); err != nil {
			return nil, err
		}
		if len(reps) != len(d.values) {
			return nil, errShape
		}
		// Leaned again, as what a build before lean kept saved more. The
		// representatives are one array, and their modes (strings, one
		// object each as decoded) the few there are.
		modes := map[catalog.Mode]catalog.Mode{}
		d.reps = make([]*catalog.Offering, len(reps))
		for i := range reps {
			reps[i] = lean(&reps[i])
			m := reps[i].Mode
			if kept, ok := modes[m]; ok {
				reps[i].Mode = kept
			} else {
				modes[m] = m
			}
			d.reps[i] = &reps[i]
		}
	}
	for _, codes := range d.overflow {
		for _, c := range codes {
			if int(c) >= len(d.values) {
				return nil, errShape
			}
		}
	}
	for _, v := range d.col {
		if v&multi != 0 && int(v&^multi) >= len(d.overflow) || v&multi == 0 && int(v) > len(d.values) {
			return nil, errShape
		}
	}
	if columnOnly {
		return d, nil
	}
	// Each value's docs in increasing order, as AddMany likes them.
	docs := make([][]uint32, len(d.values))
	var buf []uint32
	for doc := range d.col {
		buf = d.codesOf(uint32(doc), buf[:0])
		for _, c := range buf {
			docs[c] = append(docs[c], uint32(doc))
		}
	}
	d.bitmaps = make([]*roaring.Bitmap, len(d.values))
	for c := range d.bitmaps {
		d.bitmaps[c] = roaring.BitmapOf(docs[c]...)
		d.bitmaps[c].RunOptimize()
	}
	d.shape = shapeOf(d.bitmaps)
	return d, nil
}

// restoreOrder checks that docs lists each of n docs once and ranks them.
func restoreOrder(docs []uint32, n int) (*order, error) {
	if len(docs) != n {
		return nil, errShape
	}
	const unset = ^uint32(0)
	rank := make([]uint32, n)
	for i := range rank {
		rank[i] = unset
	}
	for r, d := range docs {
		if int(d) >= n || rank[d] != unset {
			return nil, fmt.Errorf("%w: an order", errShape)
		}
		rank[d] = uint32(r)
	}
	return &order{docs: docs, rank: rank}, nil
}
