package index

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
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
// The municipality is Östersund's; KURSKATALOG_BENCH_MUNICIPALITY names
// another (0180 is Stockholm, where most words match hundreds of
// offerings), or "all" asks in every municipality. Nothing else may have
// the data dir open.
func BenchmarkNewWords(b *testing.B) {
	ctx := context.Background()
	ix := benchIndex(b)
	words := benchWords
	place := cmp.Or(os.Getenv("KURSKATALOG_BENCH_MUNICIPALITY"), "2380")
	today := catalog.Day(time.Now()) // as serve does
	n, i := len(words), 0
	var took []time.Duration
	slowest := make(map[time.Duration]string)
	for b.Loop() {
		q := catalog.SearchQuery{Text: words[i%n] + " " + words[(i/n)%n], Today: today, Page: 1, PerPage: 20}
		if place != "all" {
			q.Filters = map[string][]string{catalog.FacetMunicipality: {place}}
		}
		i++
		start := time.Now()
		if _, err := ix.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
		d := time.Since(start)
		took = append(took, d)
		slowest[d] = q.Text
	}
	// The tail is what a loaded service waits on: a slow search holds one
	// of its search slots.
	slices.Sort(took)
	at := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / 1e6 }
	b.ReportMetric(at(0.5), "p50_ms")
	b.ReportMetric(at(0.99), "p99_ms")
	b.ReportMetric(at(1), "max_ms")
	for _, d := range took[max(0, len(took)-5):] {
		b.Logf("%6.1f ms  %s", float64(d)/1e6, slowest[d])
	}
}

// benchWords are the national load's words (cmd/kurskatalog's loadWords),
// from everyday to rare, some English.
var benchWords = strings.Fields("svenska matematik engelska undersköterska programmering ekonomi distans sjuksköterska " +
	"lärare svets elektriker truck barnskötare redovisning psykologi juridik projektledning samhällskunskap " +
	"biologi kemi fysik historia spanska tyska franska marknadsföring logistik bygg snickare kock restaurang " +
	"turism skog lantbruk it-support webbutveckling data företagande ledarskap pedagogik specialpedagogik " +
	"nursing accounting welding teacher programming sfi fordon vvs")

