package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"

	ginjson "github.com/gin-gonic/gin/codec/json"
)

// comparingJSON answers with the service's codec and checks each answer
// against encoding/json's bytes for the same value.
type comparingJSON struct {
	ginjson.Core
	mu      sync.Mutex
	answers int
	differ  []string
}

func (c *comparingJSON) Marshal(v any) ([]byte, error) {
	got, err := c.Core.Marshal(v)
	want, wantErr := json.Marshal(v)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.answers++
	if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) {
		c.differ = append(c.differ, firstDifference(got, want))
	}
	return got, err
}

func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-60)
	return "…" + string(got[from:min(len(got), i+60)]) + "… against encoding/json's …" + string(want[from:min(len(want), i+60)]) + "…"
}

// The API answers the bytes encoding/json would: every JSON route on the
// bundled snapshot, with words, filters, groupings, sorts, pages, errors.
func TestJSONAsEncodingJSON(t *testing.T) {
	cmp := &comparingJSON{Core: ginjson.API}
	ginjson.API = cmp
	defer func() { ginjson.API = cmp.Core }()
	base := newBundledServer(t)
	paths := []string{
		"/healthz", "/readyz", "/api/v1/sources",
		"/api/v1/search", "/api/v1/search?q=svenska", "/api/v1/search?q=svenska&page=2&sort=title",
		"/api/v1/search?q=programmerng", "/api/v1/search?q=nursing+distance", "/api/v1/search?q=svenska+%26+%3Cb%3E",
		"/api/v1/search?municipality=2380&group=intake&sort=start", "/api/v1/search?include_distance=true&mode=online&lang=en",
		"/api/v1/search?occupation=5321", "/api/v1/search?q=zzqx", "/api/v1/search?page=0", "/api/v1/search?max_km=NaN",
		"/api/v1/suggest?q=sve", "/api/v1/suggest?q=und",
		"/api/v1/coverage?municipality=2361", "/api/v1/coverage?view=gaps&municipality=2305", "/api/v1/coverage?view=cells",
		"/api/v1/occupations/5321/pathways?municipality=2380", "/api/v1/occupations/9999/pathways",
		"/api/v1/offerings/no-such-offering",
	}
	var first struct {
		Hits []struct{ ID string } `json:"hits"`
	}
	for _, p := range paths {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if p == "/api/v1/search?q=svenska" {
			if err := json.Unmarshal(body, &first); err != nil || len(first.Hits) == 0 {
				t.Fatalf("%s: %v, %d hits", p, err, len(first.Hits))
			}
		}
	}
	for _, h := range first.Hits[:3] {
		if resp, err := http.Get(base + "/api/v1/offerings/" + h.ID); err == nil {
			resp.Body.Close()
		}
	}
	if cmp.answers < len(paths) {
		t.Errorf("%d JSON answers for %d requests", cmp.answers, len(paths)+3)
	}
	for _, d := range cmp.differ {
		t.Errorf("an answer differs from encoding/json's: %s", d)
	}
}
