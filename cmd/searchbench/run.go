package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
	"kurskatalog/index"
)

// Config says what to measure.
type Config struct {
	Sizes  []int         // numbers of generated events
	Seed   int64         // generator seed
	Dir    string        // where the index and SQLite files go
	Rounds int           // measured passes over the mix per contender
	Budget time.Duration // stop measuring a contender's passes after this
	QPS    time.Duration // duration of each throughput run
	Log    io.Writer     // progress
}

// Build is what it cost a contender to build, store and open its index.
type Build struct {
	Build, Open, Reimport time.Duration
	Disk, Heap            int64 // bytes on disk; bytes of Go heap it holds
	Note                  string
}

// Latency is a contender's answer times over the mix.
type Latency struct {
	All        []time.Duration
	ByCategory map[string][]time.Duration
	Allocs     float64 // allocations per query
	Bytes      float64 // bytes allocated per query
	QPS        [2]float64
}

// Size is the report of one data size.
type Size struct {
	Events, Offerings int
	Generate          time.Duration
	Builds            map[string]*Build
	Latencies         map[string]*Latency
	Mismatches        []string // index vs SQLite answers without words that differ
	SQLiteDiffers     int      // queries where SQLite's totals differ from the index's
	Concurrent        [2][2]time.Duration
	WritesPerSecond   float64
	FirstTextAfter    time.Duration
	PeakRSS           int64
}

// The contenders, in report order.
const (
	nameIndex  = "index"
	nameCached = "index, words cached"
	nameSQLite = "sqlite"
)

var contenderOrder = []string{nameIndex, nameCached, nameSQLite}

// Run measures every size of cfg.
func Run(ctx context.Context, cfg Config) ([]*Size, error) {
	var out []*Size
	for _, n := range cfg.Sizes {
		s, err := runSize(ctx, cfg, n)
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (cfg *Config) logf(format string, args ...any) {
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, format+"\n", args...)
	}
}

func runSize(ctx context.Context, cfg Config, n int) (*Size, error) {
	rep := &Size{Events: n, Builds: map[string]*Build{}, Latencies: map[string]*Latency{}}
	cfg.logf("%d events: generating and importing", n)
	t0 := time.Now()
	offs, err := emil3test.ImportNational(ctx, cfg.Seed, n)
	if err != nil {
		return nil, err
	}
	rep.Generate, rep.Offerings = time.Since(t0), len(offs)
	mix := Mix()
	first := mix[0].Q // a query that every contender answers first after opening

	cfg.logf("%d offerings: building the index", len(offs))
	idir := filepath.Join(cfg.Dir, "index-"+strconv.Itoa(n))
	os.RemoveAll(idir)
	si, build, err := buildIndex(ctx, idir, offs, first)
	if err != nil {
		return nil, err
	}
	defer func() { si.ix.Close() }()
	rep.Builds[nameIndex] = build
	ic := &indexContender{name: nameIndex, s: si}
	wc := &indexContender{name: nameCached, s: si, cached: true}

	cfg.logf("building SQLite")
	spath := filepath.Join(cfg.Dir, "sqlite-"+strconv.Itoa(n)+".db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(spath + suffix)
	}
	sc, build, err := buildSQLite(ctx, spath, offs, first)
	if err != nil {
		return nil, err
	}
	defer sc.Close()
	rep.Builds[nameSQLite] = build

	// Same data, same question: without words the two must agree.
	rep.Mismatches = compare(ctx, ic, sc, mix)
	rep.SQLiteDiffers = len(compareTotals(ctx, ic, sc, mix))
	cfg.logf("index vs SQLite: %d mismatches without words; totals differ on %d queries", len(rep.Mismatches), rep.SQLiteDiffers)

	cfg.logf("measuring")
	if rep.Latencies, err = measure(ctx, cfg, []Contender{ic, wc, sc}, mix); err != nil {
		return nil, err
	}

	// Re-import 1%: every 100th offering changes title, start, place and pace.
	changed := changeOnePercent(offs)
	cfg.logf("re-importing %d offerings", len(changed))
	t0 = time.Now()
	if err := si.ix.Put(ctx, changed); err != nil {
		return nil, err
	}
	rep.Builds[nameIndex].Reimport = time.Since(t0)
	t0 = time.Now()
	if err := sc.Put(ctx, changed); err != nil {
		return nil, err
	}
	rep.Builds[nameSQLite].Reimport = time.Since(t0)
	t0 = time.Now()
	if _, err := ic.Search(ctx, mix[13].Q); err != nil {
		return nil, err
	}
	rep.FirstTextAfter = time.Since(t0)
	rep.Mismatches = append(rep.Mismatches, prefix("after re-import: ", compare(ctx, ic, sc, mix))...)

	cfg.logf("concurrent reads and writes")
	var noText []Query // what the writer's engine part affects
	for _, q := range mix {
		if q.Q.Text == "" {
			q.Q.IncludePast = false // the service's default
			noText = append(noText, q)
		}
	}
	if rep.Concurrent, rep.WritesPerSecond, err = concurrency(ctx, cfg, si.ix, noText, offs, changed); err != nil {
		return nil, err
	}
	rep.PeakRSS = peakRSS()
	return rep, nil
}