// BenchmarkWordsElsewhere measures the searches of a learner who keeps
// the words and changes the filter: 200 pairs of words, each asked in 20
// municipalities in turn, after every word alone in all of them (so that
// the words' scores are kept, as in a service that has run a while). Each
// search is a new result; the words are the same. On a data dir serve has
// built:
//
//	KURSKATALOG_BENCH_DATA_DIR=/tmp/load/var go test ./index -run '^$' -bench WordsElsewhere -benchtime 1x
func BenchmarkWordsElsewhere(b *testing.B) {
	ctx := context.Background()
	ix := benchIndex(b)
	places := []string{"2380", "0180", "1480", "1280", "2313", "2361", "0380", "2581", "2480", "1880",
		"2305", "2309", "2321", "2326", "2260", "0580", "1281", "2180", "0680", "1380"}
	today := catalog.Day(time.Now()) // as serve does
	ask := func(texts []string) time.Duration {
		start := time.Now()
		for _, text := range texts {
			for _, place := range places {
				q := catalog.SearchQuery{Text: text, Today: today, Page: 1, PerPage: 20,
					Filters: map[string][]string{catalog.FacetMunicipality: {place}}}
				if _, err := ix.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		}
		return time.Since(start) / time.Duration(len(texts)*len(places))
	}
	var pairs []string
	for i := range 200 {
		pairs = append(pairs, benchWords[(i*7)%len(benchWords)]+" "+benchWords[(i*11+3)%len(benchWords)])
	}
	for b.Loop() {
		ask(benchWords)
		b.ReportMetric(float64(ask(pairs))/1e6, "ms/search")
	}
}

// benchIndex opens the index of the data dir serve has built
// (benchDataDir), its facets loaded as serve loads them; closed when b
// ends.
func benchIndex(b *testing.B) *Index {
	dir, db := benchDataDir(b)
	ix, _, err := Open(filepath.Join(dir, "index.bleve"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	if err := ix.LoadFacets(context.Background(), db.EachOffering); err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkStart measures what serve does on a data dir before it says it
// is ready: fill the facet engine from the store (load_store_s), or from
// what the last process saved (load_saved_s; save_s to write it), and
// prime the search and the suggestions; live_MB is the heap that is left.
// It leaves the saved engine in the data dir, as a service that stops does.
//
//	KURSKATALOG_BENCH_DATA_DIR=/tmp/load/var go test ./index -run '^$' -bench Start -benchtime 1x
func BenchmarkStart(b *testing.B) {
	ctx := context.Background()
	dir, db := benchDataDir(b)
	open := func() *Index {
		ix, _, err := Open(filepath.Join(dir, "index.bleve"))
		if err != nil {
			b.Fatal(err)
		}
		return ix
	}
	timed := func(metric string, step func() error) {
		start := time.Now()
		if err := step(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), metric)
	}
	for b.Loop() {
		ix := open()
		timed("load_store_s", func() error { return ix.LoadFacets(ctx, db.EachOffering) })
		// As a first start leaves it: the objects a collection visits, and
		// what marking them costs.
		runtime.GC()
		before := markCPU()
		runtime.GC()
		b.ReportMetric(markCPU()-before, "gc_mark_store_cpu_s")
		b.ReportMetric(float64(heapObjects())/1e6, "live_Mobj_store")
		b.ReportMetric(scannable()/(1<<20), "scan_MB_store")
		timed("save_s", func() error { _, err := ix.SaveFacets(); return err })
		ix.Close()
		ix = open()
		timed("load_saved_s", ix.LoadSavedFacets)
		timed("prime_s", func() error { return ix.Prime(ctx, time.Now()) })
		// What a started service keeps: the engine, the suggestions and
		// the primed search, after a collection.
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "live_MB")
		// What marking that heap costs, the floor of each collection a
		// loaded service makes: at national size a collection took 0.2-0.4 s
		// with some 0.5 of the two cores, and the seconds around one were
		// among the slowest of an open loop (docs/benchmarks.md).
		before = markCPU()
		runtime.GC()
		b.ReportMetric(markCPU()-before, "gc_mark_cpu_s")
		b.ReportMetric(float64(heapObjects())/1e6, "live_Mobj")
		b.ReportMetric(scannable()/(1<<20), "scan_MB")
		ix.Close()
	}
}

// benchDataDir returns KURSKATALOG_BENCH_DATA_DIR and its store, open
// until the benchmark ends, or skips the benchmark without it.
func benchDataDir(b *testing.B) (string, *sqlite.DB) {
	dir := os.Getenv("KURSKATALOG_BENCH_DATA_DIR")
	if dir == "" {
		b.Skip("set KURSKATALOG_BENCH_DATA_DIR to a data dir serve has built")
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "kurskatalog.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return dir, db
}

// markCPU is the CPU time the runtime has spent marking, in seconds.
func markCPU() float64 {
	samples := []metrics.Sample{{Name: "/cpu/classes/gc/mark/assist:cpu-seconds"},
		{Name: "/cpu/classes/gc/mark/dedicated:cpu-seconds"}, {Name: "/cpu/classes/gc/mark/idle:cpu-seconds"}}
	metrics.Read(samples)
	var sum float64
	for _, s := range samples {
		sum += s.Value.Float64()
	}
	return sum
}

// scannable is how many bytes of the heap may hold pointers, which a
// collection reads through (the rest it only marks), as the last
// collection began: after a collection right before it, the live heap's.
func scannable() float64 {
	s := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	return float64(s[0].Value.Uint64())
}

// heapObjects is how many objects the heap holds, live and not yet swept:
// right after a collection, the live ones.
func heapObjects() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapObjects
}
