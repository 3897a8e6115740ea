package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
	"kurskatalog/data/postgres/pgtest"
)

// BenchmarkNationalLoad is the end-to-end scale run of the service, on
// demand (it takes minutes):
//
//	KURSKATALOG_LOAD_EVENTS=100000 go test ./cmd/kurskatalog -run '^$' -bench NationalLoad -benchtime 1x -timeout 30m
//
// It generates that many events nationally (emil3gen, Zipf-distributed
// municipalities and providers), serves them from a real EMIL3 server on
// loopback, imports everything with `kurskatalog crawl` for a region of all
// 290 municipalities, re-imports after 1 % of the events changed, starts
// `kurskatalog serve` as its own process and loads its API with 32
// concurrent clients for 30 s, then reads the server's resident memory.
//
// KURSKATALOG_LOAD_DIR=DIR keeps the imported data dir there and, when it
// holds one already, skips the imports: for measuring the API again after a
// change to the search path. KURSKATALOG_LOAD_INPROC=1 runs serve inside
// the test process, so that -cpuprofile sees it (memory is then not its own).
// KURSKATALOG_LOAD_RATE=N sends N requests a second whatever the answers
// (an open loop, as many users are) instead of 32 clients that each wait
// for their answer: the latency a user meets at that traffic.
// KURSKATALOG_LOAD_PRIME=20s first runs the mix that long from another part
// of its sequence, so that the figures are those of a service that has been
// answering for a while rather than of its first seconds after a start.
// KURSKATALOG_LOAD_SERVE_LOG=path writes serve's log to path instead of
// discarding it, and adds serve's own durations by route, from that log,
// to the figures.
// KURSKATALOG_LOAD_STORE=postgres keeps the catalogue in a PostgreSQL
// server the benchmark starts (pgtest, with PGTEST_DURABLE=1 for a
// production server's settings) instead of SQLite in the data dir:
//
//	PGTEST_DURABLE=1 KURSKATALOG_LOAD_STORE=postgres KURSKATALOG_LOAD_EVENTS=100000 go test ./cmd/kurskatalog -run '^$' -bench NationalLoad -benchtime 1x -timeout 30m
func BenchmarkNationalLoad(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("KURSKATALOG_LOAD_EVENTS"))
	if n == 0 {
		b.Skip("set KURSKATALOG_LOAD_EVENTS (e.g. 100000) to run the national load benchmark")
	}
	for b.Loop() {
		nationalLoad(b, n)
	}
}

