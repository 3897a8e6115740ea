package html

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/snapshot"
	"kurskatalog/data/catalog"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// sitesDir is the bundled snapshot the service serves in-process.
const sitesDir = "../../data/snapshots/sites"

// snapshotTime is the Last-Modified of the snapshot files; fixed so that
// runs are repeatable.
var snapshotTime = time.Date(2026, 10, 5, 6, 0, 0, 0, time.UTC)

// defaultConfig is the service's embedded configuration, whose html
// sources read the bundled sites.
const defaultConfig = "../../cmd/kurskatalog/default.yaml"

// bundledSource is one html entry of the default configuration.
type bundledSource struct {
	ID       string     `yaml:"id"`
	Kind     string     `yaml:"kind"`
	URL      string     `yaml:"url"`
	Snapshot string     `yaml:"snapshot"`
	Site     SiteConfig `yaml:"site"`
}

// loadSites reads the html sources of the default configuration, as the
// service does.
func loadSites(t testing.TB) []bundledSource {
	t.Helper()
	raw, err := os.ReadFile(defaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Sources []bundledSource `yaml:"sources"`
	}
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatalf("%s: %v", defaultConfig, err)
	}
	var sites []bundledSource
	for _, s := range f.Sources {
		if s.Kind == "html" {
			sites = append(sites, s)
		}
	}
	return sites
}

// recorder logs the requests that reach the snapshot, by host and path.
type recorder struct {
	mu    sync.Mutex
	paths []string
}

func (rec *recorder) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.paths = append(rec.paths, r.Host+r.URL.Path)
		rec.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (rec *recorder) requested() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.paths...)
}

// snapshotClient serves the bundled sites through the production path:
// snapshot.Files behind snapshot.Transport behind the polite client, with
// the live hostnames kept. wrap, if set, sits in front of the files.
func snapshotClient(wrap func(http.Handler) http.Handler) *fetch.Client {
	var h http.Handler = snapshot.Files(os.DirFS(sitesDir), snapshotTime)
	if wrap != nil {
		h = wrap(h)
	}
	return fetch.New(fetch.Config{Delay: -1, Retries: -1}, snapshot.Transport(h))
}

// fetchBatch crawls one source and fails the test on error.
func fetchBatch(t testing.TB, id string, site SiteConfig, client *fetch.Client) *catalog.Batch {
	t.Helper()
	src, err := New(id, site, client)
	if err != nil {
		t.Fatal(err)
	}
	b, err := src.Fetch(context.Background(), time.Time{})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	return b
}

func marshal(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep the sanitised HTML readable in golden files
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func byID(b *catalog.Batch) map[string]catalog.Offering {
	m := map[string]catalog.Offering{}
	for _, o := range b.Offerings {
		m[o.ID] = o
	}
	return m
}
