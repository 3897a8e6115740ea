package index

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"kurskatalog/index/internal/pack"
)

// The facet engine and the suggestions live in memory and are made from
// every offering of the store, which at national size is most of a
// start's time: decoding 270,000 stored documents takes about 10 s. A
// service that stops saves them beside the Bleve index, and the next start
// loads them in a fraction of that when they are still what the store and
// the index hold.

// savedFacetsFile is the saved engine's file in the index's directory,
// which Open removes with the index when it rebuilds it. Bleve keeps its own
// files in a subdirectory and leaves this one alone.
const savedFacetsFile = "facets.saved"

// savedFormat changes when the file's layout does.
const savedFormat = 4

// ErrNotSaved means that no saved engine fits the index: none was saved,
// or it holds other changes of the store than the index, or another
// program wrote it. The engine must be loaded from the store.
var ErrNotSaved = errors.New("index: no saved facets for this index")

// savedHeader says what a saved engine holds: the store's changes up to
// Seq (the index's Applied when it was saved), made by Program.
type savedHeader struct {
	Format  int
	Program string
	Store   string
	Seq     uint64
}

// savedEntries are the suggestions' entries as saved: by column, as gob
// decodes slices of strings much faster than a slice of structs, whose
// time.Time fields it decodes one call at a time. Until holds each
// entry's MarshalBinary form after its length.
type savedEntries struct {
	ID, Title, Provider, Course []string
	Municipalities, Occupations [][]string
	Until                       []byte
}

// entriesPerValue is how many entries one gob value holds: some 8 MB,
// under the size past which gob reads a value in pieces and copies them
// together. A variable for tests.
var entriesPerValue = 40000

// writeEntries writes the counts of parts and entries, then each part.
func writeEntries(w io.Writer, parts []*savedEntries) error {
	enc := gob.NewEncoder(w)
	entries := 0
	for _, p := range parts {
		entries += len(p.ID)
	}
	if err := enc.Encode([2]int{len(parts), entries}); err != nil {
		return err
	}
	for _, p := range parts {
		if err := enc.Encode(p); err != nil {
			return err
		}
	}
	return nil
}

// readEntries reads what writeEntries wrote, by id, and the interner that
// shares their strings.
func readEntries(r io.Reader) (*entryTable, *interner, error) {
	dec := gob.NewDecoder(r)
	var n [2]int // parts, entries
	if err := dec.Decode(&n); err != nil {
		return nil, nil, err
	}
	if n[0] < 0 || n[1] < 0 || n[1] > n[0]*entriesPerValue {
		return nil, nil, errors.New("suggestions: counts out of range")
	}
	out := newEntryTable(n[1]) // grown once, not a rehash at each doubling
	in := newInterner()
	for range n[0] {
		var p savedEntries
		if err := dec.Decode(&p); err != nil {
			return nil, nil, err
		}
		if err := p.entries(out, in); err != nil {
			return nil, nil, err
		}
	}
	return out, in, nil
}

// add appends one entry, its numbers read in in.
func (c *savedEntries) add(id string, e *suggestEntry, in *interner) error {
	c.ID, c.Title, c.Provider = append(c.ID, id), append(c.Title, in.str[e.title]), append(c.Provider, in.str[e.provider])
	c.Course = append(c.Course, in.str[e.in.course])
	c.Municipalities, c.Occupations = append(c.Municipalities, in.list[e.municipalities]), append(c.Occupations, in.list[e.occupations])
	var until time.Time
	if e.in.until != noEnd {
		until = time.Unix(e.in.until, 0).UTC()
	}
	b, err := until.MarshalBinary()
	if err != nil {
		return err
	}
	c.Until = append(append(c.Until, byte(len(b))), b...)
	return nil
}

// entries adds the saved entries to out by id, or returns an error when
// the columns do not fit together or an id comes twice. Their strings and
// lists are numbered by in.
func (c *savedEntries) entries(out *entryTable, in *interner) error {
	n := len(c.ID)
	if len(c.Title) != n || len(c.Provider) != n || len(c.Course) != n ||
		len(c.Municipalities) != n || len(c.Occupations) != n {
		return errors.New("suggestions: columns of different lengths")
	}
	had := out.len()
	times := c.Until
	// The ids, in one allocation rather than one each. A later change
	// that drops an entry keeps the others' backing, at most the bytes of
	// the ids loaded.
	c.ID = pack.Strings(c.ID)
	for i, id := range c.ID {
		if len(times) == 0 || len(times) < 1+int(times[0]) {
			return errors.New("suggestions: times cut short")
		}
		var until time.Time
		if err := until.UnmarshalBinary(times[1 : 1+times[0]]); err != nil {
			return fmt.Errorf("suggestions: %w", err)
		}
		ref := intakeRef{course: in.of(c.Course[i]), until: unixOrNoEnd(until)}
		times = times[1+times[0]:]
		out.set(id, suggestEntry{title: in.of(c.Title[i]), provider: in.of(c.Provider[i]),
			municipalities: in.listOf(c.Municipalities[i]), occupations: in.listOf(c.Occupations[i]), in: ref})
	}
	if len(times) != 0 || out.len() != had+n {
		return errors.New("suggestions: times left over or an id twice")
	}
	return nil
}