func nationalLoad(b *testing.B, n int) {
	dir := os.Getenv("KURSKATALOG_LOAD_DIR")
	if dir == "" {
		dir = b.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	dataDir := filepath.Join(dir, "var")
	config := filepath.Join(dir, "config.yaml")
	store := ""
	if os.Getenv("KURSKATALOG_LOAD_STORE") == "postgres" {
		store = pgtest.URL(b)
		fmt.Printf("\nthe store: PostgreSQL\n")
	}
	if _, err := os.Stat(filepath.Join(dataDir, "kurskatalog.db")); err == nil && store == "" {
		fmt.Printf("\nreusing the data dir %s: no import\n", dataDir)
	} else {
		importNational(b, n, config, dataDir, store)
	}

	var (
		base      string
		open      time.Duration
		pid       int
		startServ = time.Now()
	)
	if os.Getenv("KURSKATALOG_LOAD_INPROC") != "" {
		pr, pw := io.Pipe()
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int)
		go func() {
			done <- run(ctx, []string{"serve", "--config", config, "--data-dir", dataDir, "--addr", "127.0.0.1:0"}, pw, io.Discard)
		}()
		defer func() { cancel(); <-done }()
		line, err := bufio.NewReader(pr).ReadString('\n')
		if err != nil {
			b.Fatalf("serve did not start: %v", err)
		}
		go io.Copy(io.Discard, pr)
		base, pid = servingURL(line), os.Getpid()
	} else {
		// The service as its own process, so that its memory is its own.
		bin := buildServe(b)
		startServ = time.Now()
		base, pid, _ = startServeProcess(b, bin, config, dataDir)
	}
	open = time.Since(startServ)
	if w, _ := time.ParseDuration(os.Getenv("KURSKATALOG_LOAD_WARM")); w > 0 {
		time.Sleep(w)
	}
	if d, _ := time.ParseDuration(os.Getenv("KURSKATALOG_LOAD_PRIME")); d > 0 {
		// A service that has been running: the same mix from another part
		// of the sequence, whose new words+filters are combinations the
		// measured load does not ask (it asks the first 12,500 or so).
		_, errs, _ := loadAPI(base, 32, d, 500000, 9*30000)
		fmt.Printf("primed with %s of the mix (%d errors)\n", d, errs)
	}

	var (
		lat     map[string][]time.Duration
		errs    int
		elapsed time.Duration
		load    = "32 concurrent clients"
	)
	serveBefore, clientCPU := procStat(b, pid), cpuTime(b, os.Getpid())
	gcBefore := serveGC(b, base)
	loadStart := time.Now()
	if rate, _ := strconv.Atoi(os.Getenv("KURSKATALOG_LOAD_RATE")); rate > 0 {
		lat, errs, elapsed = loadAPIRate(base, rate, 30*time.Second)
		load = fmt.Sprintf("%d requests a second offered", rate)
	} else {
		lat, errs, elapsed = loadAPI(base, 32, 30*time.Second, 500000, 0)
	}
	rss, anon := residentKB(b, pid)
	pss := proportionalKB(b, pid)
	serveAfter := procStat(b, pid)
	gcAfter := serveGC(b, base)
	collect(b, dataDir)
	scanned := serveGC(b, base).scan // the scannable heap alone, without the garbage since the last collection
	serveCPU, clientCPU := serveAfter.cpu-serveBefore.cpu, cpuTime(b, os.Getpid())-clientCPU

	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	total := len(all)
	b.ReportMetric(float64(total)/elapsed.Seconds(), "req/s")
	b.ReportMetric(ms(pct(all, 0.99)), "p99_ms")
	b.ReportMetric(float64(rss)/1024, "serve_rss_MiB")
	b.ReportMetric(float64(anon)/1024, "serve_anon_MiB")
	b.ReportMetric(float64(pss)/1024, "serve_pss_MiB")
	fmt.Printf("serve ready in %.1f s\n", open.Seconds())
	fmt.Printf("API, %s, %.0f s: %d requests, %.0f req/s, %d errors; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
		load, elapsed.Seconds(), total, float64(total)/elapsed.Seconds(), errs,
		ms(pct(all, 0.50)), ms(pct(all, 0.95)), ms(pct(all, 0.99)), ms(pct(all, 1)))
	if pid != os.Getpid() {
		fmt.Printf("CPU over the load: serve %.1f s (%.2f cores), the clients %.1f s (%.2f cores)\n",
			serveCPU.Seconds(), serveCPU.Seconds()/elapsed.Seconds(), clientCPU.Seconds(), clientCPU.Seconds()/elapsed.Seconds())
		// Each fault stops the thread that takes it, and on some virtual
		// machines a fault on a fresh page costs 10 µs or more
		// (BenchmarkPageFault): bursts of them stall the service.
		fmt.Printf("serve's page faults over the load: %d minor, %d major\n",
			serveAfter.minor-serveBefore.minor, serveAfter.major-serveBefore.major)
	}
	// The collections over the load, each a few tenths of a second when
	// the cores are busier than in the others (docs/benchmarks.md).
	if n := gcAfter.cycles - gcBefore.cycles; n > 0 {
		fmt.Printf("serve's collections over the load: %.0f, marking %.0f ms of CPU each; %.0f MB allocated, %.1f KB a request\n",
			n, 1000*(gcAfter.markCPU-gcBefore.markCPU)/n, (gcAfter.allocated-gcBefore.allocated)/1e6,
			(gcAfter.allocated-gcBefore.allocated)/1e3/float64(max(total, 1)))
		fmt.Printf("serve's heap after the load and a collection: %.1f MB may hold pointers, which a mark reads\n", scanned/1e6)
	}
	floor := pct(lat["healthz"], 0.99)
	fmt.Printf("\n| request kind | requests | p50 | p99 | p99 / healthz p99 |\n|---|---:|---:|---:|---:|\n")
	for _, k := range loadKinds {
		l := lat[k.name]
		fmt.Printf("| %s | %d | %.1f ms | %.1f ms | %.1f× |\n", k.name, len(l), ms(pct(l, 0.5)), ms(pct(l, 0.99)),
			float64(pct(l, 0.99))/float64(max(floor, time.Microsecond)))
	}
	fmt.Printf("\nserve resident memory after the load: %.0f MiB, of which %.0f MiB its own (the rest the store's mapped file pages, "+
		"once for each connection that maps them); each page counted once (Pss): %.0f MiB\n",
		float64(rss)/1024, float64(anon)/1024, float64(pss)/1024)
	if path := os.Getenv("KURSKATALOG_LOAD_SERVE_LOG"); path != "" && pid != os.Getpid() {
		printServeDurations(b, path, loadStart, loadStart.Add(elapsed))
	}
}

