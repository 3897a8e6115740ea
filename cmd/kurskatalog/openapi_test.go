package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// The served OpenAPI document describes what the API really returns: the
// bundled sources are crawled, served, and every documented operation's
// responses, successes and errors, are validated against the document's
// schemas. The schemas require their fields and forbid others where the
// shape is fixed, so a field added, renamed or turned null is caught here.
func TestAPIResponsesMatchOpenAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	ctx := context.Background()
	dataDir := filepath.Join(t.TempDir(), "var")
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"crawl", "--data-dir", dataDir}, &stdout, &stderr); code != 0 {
		t.Fatalf("crawl of the bundled sources exited %d:\n%s", code, stderr.String())
	}
	base, _ := startServe(t, "--data-dir", dataDir)

	resp, err := http.Get(base + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatalf("served openapi.json: %v", err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("served openapi.json is not valid OpenAPI: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: base}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	var offeringID string
	opts := &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.EnableFormatValidation()}}

	tested := map[string]bool{} // operation ids
	for _, tc := range []struct {
		name, path string
		status     int
		// invalid marks a request the document does not allow: only its
		// response is validated.
		invalid bool
	}{
		{"health", "/healthz", 200, false},
		{"search, everything", "/api/v1/search", 200, false},
		{"search with text and every facet", "/api/v1/search?q=undersk%C3%B6terska&lang=en&per_page=50", 200, false},
		{"search by municipality code", "/api/v1/search?municipality=2361&include_distance=true&sort=start", 200, false},
		{"search by municipality name", "/api/v1/search?municipality=%C3%96stersund&municipality=krokoms+kommun", 200, false},
		{"search by occupation", "/api/v1/search?occupation=5321&application_open=true&sort=deadline", 200, false},
		{"search with filters", "/api/v1/search?mode=online&mode=blended&max_mandatory_sessions=3&school_type=VUXGY" +
			"&start_period=within_3_months&student_aid=eligible&level=upper_secondary&rolling_start=false", 200, false},
		{"search including the past", "/api/v1/search?include_past=true&page=2&per_page=5&sort=title", 200, false},
		{"search with no hits", "/api/v1/search?q=xyzzyplugh", 200, false},
		{"search, bad municipality", "/api/v1/search?municipality=Sveg", 400, false},
		{"search, unknown parameter", "/api/v1/search?kommun=2361", 400, true},
		{"search, bad occupation", "/api/v1/search?occupation=9999", 400, false},
		{"suggest", "/api/v1/suggest?q=unders", 200, false},
		{"suggest a municipality", "/api/v1/suggest?q=%C3%B6sters&limit=20", 200, false},
		{"suggest nothing", "/api/v1/suggest", 200, false},
		{"suggest, bad limit", "/api/v1/suggest?q=a&limit=0", 400, true},
		{"offering", "/api/v1/offerings/{first}", 200, false},
		{"unknown offering", "/api/v1/offerings/e.finns.inte", 404, false},
		{"sources", "/api/v1/sources", 200, false},
		{"coverage", "/api/v1/coverage?from=2026-11-20&to=2027-11-19", 200, false},
		{"pathways", "/api/v1/occupations/5321/pathways?municipality=2361&from=grundskola&lang=en", 200, false},
		{"pathways, bad starting point", "/api/v1/occupations/5321/pathways?municipality=2361&from=phd", 400, true},
		{"pathways, unknown occupation", "/api/v1/occupations/9999/pathways?municipality=2361", 404, false},
		{"coverage by name, cells only", "/api/v1/coverage?municipality=H%C3%A4rjedalen&view=cells&lang=en", 200, false},
		{"coverage, gaps only", "/api/v1/coverage?municipality=2361&view=gaps&max_mandatory_sessions=2&max_km=30", 200, false},
		{"coverage with no gaps", "/api/v1/coverage?occupation=2512&view=gaps", 200, false},
		{"coverage, former sessions name", "/api/v1/coverage?max_sessions=2", 200, false},
		{"coverage as CSV", "/api/v1/coverage?format=csv&view=cells", 200, false},
		{"coverage by bus", "/api/v1/coverage?municipality=2305&max_bus_minutes=60", 200, false},
		{"coverage by bus, bad minutes", "/api/v1/coverage?max_bus_minutes=0", 400, true},
		{"coverage by bus, not a number", "/api/v1/coverage?max_bus_minutes=en+timme", 400, true},
		{"coverage, bad municipality", "/api/v1/coverage?municipality=Sveg", 400, false},
		{"coverage, bad window", "/api/v1/coverage?from=2027-01-01&to=2026-01-01", 400, false},
		{"insights", "/api/v1/insights", 200, false},
		{"insights of one municipality as CSV", "/api/v1/insights?municipality=2361&weeks=4&format=csv", 200, false},
		{"insights, bad weeks", "/api/v1/insights?weeks=0", 400, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if offeringID == "" {
				offeringID = firstOfferingID(t, base)
			}
			if path == "/api/v1/offerings/{first}" {
				path = "/api/v1/offerings/" + url.PathEscape(offeringID)
			}
			req, err := http.NewRequest(http.MethodGet, base+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			route, params, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("not in the document: %v", err)
			}
			tested[route.Operation.OperationID] = true
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
			if !tc.invalid {
				if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
					t.Errorf("request does not match the document: %v", err)
				}
				// The validator ignores parameters the document does not
				// declare; the API refuses them, so each must be declared.
				for name := range req.URL.Query() {
					if route.Operation.Parameters.GetByInAndName(openapi3.ParameterInQuery, name) == nil {
						t.Errorf("parameter %s is not declared", name)
					}
				}
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, tc.status, body)
			}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode,
				Header: resp.Header, Body: io.NopCloser(bytes.NewReader(body)), Options: opts}
			if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
				t.Errorf("response does not match the document: %v\n%.500s", err, body)
			}
		})
	}
	for _, op := range operations(doc) {
		if !tested[op] {
			t.Errorf("operation %s is documented but not tested", op)
		}
	}
}

// firstOfferingID is the first hit of the whole catalogue.
func firstOfferingID(t *testing.T, base string) string {
	var r searchBody
	getJSON(t, base+"/api/v1/search?per_page=1", http.StatusOK, &r)
	if len(r.Hits) == 0 {
		t.Fatal("the bundled catalogue is empty")
	}
	return r.Hits[0].ID
}

// operations are the document's operation ids.
func operations(doc *openapi3.T) []string {
	var out []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			out = append(out, op.OperationID)
		}
	}
	return out
}
