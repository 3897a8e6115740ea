package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// The committed map must be what the generator makes of the committed
// boundaries: edit the generator or the GeoJSON, then run go generate.
func TestCommittedMapIsCurrent(t *testing.T) {
	in, err := os.Open("jamtland_municipalities_okfse.geojson")
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var got bytes.Buffer
	if err := generate(in, &got); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../static/jamtland.svg")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Error("static/jamtland.svg is out of date: run go generate ./frontend")
	}
	if n := strings.Count(got.String(), "<path id="); n != 8 {
		t.Errorf("%d municipalities, want the county's 8", n)
	}
}

func TestBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"not json":    "{",
		"no features": `{"type":"FeatureCollection","features":[]}`,
		"no code":     `{"features":[{"properties":{"kom_namn":"X"},"geometry":{"type":"Polygon","coordinates":[]}}]}`,
		"point":       `{"features":[{"properties":{"id":"2380","kom_namn":"Östersund"},"geometry":{"type":"Point","coordinates":[14,63]}}]}`,
	} {
		if err := generate(strings.NewReader(in), &bytes.Buffer{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