// printServeDurations prints, by route, how long serve itself took over
// the requests that began between from and to, as its log says
// (duration_ms: from its middleware to its answer, a search's wait for a
// slot included). Set beside the clients' figures, it tells a wait inside
// serve from one before serve read the request or in the clients' own
// process, which share the cores.
func printServeDurations(b *testing.B, path string, from, to time.Time) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	took, waited := map[string][]time.Duration{}, map[string][]time.Duration{}
	for line := range strings.Lines(string(data)) {
		if !strings.Contains(line, " msg=Request ") {
			continue
		}
		var (
			end     time.Time
			route   string
			d, wait time.Duration
			search  bool
		)
		for _, f := range strings.Fields(line) {
			k, v, _ := strings.Cut(f, "=")
			switch k {
			case "time":
				end, _ = time.Parse(time.RFC3339Nano, v)
			case "route":
				route = v
			case "search": // kept or new, after the route in the line
				route += " (" + v + ")"
			case "duration_ms":
				n, _ := strconv.Atoi(v)
				d = time.Duration(n) * time.Millisecond
			case "search_wait_ms":
				n, _ := strconv.Atoi(v)
				wait, search = time.Duration(n)*time.Millisecond, true
			}
		}
		if began := end.Add(-d); !began.Before(from) && began.Before(to) {
			took[route] = append(took[route], d)
			if search {
				waited[route] = append(waited[route], wait)
			}
		}
	}
	fmt.Printf("\nserve's own durations (its log, whole milliseconds), and its searches' waits for a slot:\n\n" +
		"| route | requests | p99 | longest | searches | p99 wait | longest wait |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, route := range slices.Sorted(maps.Keys(took)) {
		l, w := took[route], waited[route]
		fmt.Printf("| %s | %d | %.0f ms | %.0f ms | %d | %.0f ms | %.0f ms |\n", route, len(l), ms(pct(l, 0.99)), ms(pct(l, 1)),
			len(w), ms(pct(w, 0.99)), ms(pct(w, 1)))
	}
}

// importNational generates n events, serves them from a real EMIL3 server
// on loopback and imports them twice with `kurskatalog crawl`: in full, and
// after 1 % of the events changed.
func importNational(b *testing.B, n int, config, dataDir, store string) {
	live := serveNational(b, n, config, store)
	start := time.Now()
	crawlOrFail(b, config, dataDir)
	full := time.Since(start)

	time.Sleep(time.Second) // lastEdited has whole seconds
	changed := changeEvents(live, 100)
	start = time.Now()
	crawlOrFail(b, config, dataDir)
	reimport := time.Since(start)
	b.ReportMetric(full.Seconds(), "import_s")
	b.ReportMetric(reimport.Seconds(), "reimport_1pct_s")
	fmt.Printf("\n%d events generated; full import %.1f s; re-import with %d changed (1 %%) %.1f s\n",
		n, full.Seconds(), changed, reimport.Seconds())
}

