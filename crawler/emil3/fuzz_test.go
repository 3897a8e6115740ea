package emil3

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"kurskatalog/crawler/fetch"
	"kurskatalog/data/catalog"
)

// notFound answers every lookup by id with 404, so fuzzing stays offline.
type notFound struct{}

func (notFound) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusNotFound, Body: http.NoBody, Request: r}, nil
}

// FuzzEventPage decodes arbitrary bytes as an events page and normalises
// every event: no input may panic, and every kept offering must be valid.
func FuzzEventPage(f *testing.F) {
	files, _ := filepath.Glob("testdata/snapshot/educationEvents/*.json")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"educationEvents":[{"id":"e.x","status":"ACTIVE","content":{"identifier":"e.x","education":"i.x","providers":["p.x"],"execution":{"start":"2027-02-30"},"paceOfStudy":{"percentage":"null"}}}]}`))
	src := New(Config{ID: "fuzz", URL: "http://emil3.test", Region: region}, fetch.New(fetch.Config{Delay: -1, Retries: -1, IgnoreRobots: true}, notFound{}))
	f.Fuzz(func(t *testing.T, data []byte) {
		var env Envelope
		if json.Unmarshal(data, &env) != nil {
			return
		}
		n := normaliser{ctx: context.Background(), src: src,
			infos: newDocuments[Info](kindInfos, "education info", true), providers: newDocuments[Provider](kindProviders, "provider", true)}
		n.infos.known["i.x"] = &Info{Identifier: "i.x", Type: &CodeValue{Code: "HS"}}
		n.providers.known["p.x"] = &Provider{Identifier: "p.x"}
		b := &catalog.Batch{Complete: true}
		for _, e := range env.EducationEvents {
			n.add(b, e)
		}
		for _, o := range b.Offerings {
			if o.ID == "" || o.Title == "" || !o.Mode.Valid() || o.Pace < 0 || o.Pace > 100 {
				t.Errorf("invalid offering kept: %+v", o)
			}
		}
	})
}
