package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"kurskatalog/data/catalog"
)

// metrics are the service's Prometheus metrics, in a registry of the
// server's own, so that several servers (tests) can live in one process.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	searches *prometheus.HistogramVec
	waits    *prometheus.HistogramVec
	// insightsDropped counts the searches with few results not recorded
	// because the queue to the store was full (insights.go).
	insightsDropped prometheus.Counter
}

func newMetrics(ix Index, store Store) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kurskatalog_http_requests_total",
			Help: "HTTP requests answered, by method, route template and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kurskatalog_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method, route template and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"method", "route", "status"}),
		searches: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kurskatalog_search_duration_seconds",
			Help: "Time a search took in the index, waiting for its turn included, by outcome (ok, error, unavailable).",
			// A search takes well under a millisecond to a few (docs/benchmarks.md).
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1, 5},
		}, []string{"outcome"}),
		waits: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kurskatalog_search_wait_seconds",
			Help: "Time a search waited for its turn (one of the concurrent searches' slots) before it ran, " +
				"by search: kept (its hits kept from an earlier search, served first) or new.",
			// Most searches wait for nothing; a busy service makes them
			// wait for the searches before them.
			Buckets: []float64{.0001, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1, 5},
		}, []string{"search"}),
		insightsDropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "kurskatalog_insights_dropped_total",
			Help: "Searches that found few courses and were not recorded, because the queue to the store was full.",
		}),
	}
	m.registry.MustRegister(m.requests, m.duration, m.searches, m.waits, m.insightsDropped, catalogueCollector{ix, store},
		// The collector's figures besides the default: what a loaded
		// service's tail follows at national size (docs/benchmarks.md),
		// how often it collects, how much heap each may read through
		// (scannable) and the CPU marking takes.
		collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsGC,
			collectors.GoRuntimeMetricsRule{Matcher: regexp.MustCompile(`^/cpu/classes/gc/`)})),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the metrics. A metric that cannot be read (the store is
// busy) is left out of the scrape and logged; the others are still served.
func (m *metrics) handler(log *slog.Logger) http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError,
		ErrorLog: slogPrintln{log}})
}

type slogPrintln struct{ log *slog.Logger }

func (l slogPrintln) Println(v ...any) { l.log.Error("Metrics", "error", fmt.Sprint(v...)) }

// observeSearch records one search.
func (m *metrics) observeSearch(outcome string, d time.Duration) {
	m.searches.WithLabelValues(outcome).Observe(d.Seconds())
}

// observeWait records how long one search of class (keptSearch,
// newSearch) waited for its slot.
func (m *metrics) observeWait(class int, d time.Duration) {
	m.waits.WithLabelValues(searchClasses[class]).Observe(d.Seconds())
}

// runTallier sums the import runs (sqlite.DB does).
type runTallier interface {
	RunTallies(ctx context.Context) ([]catalog.RunTally, error)
}

// indexCounter counts the offerings in the search index (index.Index does).
type indexCounter interface {
	Count() (uint64, error)
}

var (
	runsDesc = prometheus.NewDesc("kurskatalog_source_runs_total",
		"Finished import runs, by source and outcome (ok, failed, ...).", []string{"source", "status"}, nil)
	runningDesc = prometheus.NewDesc("kurskatalog_source_runs_running",
		"Import runs started and not finished, by source.", []string{"source"}, nil)
	recordsDesc = prometheus.NewDesc("kurskatalog_source_records_total",
		"Records of finished import runs, by source, outcome and what happened to them (fetched, added, changed, removed, skipped).",
		[]string{"source", "status", "records"}, nil)
	lastSuccessDesc = prometheus.NewDesc("kurskatalog_source_last_success_timestamp_seconds",
		"When the last successful import run of a source finished, in Unix time.", []string{"source"}, nil)
	offeringsDesc = prometheus.NewDesc("kurskatalog_index_offerings",
		"Offerings in the search index.", nil, nil)
)

// catalogueCollector reads the source runs from the store's runs table and
// the index's size when scraped, so the importers need not report to it
// and the figures survive a restart.
type catalogueCollector struct {
	ix    Index
	store Store
}

func (catalogueCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{runsDesc, runningDesc, recordsDesc, lastSuccessDesc, offeringsDesc} {
		ch <- d
	}
}

func (cc catalogueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if ix, ok := cc.ix.(indexCounter); ok {
		if n, err := ix.Count(); err != nil {
			ch <- prometheus.NewInvalidMetric(offeringsDesc, err)
		} else {
			ch <- prometheus.MustNewConstMetric(offeringsDesc, prometheus.GaugeValue, float64(n))
		}
	}
	rt, ok := cc.store.(runTallier)
	if !ok {
		return
	}
	tallies, err := rt.RunTallies(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(runsDesc, err)
		return
	}
	running := map[string]int{} // 0 for a source with none, rather than no figure
	for _, t := range tallies {
		if t.Status == catalog.RunRunning {
			running[t.Source] += t.Runs
			continue
		}
		running[t.Source] += 0
		ch <- prometheus.MustNewConstMetric(runsDesc, prometheus.CounterValue, float64(t.Runs), t.Source, t.Status)
		for kind, n := range map[string]int{"fetched": t.Fetched, "added": t.Added, "changed": t.Changed,
			"removed": t.Removed, "skipped": t.Skipped} {
			ch <- prometheus.MustNewConstMetric(recordsDesc, prometheus.CounterValue, float64(n), t.Source, t.Status, kind)
		}
		if t.Status == catalog.RunOK && !t.LastFinished.IsZero() {
			ch <- prometheus.MustNewConstMetric(lastSuccessDesc, prometheus.GaugeValue,
				float64(t.LastFinished.UnixMilli())/1000, t.Source)
		}
	}
	for source, n := range running {
		ch <- prometheus.MustNewConstMetric(runningDesc, prometheus.GaugeValue, float64(n), source)
	}
}