func prefix(p string, list []string) []string {
	for i := range list {
		list[i] = p + list[i]
	}
	return list
}

// buildIndex puts offs into a new index at dir, as an import into an empty
// catalogue does, then reopens it as a start of the service does (Bleve
// from disk, the facet engine from the offerings), timing the first query.
func buildIndex(ctx context.Context, dir string, offs []catalog.Offering, first catalog.SearchQuery) (*searchIndex, *Build, error) {
	before := heap()
	t0 := time.Now()
	ix, _, err := index.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	si := &searchIndex{dir: dir, offs: offs, ix: ix}
	if err := ix.Put(ctx, offs); err != nil {
		ix.Close()
		return nil, nil, err
	}
	build := &Build{Build: time.Since(t0)}
	t0 = time.Now()
	if err := si.reopen(ctx); err != nil {
		return nil, nil, err
	}
	if _, err := si.ix.Search(ctx, first); err != nil {
		return nil, nil, err
	}
	build.Open = time.Since(t0)
	build.Heap = heap() - before
	build.Disk = dirSize(dir)
	build.Note = "open loads the facet engine from the offerings and maps Bleve's segments"
	return si, build, nil
}

func buildSQLite(ctx context.Context, path string, offs []catalog.Offering, first catalog.SearchQuery) (*sqliteContender, *Build, error) {
	t0 := time.Now()
	sc, err := openSQLite(path, true)
	if err != nil {
		return nil, nil, err
	}
	for i := 0; i < len(offs); i += 10000 {
		if err := sc.Put(ctx, offs[i:min(i+10000, len(offs))]); err != nil {
			return nil, nil, err
		}
	}
	if _, err := sc.db.ExecContext(ctx, `INSERT INTO fts(fts) VALUES ('optimize'); ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return nil, nil, err
	}
	build := &Build{Build: time.Since(t0)}
	sc.Close()
	t0 = time.Now()
	if sc, err = openSQLite(path, false); err != nil {
		return nil, nil, err
	}
	if _, err := sc.Search(ctx, first); err != nil {
		return nil, nil, err
	}
	build.Open = time.Since(t0)
	build.Disk = fileSize(path) + fileSize(path+"-wal")
	build.Note = "open reads the ID to rowid map for re-imports"
	return sc, build, nil
}

// heap is the live Go heap after a collection.
func heap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}

func fileSize(path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return info.Size()
}

// peakRSS is the process's peak resident memory (Linux), 0 elsewhere.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// measure runs each contender's mix once to warm up, then timed passes
// in turn, one contender after the other, until cfg.Rounds or until a
// contender has spent cfg.Budget (slow ones stop early; everyone gets one
// pass): taking turns spreads the noise of a shared machine evenly. Then
// one pass counting allocations, and throughput on one and two cores for
// the contenders whose answers do not depend on what they answered before
// (the index without the words cached would be the cached one after one
// pass of a throughput run).
func measure(ctx context.Context, cfg Config, cs []Contender, mix []Query) (map[string]*Latency, error) {
	out := map[string]*Latency{}
	spent := make([]time.Duration, len(cs))
	for _, c := range cs {
		out[c.Name()] = &Latency{ByCategory: map[string][]time.Duration{}}
		for _, q := range mix {
			if _, err := c.Search(ctx, q.Q); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", c.Name(), q.Name, err)
			}
		}
	}
	for round := 0; round < cfg.Rounds; round++ {
		ran := false
		for i, c := range cs {
			if round > 0 && spent[i] > cfg.Budget {
				continue
			}
			ran = true
			if err := beforePass(ctx, c); err != nil {
				return nil, err
			}
			lat := out[c.Name()]
			runtime.GC()
			for _, q := range mix {
				t0 := time.Now()
				if _, err := c.Search(ctx, q.Q); err != nil {
					return nil, err
				}
				d := time.Since(t0)
				spent[i] += d
				lat.All = append(lat.All, d)
				lat.ByCategory[q.Category] = append(lat.ByCategory[q.Category], d)
			}
		}
		if !ran {
			break
		}
		cfg.logf("  pass %d done", round+1)
	}
	for _, c := range cs {
		lat := out[c.Name()]
		if err := beforePass(ctx, c); err != nil {
			return nil, err
		}
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		for _, q := range mix {
			c.Search(ctx, q.Q)
		}
		runtime.ReadMemStats(&m1)
		lat.Allocs = float64(m1.Mallocs-m0.Mallocs) / float64(len(mix))
		lat.Bytes = float64(m1.TotalAlloc-m0.TotalAlloc) / float64(len(mix))
		if ic, ok := c.(*indexContender); ok && !ic.cached {
			continue
		}
		for j, procs := range []int{1, 2} {
			lat.QPS[j] = throughput(ctx, c, mix, procs, cfg.QPS)
		}
		cfg.logf("  %s: throughput measured", c.Name())
	}
	return out, nil
}

// beforePass prepares c for a timed pass over the mix, where it needs to.
func beforePass(ctx context.Context, c Contender) error {
	if ic, ok := c.(*indexContender); ok {
		return ic.beforePass(ctx)
	}
	return nil
}

// throughput runs procs workers over the mix for d on procs cores and
// returns the queries answered per second.
func throughput(ctx context.Context, c Contender, mix []Query, procs int, d time.Duration) float64 {
	old := runtime.GOMAXPROCS(procs)
	defer runtime.GOMAXPROCS(old)
	var done atomic.Int64
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	t0 := time.Now()
	for w := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w * len(mix) / procs; time.Now().Before(stop); i++ {
				c.Search(ctx, mix[i%len(mix)].Q)
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	return float64(done.Load()) / time.Since(t0).Seconds()
}

// changeOnePercent returns every 100th offering with a new title, start,
// municipality and pace: what a nightly import changes.
func changeOnePercent(offs []catalog.Offering) []catalog.Offering {
	var out []catalog.Offering
	for i := 0; i < len(offs); i += 100 {
		o := offs[i]
		o.Title += " (ändrad)"
		if !o.Start.IsZero() {
			o.Start = o.Start.AddDate(0, 0, 7)
		}
		o.Municipalities = []string{offs[(i+50)%len(offs)].Municipalities[0]}
		o.Pace = 100 - o.Pace/2
		out = append(out, o)
	}
	return out
}

// concurrency measures two readers on two cores without and with a writer
// that keeps re-importing the changed 1% into the index (Bleve and the
// facet engine, as an import does): p50 and p99 of the readers.
func concurrency(ctx context.Context, cfg Config, ix *index.Index, mix []Query, offs, changed []catalog.Offering) ([2][2]time.Duration, float64, error) {
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	var out [2][2]time.Duration
	var writes float64
	for i, writer := range []bool{false, true} {
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var lats [2][]time.Duration
		for r := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := r; ; j++ {
					select {
					case <-stop:
						return
					default:
					}
					t0 := time.Now()
					ix.Search(ctx, mix[j%len(mix)].Q)
					lats[r] = append(lats[r], time.Since(t0))
				}
			}()
		}
		var n int
		var err error
		t0 := time.Now()
		if writer {
			orig := make([]catalog.Offering, 0, len(changed))
			for i := 0; i < len(offs); i += 100 {
				orig = append(orig, offs[i])
			}
			for time.Since(t0) < cfg.QPS && err == nil {
				if err = ix.Put(ctx, orig); err == nil {
					err = ix.Put(ctx, changed)
				}
				n += 2
			}
			writes = float64(n) / time.Since(t0).Seconds()
		} else {
			time.Sleep(cfg.QPS)
		}
		close(stop)
		wg.Wait()
		if err != nil {
			return out, 0, err
		}
		all := append(lats[0], lats[1]...)
		out[i] = [2]time.Duration{percentile(all, 50), percentile(all, 99)}
	}
	return out, writes, nil
}

// percentile returns the p-th percentile (nearest rank).
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(float64(len(s))*p/100+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

func ms(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.0f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= 10*time.Millisecond:
		return fmt.Sprintf("%.0f ms", float64(d)/1e6)
	case d >= time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.0f µs", float64(d)/1e3)
}
