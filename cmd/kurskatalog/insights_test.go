package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"kurskatalog/data/catalog"
	"kurskatalog/data/insights"
)

// The configuration decides whether searches are recorded: through the
// app's own wiring, server and SQLite store, five searches that find
// nothing are stored when on and not at all when off.
func TestInsightsRecordedOnlyWhenEnabled(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       int
	}{
		{"on by default", "", 5},
		{"off", "insights: {enabled: false}", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := loadConfigText(t, string(defaultConfig)+"\n"+tc.yaml+"\n")
			if err != nil {
				t.Fatal(err)
			}
			a, err := openApp(context.Background(), cfg, filepath.Join(t.TempDir(), "var"), slog.New(slog.NewTextHandler(io.Discard, nil)), true, roleWriter)
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			stop, err := a.startInsights()
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(a.handler(nil))
			for range 5 {
				searchAsBrowser(t, srv.URL+"/api/v1/search?q=svetsning")
			}
			srv.Close()
			stop() // as serve does after its last request
			if n, groups := storedSearches(t, a.db.(insights.Store)); n != tc.want {
				t.Errorf("%d searches stored, want %d: %+v", n, tc.want, groups)
			}
		})
	}
}

// searchAsBrowser GETs u as a browser does: searches by robots, and by
// clients that do not say what they are, are not recorded.
func searchAsBrowser(t *testing.T, u string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("User-Agent", "Mozilla/5.0 Firefox/128.0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// storedSearches returns how many searches store holds, and its groups.
func storedSearches(t *testing.T, store insights.Store) (int, []catalog.SearchGroup) {
	t.Helper()
	groups, err := store.SearchGroups(context.Background(), catalog.SearchGroupFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range groups {
		n += g.Searches
	}
	return n, groups
}