// serveNational generates n events nationally (emil3gen), serves them from
// a real EMIL3 server on loopback and writes a config that reads them for a
// region of all 290 municipalities, kept in store when it is a PostgreSQL
// URL.
func serveNational(b *testing.B, n int, config, store string) *liveServer {
	ds, _ := emil3test.National(1, n) // the region is every municipality, below
	live := newLiveServer(b, ds)
	var codes []string
	for _, line := range strings.Split(strings.TrimSpace(municipalityCSV(b)), "\n") {
		codes = append(codes, `"`+strings.SplitN(line, ",", 2)[0]+`"`)
	}
	cfg := fmt.Sprintf("region: [%s]\nfull_every: 168h\nsources:\n  - id: susa-navet\n    kind: emil3\n    url: %s/susa-navet/emil3\n    delay: 1ms\n    timeout: 30m\n"+
		// 32 clients on one address, as fast as they can: the limit per
		// client would answer instead of the search.
		"http:\n  rate_limit: {per_second: -1}\n",
		strings.Join(codes, ", "), live.srv.URL)
	if store != "" {
		cfg += "store: " + store + "\n"
	}
	if err := os.WriteFile(config, []byte(cfg), 0o644); err != nil {
		b.Fatal(err)
	}
	return live
}

// changeEvents changes the title and lastEdited of every step-th event, so
// that the next run finds them changed since the last one, and returns how
// many it changed.
func changeEvents(live *liveServer, step int) int {
	live.mu.Lock()
	defer live.mu.Unlock()
	edited := time.Now().In(catalog.Stockholm).Format("2006-01-02T15:04:05")
	changed := 0
	for i := range live.ds.Events {
		e := &live.ds.Events[i]
		if i%step != 0 || e.Content == nil || e.Content.Title == nil {
			continue
		}
		c := *e.Content
		c.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "swe", Value: e.Content.Title.In("swe") + " (ny omgång)"}}}
		c.LastEdited = edited
		e.Content = &c
		changed++
	}
	return changed
}

// buildServe builds the command, to run the service as its own process.
func buildServe(b *testing.B) string {
	bin := filepath.Join(b.TempDir(), "kurskatalog")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startServeProcess starts `serve` from bin and returns its address and
// process id once it serves, and a function that stops it (as SIGINT does)
// and waits for it to end; it is stopped when the benchmark ends.
func startServeProcess(b *testing.B, bin, config, dataDir string) (base string, pid int, stop func()) {
	cmd := exec.Command(bin, "serve", "--config", config, "--data-dir", dataDir, "--addr", "127.0.0.1:0")
	// Serve's own environment, e.g. the runtime's settings of the
	// deployment: KURSKATALOG_LOAD_SERVE_ENV="GOMEMLIMIT=800MiB GOGC=200".
	cmd.Env = append(os.Environ(), strings.Fields(os.Getenv("KURSKATALOG_LOAD_SERVE_ENV"))...)
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if path := os.Getenv("KURSKATALOG_LOAD_SERVE_LOG"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close() // the child has its own descriptor
		cmd.Stderr = f
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	stop = sync.OnceFunc(func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() })
	b.Cleanup(stop)
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatalf("serve did not start: %v", err)
	}
	return servingURL(line), cmd.Process.Pid, stop
}

func servingURL(line string) string {
	return strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(line, "Kurskatalog is serving on ")), "/")
}

