package facet

import (
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"kurskatalog/data/catalog"
)

// txn builds the next snapshot from the current one, copying on write: a
// column the first time an existing doc's entry changes, a value's bitmap
// the first time it changes, a dictionary the first time it grows. Docs
// added at the end only append to slices the old snapshot does not read.
type txn struct {
	old, s  *Snapshot
	keys    *keys
	oldLen  int
	col     []bool          // per dim: column copied
	dict    []bool          // per dim: codes map copied
	bitmap  map[uint64]bool // dim<<32|code: bitmap copied
	changed []uint32        // docs whose place in the orders may change
	buf     []uint32        // scratch
	codes   []uint32        // scratch
	key     [1]string       // scratch
}

func (e *Engine) begin(old *Snapshot, k *keys) *txn {
	s := &Snapshot{facets: old.facets, conds: old.conds, gen: old.gen, ids: old.ids,
		alive: old.alive.Clone(), visible: old.visible.Clone(), orders: old.orders}
	for _, d := range old.dims {
		c := *d
		c.bitmaps = slices.Clone(d.bitmaps)
		s.dims = append(s.dims, &c)
	}
	return &txn{old: old, s: s, keys: k, oldLen: len(old.ids), col: make([]bool, len(s.dims)),
		dict: make([]bool, len(s.dims)), bitmap: map[uint64]bool{}}
}

// rawValues returns o's raw values in dim i: a static facet's values, or
// the key of a dated facet or condition.
func (t *txn) rawValues(i int, o *catalog.Offering) []string {
	s := t.s
	switch {
	case i >= len(s.facets)+len(s.conds):
		t.key[0] = ownValue(i-len(s.facets)-len(s.conds), o)
	case i >= len(s.facets):
		t.key[0] = s.conds[i-len(s.facets)].Key(o)
	case s.facets[i].Dated:
		t.key[0] = s.facets[i].Key(o)
	default:
		return s.facets[i].Values(o, time.Time{})
	}
	return t.key[:]
}

func (t *txn) put(o *catalog.Offering) {
	s := t.s
	doc, known := s.gen.docs.Get(o.ID, s.ids) // only the writer changes docs: no lock to read
	if !known {
		doc = uint32(len(s.ids))
		s.ids = append(s.ids, o.ID)
		s.gen.mu.Lock()
		s.gen.ids = s.ids
		s.gen.docs.Add(o.ID, doc)
		s.gen.mu.Unlock()
		for _, d := range s.dims {
			d.col = append(d.col, 0)
		}
		t.keys.start = append(t.keys.start, 0)
		t.keys.deadline = append(t.keys.deadline, 0)
		t.keys.title = append(t.keys.title, "")
		t.keys.seen = append(t.keys.seen, 0)
	}
	wasAlive := known && s.alive.Contains(doc)
	for i := range s.dims {
		t.setValues(i, doc, wasAlive, o, t.rawValues(i, o))
	}
	s.alive.Add(doc)
	if o.Cancelled {
		s.visible.Remove(doc)
	} else {
		s.visible.Add(doc)
	}
	start, deadline, title, seen := dateKey(o, false), dateKey(o, true), titleKey(o.Title), seenKey(o)
	k := t.keys
	if !wasAlive || k.start[doc] != start || k.deadline[doc] != deadline || k.title[doc] != title || k.seen[doc] != seen {
		k.start[doc], k.deadline[doc], k.title[doc], k.seen[doc] = start, deadline, title, seen
		t.changed = append(t.changed, doc)
	}
}

func (t *txn) delete(id string) {
	s := t.s
	doc, ok := s.gen.docs.Get(id, s.ids)
	if !ok || !s.alive.Contains(doc) {
		return
	}
	for i := range s.dims {
		if s.dims[i].columnOnly {
			continue
		}
		t.buf = s.dims[i].codesOf(doc, t.buf[:0])
		for _, c := range t.buf {
			t.bitmapFor(i, c).Remove(doc)
		}
	}
	s.alive.Remove(doc)
	s.visible.Remove(doc)
	t.changed = append(t.changed, doc)
}

