package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/sqlite"
)

// BenchmarkNewWords measures searches no one asked before (two words and
// a municipality, none repeated), ranked by relevance, on a data dir that
// serve has built, e.g. the national load benchmark's
// (KURSKATALOG_LOAD_DIR):
//
//	KURSKATALOG_BENCH_DATA_DIR=/tmp/load/var go test ./index -run '^$' -bench NewWords -benchtime 2000x
//
// Nothing else may have the data dir open.
func BenchmarkNewWords(b *testing.B) {
	dir := os.Getenv("KURSKATALOG_BENCH_DATA_DIR")
	if dir == "" {
		b.Skip("set KURSKATALOG_BENCH_DATA_DIR to a data dir serve has built")
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "kurskatalog.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ix, _, err := Open(filepath.Join(dir, "index.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if err := ix.LoadFacets(ctx, db.EachOffering); err != nil {
		b.Fatal(err)
	}
	words := strings.Fields("svenska matematik engelska undersköterska programmering ekonomi distans sjuksköterska " +
		"lärare svets elektriker truck barnskötare redovisning psykologi juridik projektledning samhällskunskap " +
		"biologi kemi fysik historia spanska tyska franska marknadsföring logistik bygg snickare kock restaurang " +
		"turism skog lantbruk it-support webbutveckling data företagande ledarskap pedagogik specialpedagogik " +
		"nursing accounting welding teacher programming sfi fordon vvs")
	places := strings.Fields("2380 0180 1480 1280 2313 2361 0380 2581 2480 1880 2305 2309 2321 2326 2260 0580 1281 2180 0680 1380")
	y, m, d := time.Now().In(catalog.Stockholm).Date() // as serve does
	today := time.Date(y, m, d, 0, 0, 0, 0, catalog.Stockholm)
	n, i := len(words), 0
	for b.Loop() {
		q := catalog.SearchQuery{Text: words[i%n] + " " + words[(i/n)%n], Today: today, Page: 1, PerPage: 20,
			Filters: map[string][]string{catalog.FacetMunicipality: {places[(i/(n*n))%len(places)]}}}
		i++
		if _, err := ix.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}