// pct is the nearest-rank percentile p of lat (sorted in place).
func pct(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	return lat[min(len(lat)-1, int(p*float64(len(lat))))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func crawlOrFail(b *testing.B, config, dataDir string) {
	b.Helper()
	var out, log strings.Builder
	if code := run(context.Background(), []string{"crawl", "--config", config, "--data-dir", dataDir}, &out, &log); code != 0 {
		b.Fatalf("crawl exited %d:\n%s", code, out.String())
	}
	// Where the runs' time went, step by step.
	for line := range strings.Lines(log.String()) {
		if strings.Contains(line, "Source run finished") {
			fmt.Print(line)
		}
	}
}

// loadKinds is the mix: liveness (the floor every other figure is compared
// with), the first page (everything), filters, words, words with filters,
// deep pages, occupations, suggestions. Each kind varies its words,
// municipalities and pages over many values, so that a cache of whole
// answers or of one word's matches cannot carry the figures.
var loadKinds = []struct {
	name string
	url  func(i int) string
}{
	{"healthz", func(int) string { return "/healthz" }},
	{"everything", func(i int) string { return "/api/v1/search" + pick(i, "", "?sort=start", "?page=2", "?sort=title") }},
	{"filters", func(i int) string {
		return "/api/v1/search?municipality=" + loadMunicipalities[i%len(loadMunicipalities)] +
			pick(i, "", "&include_distance=true&mode=online", "&school_type=VUXGY&pace=50", "&start_period=within_3_months")
	}},
	{"words", func(i int) string { return "/api/v1/search?q=" + loadWords[i%len(loadWords)] }},
	{"words+filters", func(i int) string {
		return "/api/v1/search?q=" + loadWords[(i*7)%len(loadWords)] + "&municipality=" + loadMunicipalities[(i*3)%len(loadMunicipalities)] +
			pick(i, "", "&level=bachelor", "&mode=online", "&application_open=true")
	}},
	{"deep page", func(i int) string {
		return "/api/v1/search?q=" + pick(i, "distans", "svenska", "kurs") + "&page=" + strconv.Itoa(10+i%40)
	}},
	{"occupation", func(i int) string {
		return "/api/v1/search?occupation=" + pick(i, "5321", "2221", "2512", "3313", "5322", "2341") + pick(i/6, "", "&application_open=true")
	}},
	{"suggest", func(i int) string { return "/api/v1/suggest?q=" + url.QueryEscape(loadWords[i%len(loadWords)][:3]) }},
	// A search no one asked before: two words and a municipality, 54,080
	// combinations, so that the kept results (index/results.go) do not
	// answer it and it shows what a new search costs.
	{"new words+filters", func(i int) string {
		n := len(loadWords)
		return "/api/v1/search?q=" + loadWords[i%n] + "+" + loadWords[(i/n)%n] +
			"&municipality=" + loadMunicipalities[(i/(n*n))%len(loadMunicipalities)]
	}},
}

// loadWords are words learners type, from everyday to rare, some English.
var loadWords = []string{
	"svenska", "matematik", "engelska", "undersk%C3%B6terska", "programmering", "ekonomi", "distans",
	"sjuksk%C3%B6terska", "l%C3%A4rare", "svets", "elektriker", "truck", "barnsk%C3%B6tare", "redovisning",
	"psykologi", "juridik", "projektledning", "v%C3%A5rd+och+omsorg", "samh%C3%A4llskunskap", "biologi",
	"kemi", "fysik", "historia", "spanska", "tyska", "franska", "marknadsf%C3%B6ring", "logistik",
	"bygg", "snickare", "kock", "restaurang", "turism", "skog", "lantbruk", "it-support", "webbutveckling",
	"data", "f%C3%B6retagande", "ledarskap", "pedagogik", "specialpedagogik", "socialt+arbete", "nursing",
	"accounting", "welding", "teacher", "programming", "swedish+for+immigrants", "sfi", "fordon", "vvs",
}

var loadMunicipalities = []string{"2380", "0180", "1480", "1280", "2313", "2361", "0380", "2581", "2480", "1880",
	"2305", "2309", "2321", "2326", "2260", "0580", "1281", "2180", "0680", "1380"}

func pick(i int, vs ...string) string { return vs[i%len(vs)] }

// loadAPIRate sends rate requests a second over loadKinds for d, each at
// its time whether or not the earlier ones have been answered, and times
// each from when it was due: a slow answer delays no other request, and a
// request that waited to be sent counts its wait.
func loadAPIRate(base string, rate int, d time.Duration) (map[string][]time.Duration, int, time.Duration) {
	var (
		mu     sync.Mutex
		all    = map[string][]time.Duration{}
		series [][]time.Duration
		errs   atomic.Int64
		wg     sync.WaitGroup
	)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}, Timeout: 10 * time.Second}
	start := time.Now()
	interval := time.Second / time.Duration(rate)
	for i := 1; ; i++ {
		due := start.Add(time.Duration(i) * interval)
		if due.Sub(start) > d {
			break
		}
		time.Sleep(time.Until(due))
		k := loadKinds[i%len(loadKinds)]
		u := base + k.url(i/len(loadKinds))
		wg.Go(func() {
			resp, err := client.Get(u)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			if err != nil || resp.StatusCode != http.StatusOK {
				errs.Add(1)
				return
			}
			took := time.Since(due)
			mu.Lock()
			all[k.name] = append(all[k.name], took)
			sec := int(due.Sub(start) / time.Second)
			for len(series) <= sec {
				series = append(series, nil)
			}
			series[sec] = append(series[sec], took)
			mu.Unlock()
		})
	}
	wg.Wait()
	// A second in which every kind of request waits, /healthz too, is a
	// stall of the whole service (or machine), not a slow search: how many
	// there were says whether the run's p99 is made of a few of them.
	var stalled, over50 int
	for sec, l := range series {
		if pct(l, 0.5) > 10*time.Millisecond {
			stalled++
		}
		if pct(l, 0.99) > 50*time.Millisecond {
			over50++
		}
		if os.Getenv("KURSKATALOG_LOAD_SERIES") != "" {
			fmt.Printf("second %2d: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", sec, len(l), ms(pct(l, 0.5)), ms(pct(l, 0.99)), ms(pct(l, 1)))
		}
	}
	fmt.Printf("seconds with a p99 over 50 ms: %d of %d; with a p50 over 10 ms: %d\n", over50, len(series), stalled)
	return all, int(errs.Load()), time.Since(start)
}