// setValues gives doc the values in dim i, updating only the bitmaps of
// values it gains or loses.
func (t *txn) setValues(i int, doc uint32, wasAlive bool, o *catalog.Offering, values []string) {
	d := t.s.dims[i]
	codes := t.codes[:0]
	defer func() { t.codes = codes[:0] }()
	for _, v := range values {
		if v == "" && !d.keyed {
			continue
		}
		c, ok := d.codes[v]
		if !ok {
			if !t.dict[i] {
				d.codes = maps.Clone(d.codes)
				t.dict[i] = true
			}
			c = uint32(len(d.values))
			d.codes[v] = c
			d.values = append(d.values, v)
			if !d.columnOnly {
				d.bitmaps = append(d.bitmaps, roaring.New())
				t.bitmap[uint64(i)<<32|uint64(c)] = true // new: nobody else has it
			}
			if d.keyed {
				rep := lean(o)
				d.reps = append(d.reps, &rep)
			}
		}
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	t.buf = t.buf[:0]
	if wasAlive {
		t.buf = d.codesOf(doc, t.buf)
	}
	if wasAlive && sameSet(t.buf, codes) {
		return
	}
	if !d.columnOnly {
		for _, c := range t.buf {
			if !slices.Contains(codes, c) {
				t.bitmapFor(i, c).Remove(doc)
			}
		}
		for _, c := range codes {
			if !slices.Contains(t.buf, c) {
				t.bitmapFor(i, c).Add(doc)
			}
		}
	}
	var v uint32
	switch len(codes) {
	case 0:
	case 1:
		v = codes[0] + 1
	default:
		slices.Sort(codes)
		d.overflow = append(d.overflow, slices.Clone(codes))
		v = multi | uint32(len(d.overflow)-1)
	}
	if int(doc) < t.oldLen && !t.col[i] {
		d.col = slices.Clone(d.col)
		t.col[i] = true
	}
	d.col[doc] = v
}

// lean is o as a keyed dim's representative: the fields that the keys of
// the keyed dims read (timingKey, datedKeys, the Conditions' keys), which
// are all that the tests of a representative may read, and nothing else.
// At national size some 8,000 representatives kept the rest as well, about
// 27 objects each (strings and lists): 230,000 of the 560,000 objects that
// every garbage collection visited after a start. A key that reads another
// field needs it here too (TestLeanKeepsWhatKeysRead).
func lean(o *catalog.Offering) catalog.Offering {
	return catalog.Offering{RollingStart: o.RollingStart, Start: o.Start, End: o.End,
		ApplicationFirst: o.ApplicationFirst, ApplicationLast: o.ApplicationLast,
		Mode: o.Mode, MandatorySessions: o.MandatorySessions}
}

func sameSet(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// bitmapFor returns the bitmap of code in dim i, copied if this txn has not
// copied it yet.
func (t *txn) bitmapFor(i int, code uint32) *roaring.Bitmap {
	d := t.s.dims[i]
	key := uint64(i)<<32 | uint64(code)
	if !t.bitmap[key] {
		d.bitmaps[code] = d.bitmaps[code].Clone()
		t.bitmap[key] = true
	}
	return d.bitmaps[code]
}

// commit finishes the snapshot: orders, compact bitmaps.
func (t *txn) commit() *Snapshot {
	s := t.s
	if len(t.changed) > 0 {
		// The orders side by side: after a whole load each sorts every
		// doc, a second of a core at national size, and only reads.
		var wg sync.WaitGroup
		for i := range s.orders {
			wg.Go(func() { s.orders[i] = reorder(t.old.orders[i], i, t.keys, s.ids, s.alive, t.changed, len(s.ids)) })
		}
		wg.Wait()
	}
	changed := make([]bool, len(s.dims))
	for key := range t.bitmap {
		s.dims[key>>32].bitmaps[uint32(key)].RunOptimize()
		changed[key>>32] = true
	}
	for i, d := range s.dims {
		if changed[i] {
			d.shape = shapeOf(d.bitmaps)
		}
	}
	s.alive.RunOptimize()
	s.visible.RunOptimize()
	return s
}