// program identifies the running program by its executable's digest. A
// saved engine is only loaded by the program that saved it: another
// version may put offerings into facets, keys or suggestions otherwise, and
// there is no version number that every such change would be sure to raise.
// A variable, so that tests can be another program.
var program = sync.OnceValues(func() (string, error) {
	path, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
})

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// SaveFacets writes the facet engine and the suggestions beside the Bleve
// index, for LoadSavedFacets at the next start. Call it when nothing writes
// to the index any more: the file says it holds the changes the index has
// applied. It writes nothing, and says so, when the engine does not hold
// the whole store (an import that never loaded it fills it in part) or has
// not changed since it was loaded or saved.
func (ix *Index) SaveFacets() (bool, error) {
	snap := ix.facets.Snapshot()
	if !ix.whole.Load() || snap.Version() == ix.savedVersion.Load() {
		return false, nil
	}
	prog, err := program()
	if err != nil {
		return false, fmt.Errorf("index: save facets: %w", err)
	}
	store, seq, err := ix.Applied()
	if err != nil {
		return false, err
	}
	path := filepath.Join(ix.path, savedFacetsFile)
	tmp, err := os.CreateTemp(ix.path, savedFacetsFile+".*")
	if err != nil {
		return false, fmt.Errorf("index: save facets: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
	sum := crc32.New(crcTable)
	w := bufio.NewWriterSize(io.MultiWriter(tmp, sum), 1<<20)
	err = gob.NewEncoder(w).Encode(savedHeader{Format: savedFormat, Program: prog, Store: store, Seq: seq})
	if err == nil {
		var entries []*savedEntries
		if entries, err = ix.suggest.saved(); err == nil {
			err = writeEntries(w, entries)
		}
	}
	if err == nil {
		err = ix.facets.Save(w)
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		_, err = tmp.Write(binary.BigEndian.AppendUint32(nil, sum.Sum32()))
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return false, fmt.Errorf("index: save facets: %w", err)
	}
	ix.savedVersion.Store(snap.Version())
	return true, nil
}

// LoadSavedFacets fills the facet engine and the suggestions from what
// SaveFacets wrote, when it holds what the index holds and this program
// wrote it; otherwise it returns an error, ErrNotSaved when there is simply
// nothing that fits, and changes nothing: LoadFacets must read the store.
func (ix *Index) LoadSavedFacets() error {
	data, err := os.ReadFile(filepath.Join(ix.path, savedFacetsFile))
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%w: none saved", ErrNotSaved)
	}
	if err != nil {
		return fmt.Errorf("index: load saved facets: %w", err)
	}
	if len(data) < 4 || crc32.Checksum(data[:len(data)-4], crcTable) != binary.BigEndian.Uint32(data[len(data)-4:]) {
		return errors.New("index: load saved facets: damaged (checksum)")
	}
	r := bytes.NewReader(data[:len(data)-4]) // a ByteReader: each gob decoder reads its own part, no further
	var h savedHeader
	if err := gob.NewDecoder(r).Decode(&h); err != nil {
		return fmt.Errorf("index: load saved facets: %w", err)
	}
	prog, err := program()
	if err != nil {
		return fmt.Errorf("index: load saved facets: %w", err)
	}
	store, seq, err := ix.Applied()
	if err != nil {
		return err
	}
	switch {
	case h.Format != savedFormat || h.Program != prog:
		return fmt.Errorf("%w: saved by another version of the program", ErrNotSaved)
	case h.Store != store || h.Seq != seq:
		return fmt.Errorf("%w: saved at change %d, the index holds %d", ErrNotSaved, h.Seq, seq)
	}
	// The entries come first in the file: decoding them changes nothing,
	// and the engine's load changes everything or nothing.
	entries, shared, err := readEntries(r)
	if err != nil {
		return fmt.Errorf("index: load saved facets: %w", err)
	}
	if err := ix.facets.Load(r); err != nil {
		return fmt.Errorf("index: load saved facets: %w", err)
	}
	ix.suggest.load(entries, shared)
	ix.whole.Store(true)
	ix.savedVersion.Store(ix.facets.Snapshot().Version())
	ix.warm()
	return nil
}