// loadAPI runs clients concurrent clients over loadKinds until d has passed
// or max requests were made, and returns every latency by kind. The
// requests are the sequence's from the number first on.
func loadAPI(base string, clients int, d time.Duration, max int64, first int) (map[string][]time.Duration, int, time.Duration) {
	var (
		mu   sync.Mutex
		all  = map[string][]time.Duration{}
		errs atomic.Int64
		sent atomic.Int64
		wg   sync.WaitGroup
	)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 10 * time.Second}
	deadline := time.Now().Add(d)
	start := time.Now()
	for range clients {
		wg.Go(func() {
			mine := map[string][]time.Duration{}
			for time.Now().Before(deadline) {
				// One sequence for all clients, so that each kind goes
				// through its variants rather than every client repeating
				// the same few.
				i := int(sent.Add(1))
				if i > int(max) {
					break
				}
				i += first
				k := loadKinds[i%len(loadKinds)]
				t0 := time.Now()
				resp, err := client.Get(base + k.url(i/len(loadKinds)))
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				if err != nil || resp.StatusCode != http.StatusOK {
					errs.Add(1)
					continue
				}
				mine[k.name] = append(mine[k.name], time.Since(t0))
			}
			mu.Lock()
			for k, l := range mine {
				all[k] = append(all[k], l...)
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	return all, int(errs.Load()), time.Since(start)
}

type gcFigures struct{ cycles, markCPU, scan, allocated float64 }

// serveGC reads serve's collections from its /metrics: how many, the CPU
// their marking took, the heap that may hold pointers (what the last one
// found live, plus what was allocated since), and the bytes allocated
// since the start, which set how often it collects.
func serveGC(b *testing.B, base string) gcFigures {
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var g gcFigures
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		name, value, _ := strings.Cut(sc.Text(), " ")
		v, _ := strconv.ParseFloat(value, 64)
		switch name {
		case "go_gc_cycles_total_gc_cycles_total":
			g.cycles = v
		case "go_cpu_classes_gc_mark_assist_cpu_seconds_total", "go_cpu_classes_gc_mark_dedicated_cpu_seconds_total",
			"go_cpu_classes_gc_mark_idle_cpu_seconds_total":
			g.markCPU += v
		case "go_gc_scan_heap_bytes":
			g.scan = v
		case "go_gc_heap_allocs_bytes_total":
			g.allocated = v
		}
	}
	return g
}

// collect has serve collect its garbage, through the data dir's admin
// socket (a heap profile asked with gc=1), so that /metrics then tells the
// live heap from the garbage.
func collect(b *testing.B, dataDir string) {
	token, err := os.ReadFile(filepath.Join(dataDir, adminTokenFile))
	if err != nil {
		b.Fatal(err)
	}
	admin := &adminClient{sock: filepath.Join(dataDir, adminSocketFile), token: strings.TrimSpace(string(token))}
	resp, err := admin.httpClient(time.Minute).Get("http://admin/debug/pprof/heap?gc=1")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("a collection through the admin socket: %v %s", err, resp.Status)
	}
}

// residentKB reads the process's resident memory in KiB: all of it
// (VmRSS), and the part that is its own (RssAnon), without the pages of
// files it maps, which the kernel shares and takes back under pressure:
// SQLite reads the store through a memory map.
func residentKB(b *testing.B, pid int) (all, anon int) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		switch f[0] {
		case "VmRSS:":
			all, _ = strconv.Atoi(f[1])
		case "RssAnon:":
			anon, _ = strconv.Atoi(f[1])
		}
	}
	return all, anon
}

