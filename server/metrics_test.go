package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"kurskatalog/server"
)

// /metrics counts the requests by route and status, times the searches and
// reports the import runs and the index from the store and the index.
func TestMetrics(t *testing.T) {
	srv, _ := serveWithRun(t, server.Deps{})
	for range 2 {
		do(t, http.MethodGet, srv.URL+"/api/v1/search?q=svenska", nil)
	}
	do(t, http.MethodGet, srv.URL+"/api/v1/search?page=0", nil)
	do(t, http.MethodHead, srv.URL+"/kurs/e.sv1.a", nil)
	do(t, http.MethodGet, srv.URL+"/no/such/page/1234", nil)
	resp, body := do(t, http.MethodGet, srv.URL+"/metrics", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{
		`kurskatalog_http_requests_total{method="GET",route="/api/v1/search",status="200"} 2`,
		`kurskatalog_http_requests_total{method="GET",route="/api/v1/search",status="400"} 1`,
		`kurskatalog_http_requests_total{method="HEAD",route="/kurs/:id",status="200"} 1`,
		`kurskatalog_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`kurskatalog_http_request_duration_seconds_count{method="GET",route="/api/v1/search",status="200"} 2`,
		`kurskatalog_search_duration_seconds_count{outcome="ok"} 2`,
		// The second search for the same words finds the first's hits kept.
		`kurskatalog_search_wait_seconds_count{search="new"} 1`,
		`kurskatalog_search_wait_seconds_count{search="kept"} 1`,
		`kurskatalog_source_runs_total{source="susa-navet",status="ok"} 1`,
		`kurskatalog_source_runs_running{source="susa-navet"} 0`,
		`kurskatalog_source_records_total{records="fetched",source="susa-navet",status="ok"} 30`,
		`kurskatalog_index_offerings 30`,
		`go_goroutines `,
		`go_gc_scan_heap_bytes `, `go_gc_cycles_total_gc_cycles_total `, `go_cpu_classes_gc_mark_assist_cpu_seconds_total `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if !regexp.MustCompile(`kurskatalog_source_last_success_timestamp_seconds\{source="susa-navet"\} 1\.79\d+e\+09`).MatchString(body) {
		t.Errorf("/metrics lacks the last successful run's time (late 2026)")
	}
	// The path itself: a number alone could be any metric's value.
	if strings.Contains(body, "/no/such") {
		t.Errorf("an unmatched path became a label")
	}
}
