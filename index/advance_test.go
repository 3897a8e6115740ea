package index

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"

	"kurskatalog/data/catalog"
)

// Where a word stands in a title is read the same whether a search reaches
// the doc by reading the word's postings on, as a search of all matches
// does, or by advancing to it, as a page's highlighting and a search
// within a filter's docs do. A word in thousands of titles has its
// postings in chunks, and the segment format (index/zapx) jumps over the
// chunks before the doc asked for; this holds it to what reading on finds,
// in a segment with deleted docs and in one without.
func TestAdvanceReadsWhereWordsStand(t *testing.T) {
	ctx := context.Background()
	var offerings []catalog.Offering
	for i := range 4000 {
		// "svenska" one to three times, after zero to three other words.
		title := strings.Repeat("kurs ", i%4) + strings.Repeat("svenska ", 1+i%3) + fmt.Sprintf("steg %d", i%7)
		offerings = append(offerings, offering(fmt.Sprintf("e.%d", i), title, "", day(2027, 1, 18)))
	}
	path := filepath.Join(t.TempDir(), "index.bleve")
	ix, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(ctx, offerings); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.compact(ctx, 0); err != nil {
		t.Fatal(err)
	}
	// Opened again, as a service after a restart: the merged segment,
	// without deleted docs, has its postings read as "clean", a path of
	// their own (the process that merged it did not take it).
	ix.Close()
	if ix, _, err = Open(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if n, deleted := largestSegment(t, ix, "svensk"); n <= 2*1024 || deleted {
		t.Fatalf("the largest segment has %d postings of the word, deleted docs %v; the test needs several chunks and none deleted", n, deleted)
	}
	t.Run("no deleted docs", func(t *testing.T) { advanceReadsOn(t, ix, offerings) })

	// Written again with the word elsewhere: the merged segment keeps
	// these docs deleted, and a new one holds them.
	var again []catalog.Offering
	for i := 0; i < len(offerings); i += 13 {
		o := offerings[i]
		o.Title = "Distans " + strings.Repeat("grund ", i%5) + "svenska"
		again = append(again, o)
	}
	if err := ix.Put(ctx, again); err != nil {
		t.Fatal(err)
	}
	if _, deleted := largestSegment(t, ix, "svensk"); !deleted {
		t.Fatal("the largest segment has no deleted docs after the rewrite")
	}
	t.Run("deleted docs", func(t *testing.T) { advanceReadsOn(t, ix, offerings) })
}

// advanceReadsOn checks that the word's places in the titles of some of
// offerings, advanced to, are those read on to.
func advanceReadsOn(t *testing.T, ix *Index, offerings []catalog.Offering) {
	ctx := context.Background()
	word := bleve.NewMatchQuery("svenska")
	word.SetField(fieldTitle)
	all := bleve.NewSearchRequestOptions(word, len(offerings), 0, false)
	all.IncludeLocations = true
	res, err := ix.bleve.SearchInContext(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	read := map[string]string{}
	for _, h := range res.Hits {
		read[h.ID] = places(h.Locations)
	}
	if len(read) != len(offerings) {
		t.Fatalf("reading on found %d docs, want %d", len(read), len(offerings))
	}

	// Docs spread over every chunk, and the last.
	var ids []string
	for i := 5; i < len(offerings); i += 37 {
		ids = append(ids, offerings[i].ID)
	}
	ids = append(ids, offerings[len(offerings)-1].ID)
	some := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), word), len(ids), 0, false)
	some.IncludeLocations = true
	if res, err = ix.bleve.SearchInContext(ctx, some); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(ids) {
		t.Errorf("advancing found %d of the %d docs", len(res.Hits), len(ids))
	}
	for _, h := range res.Hits {
		if got := places(h.Locations); got != read[h.ID] {
			t.Errorf("%s: advancing read %s, reading on %s", h.ID, got, read[h.ID])
		}
	}
}

// places writes where terms stand in fields, in order.
func places(l search.FieldTermLocationMap) string {
	var b strings.Builder
	for _, field := range slices.Sorted(maps.Keys(l)) {
		for _, term := range slices.Sorted(maps.Keys(l[field])) {
			fmt.Fprintf(&b, "%s:%s", field, term)
			for _, at := range l[field][term] {
				fmt.Fprintf(&b, " %d@%d-%d", at.Pos, at.Start, at.End)
			}
			b.WriteString("; ")
		}
	}
	return b.String()
}

// largestSegment reports how many docs of the segment of ix with the
// most of them have term in the title, and whether that segment has
// deleted docs: the postings of one without are read as "clean", by
// another path.
func largestSegment(t *testing.T, ix *Index, term string) (postings uint64, deleted bool) {
	t.Helper()
	adv, err := ix.bleve.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		d, err := s.Segment().Dictionary(fieldTitle)
		if err != nil {
			t.Fatal(err)
		}
		p, err := d.PostingsList([]byte(term), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Count() > postings {
			postings, deleted = p.Count(), s.Deleted() != nil
		}
	}
	return postings, deleted
}