// proportionalKB reads the process's proportional set size in KiB (Pss):
// its resident memory with each page counted once. VmRSS counts a file page
// once for every mapping of it, and each of SQLite's connections maps the
// store on its own, so that a page read by three connections counts three
// times there; Pss divides it among them.
func proportionalKB(b *testing.B, pid int) int {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.Lines(string(raw)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "Pss:" {
			kb, _ := strconv.Atoi(f[1])
			return kb
		}
	}
	b.Fatalf("no Pss in /proc/%d/smaps_rollup", pid)
	return 0
}

// cpuTime reads the CPU time (user and system) the process pid has used.
func cpuTime(b *testing.B, pid int) time.Duration {
	return procStat(b, pid).cpu
}

// procCounts are a process's CPU time and page faults so far.
type procCounts struct {
	cpu          time.Duration
	minor, major int64 // page faults without and with a read from disk
}

func procStat(b *testing.B, pid int) procCounts {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	// The fields after the command's name, which is in parentheses and
	// may hold spaces: minflt, majflt, utime and stime are the 8th, 10th,
	// 12th and 13th of them.
	f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+1:]))
	n := func(i int) int64 {
		v, _ := strconv.ParseInt(f[i], 10, 64)
		return v
	}
	return procCounts{
		cpu:   time.Duration(n(11)+n(12)) * time.Second / 100, // clock ticks: USER_HZ is 100 on Linux
		minor: n(7),
		major: n(9),
	}
}

func municipalityCSV(b *testing.B) string {
	raw, err := os.ReadFile("../../data/reference/kommunkoder-kommunnamn.csv")
	if err != nil {
		b.Fatal(err)
	}
	return string(raw)
}

// BenchmarkPageFault measures what a page fault on fresh memory costs this
// machine: the first write to each page of 64 MiB just mapped (and its
// unmapping). On the virtual machines the load figures in
// docs/benchmarks.md come from it was 11-12 µs, so that a burst of a few
// thousand faults (fresh heap, the store's page cache) stops a thread for
// tens of milliseconds.
//
//	go test ./cmd/kurskatalog -run '^$' -bench PageFault
func BenchmarkPageFault(b *testing.B) {
	const size = 64 << 20
	var faults int
	for b.Loop() {
		m, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < size; i += os.Getpagesize() {
			m[i] = 1
			faults++
		}
		if err := syscall.Munmap(m); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(faults), "µs/fault")
}
