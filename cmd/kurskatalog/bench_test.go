package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
)

// BenchmarkSearchAPI measures /api/v1/search through the real Gin engine,
// Bleve index and SQLite store, on the bundled snapshot:
//
//	go test ./cmd/kurskatalog -run '^$' -bench SearchAPI
func BenchmarkSearchAPI(b *testing.B) {
	cfg, err := loadConfig("")
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := openApp(context.Background(), cfg, filepath.Join(b.TempDir(), "var"), log, true, roleWriter)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	if _, err := a.crawl(context.Background(), nil, nil); err != nil {
		b.Fatal(err)
	}
	cfg.HTTP.RateLimit.PerSecond = -1 // one client, as fast as it can: the limit would answer instead
	h := a.handler(nil)
	for _, bc := range []struct{ name, query string }{
		{"match-all", ""},
		{"municipality+mode", "municipality=2313&mode=online&mode=blended"},
		{"text", "q=svenska"},
		{"text+filters", "q=vård&municipality=2380&pace=50"},
		{"page-5", "q=kurs&page=5"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/api/v1/search?"+bc.query, nil)
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
