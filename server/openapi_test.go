package server

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// Every API route is described in the served OpenAPI document, and the
// document describes no route that does not exist.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openapi, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	param := regexp.MustCompile(`:(\w+)`)
	routes := map[string]bool{}
	for _, r := range New(Deps{}).Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") && r.Path != "/healthz" {
			continue
		}
		path := param.ReplaceAllString(r.Path, "{$1}")
		routes[path] = true
		if _, ok := doc.Paths[path][strings.ToLower(r.Method)]; !ok {
			t.Errorf("%s %s is not in openapi.json", r.Method, path)
		}
	}
	for path := range doc.Paths {
		if !routes[path] {
			t.Errorf("openapi.json describes %s, which is not served", path)
		}
	}
}
