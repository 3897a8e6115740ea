package server_test

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"kurskatalog/crawler"
	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/crawler/yrkesbarometer"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/occupation"
	"kurskatalog/data/sqlite"
	"kurskatalog/index"
	"kurskatalog/server"
)

// publicURL is the catalogue's address in the tests: the base of every link.
const publicURL = "https://kurskatalog.example.se"

// bundledCatalogue imports the bundled Susa-navet snapshot through the
// service's importer (occupations mapped at import) and the bundled
// Yrkesbarometer into a real store and index, and returns the server's
// dependencies over them on the snapshots' day.
func bundledCatalogue(t *testing.T) server.Deps {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "kurskatalog.db"))
	must(err)
	t.Cleanup(func() { db.Close() })
	ix, _, err := index.Open(filepath.Join(dir, "index.bleve"))
	must(err)
	t.Cleanup(func() { ix.Close() })
	ds, err := emil3test.Bundled()
	must(err)
	tax, err := occupation.Load()
	must(err)
	mapper, err := occupation.DefaultMapper()
	must(err)
	ix.SetOccupationNames(func(code string) string { return tax.Label(code).SV })
	log := slog.New(slog.DiscardHandler)
	runner := &crawler.Runner{Store: db, Index: ix, Log: log, Occupations: mapper, FullEvery: 168 * time.Hour}
	_, err = runner.Run(ctx, emil3test.Source(ds, data.JamtlandMunicipalities))
	must(err)
	fsys, err := data.Snapshot("yrkesbarometer")
	must(err)
	body, err := fs.ReadFile(fsys, "yrkesbarometer.json")
	must(err)
	res, err := yrkesbarometer.Parse(body, yrkesbarometer.DefaultRegions)
	must(err)
	_, err = db.ReplaceDemand(ctx, res.Round, res.Rows)
	must(err)
	asOf, err := time.ParseInLocation(time.DateOnly, data.SnapshotDay, catalog.Stockholm)
	must(err)
	return server.Deps{Index: ix, Store: db, Coverage: db, Taxonomy: tax, Log: log, DataAsOf: asOf,
		Now: func() time.Time { return asOf.Add(10 * time.Hour) }, PublicURL: publicURL}
}

// connect returns a client session with the MCP server over in-memory
// transports.
func connect(t *testing.T, srv *mcp.Server) *mcp.ClientSession {
	t.Helper()
	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	ss, err := srv.Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close() })
	return cs
}

// call calls a tool that must succeed and decodes its structured answer.
func call(t *testing.T, cs *mcp.ClientSession, tool string, args map[string]any, out any) {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s %v: %v", tool, args, err)
	}
	if res.IsError {
		t.Fatalf("%s %v: tool error %s", tool, args, text(res))
	}
	b, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%s: %v: %s", tool, err, b)
	}
}

// text is a result's text content.
func text(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

type mcpSearch struct {
	Total        int    `json:"total"`
	TotalIntakes int    `json:"total_intakes"`
	Link         string `json:"link"`
	Courses      []struct {
		ID      string `json:"id"`
		Title   string `json:"title"`
		Link    string `json:"link"`
		Intakes []struct {
			ID   string `json:"id"`
			Link string `json:"link"`
		} `json:"intakes"`
	} `json:"courses"`
}

// The tools answer on the bundled catalogue what the API and the pages
// answer, in memory and over HTTP. The catalogue is imported once.
func TestMCP(t *testing.T) {
	d := bundledCatalogue(t)
	t.Run("search", func(t *testing.T) { testMCPSearch(t, d) })
	t.Run("offering, occupation, gaps", func(t *testing.T) { testMCPOfferingOccupationGaps(t, d) })
	t.Run("http", func(t *testing.T) { testMCPOverHTTP(t, d) })
}

func testMCPSearch(t *testing.T, d server.Deps) {
	api := httptest.NewServer(server.New(d))
	t.Cleanup(api.Close)
	cs := connect(t, server.NewMCP(d))
	ctx := context.Background()

	t.Run("list", func(t *testing.T) {
		var names []string
		for tool, err := range cs.Tools(ctx, nil) {
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, tool.Name)
			if tool.Description == "" {
				t.Errorf("%s has no description", tool.Name)
			}
			schema, _ := json.Marshal(tool.InputSchema)
			var in struct {
				Properties map[string]struct {
					Description string `json:"description"`
				} `json:"properties"`
			}
			if err := json.Unmarshal(schema, &in); err != nil || len(in.Properties) == 0 {
				t.Errorf("%s: input schema without properties: %s", tool.Name, schema)
			}
			for name, p := range in.Properties {
				if p.Description == "" {
					t.Errorf("%s: argument %s has no description", tool.Name, name)
				}
			}
			if tool.OutputSchema == nil {
				t.Errorf("%s has no output schema", tool.Name)
			}
		}
		want := []string{"coverage_gaps", "get_offering", "occupation_courses", "occupation_pathway", "search_courses"} // listed by name
		if !slices.Equal(names, want) {
			t.Errorf("tools %q, want %q", names, want)
		}
	})

	// Each search is asked of the tool and of the API: the tool hands its
	// arguments to the API's parser, so the counts must agree.
	searches := []struct {
		name  string
		args  map[string]any
		query string
	}{
		{"words", map[string]any{"q": "undersköterska"}, "q=undersköterska"},
		{"municipality by name with distance", map[string]any{"municipality": []string{"Härjedalen"}, "include_distance": true},
			"municipality=2361&include_distance=true"},
		{"mode and school type", map[string]any{"mode": []string{"online"}, "school_type": []string{"VUXGY", "VUXGR"}},
			"mode=online&school_type=VUXGY&school_type=VUXGR"},
		{"occupation by code", map[string]any{"occupation": []string{"5321"}}, "occupation=5321"},
		{"pace and start window", map[string]any{"pace": []int{100}, "start_from": "2027-01-01", "start_to": "2027-06-30"},
			"pace=100&start_from=2027-01-01&start_to=2027-06-30"},
		{"open for application", map[string]any{"application_open": "true", "municipality": []string{"2380"}},
			"application_open=true&municipality=2380"},
		{"second page", map[string]any{"q": "svenska", "page": 2, "per_page": 5}, "q=svenska&page=2&per_page=5"},
	}
	for _, tc := range searches {
		t.Run("search_courses/"+tc.name, func(t *testing.T) {
			var got mcpSearch
			call(t, cs, "search_courses", tc.args, &got)
			var want struct {
				Total        int `json:"total"`
				TotalIntakes int `json:"total_intakes"`
				Hits         []struct {
					ID string `json:"id"`
				} `json:"hits"`
			}
			q, err := url.ParseQuery(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			if !q.Has("per_page") {
				q.Set("per_page", "10")
			}
			getAPI(t, api, "/api/v1/search?"+q.Encode(), 200, &want)
			if want.Total == 0 {
				t.Fatalf("the API finds nothing for %s: not a test of the filters", tc.query)
			}
			if got.Total != want.Total || got.TotalIntakes != want.TotalIntakes {
				t.Errorf("total %d, %d intakes; the API says %d, %d", got.Total, got.TotalIntakes, want.Total, want.TotalIntakes)
			}
			var gotIDs, wantIDs []string
			for _, c := range got.Courses {
				gotIDs = append(gotIDs, c.ID)
				if c.Link != publicURL+"/kurs/"+url.PathEscape(c.ID) {
					t.Errorf("course %s links to %s", c.ID, c.Link)
				}
				if len(c.Intakes) == 0 || c.Intakes[0].Link == "" {
					t.Errorf("course %s: intakes without links: %+v", c.ID, c.Intakes)
				}
			}
			for _, h := range want.Hits {
				wantIDs = append(wantIDs, h.ID)
			}
			if !slices.Equal(gotIDs, wantIDs) {
				t.Errorf("courses %q, the API's hits %q", gotIDs, wantIDs)
			}
			if !strings.HasPrefix(got.Link, publicURL+"/?") {
				t.Errorf("search link %q", got.Link)
			}
		})
	}

	t.Run("search_courses/occupation by name", func(t *testing.T) {
		var byName, byCode mcpSearch
		call(t, cs, "search_courses", map[string]any{"occupation": []string{"Undersköterskor, hemtjänst, hemsjukvård och äldreboende"}}, &byName)
		call(t, cs, "search_courses", map[string]any{"occupation": []string{"5321"}}, &byCode)
		if byName.Total == 0 || byName.Total != byCode.Total {
			t.Errorf("by name %d courses, by code %d", byName.Total, byCode.Total)
		}
	})
}

// A bundled Lernia course (Bilmekaniker), the nearest start of a gap in
// the README's example.
const bundledOffering = "e.aub.lernia.100230"

func testMCPOfferingOccupationGaps(t *testing.T, d server.Deps) {
	api := httptest.NewServer(server.New(d))
	t.Cleanup(api.Close)
	cs := connect(t, server.NewMCP(d))

	t.Run("get_offering", func(t *testing.T) {
		var got map[string]any
		call(t, cs, "get_offering", map[string]any{"id": bundledOffering, "lang": "en"}, &got)
		var want map[string]any
		getAPI(t, api, "/api/v1/offerings/"+bundledOffering, 200, &want)
		// Everything the API says, and the links.
		for k, v := range want {
			if g, _ := json.Marshal(got[k]); string(g) != mustJSON(t, v) {
				t.Errorf("%s: %s, the API says %s", k, g, mustJSON(t, v))
			}
		}
		if got["link"] != publicURL+"/kurs/"+bundledOffering+"?lang=en" {
			t.Errorf("link %v", got["link"])
		}
		if _, ok := got["other_intakes"].([]any); !ok {
			t.Errorf("other_intakes %v", got["other_intakes"])
		}
	})

	t.Run("occupation_courses", func(t *testing.T) {
		type reach struct {
			Reach   string `json:"reach"`
			Intakes int    `json:"intakes"`
			Courses []struct {
				ID, Title, Link string
			} `json:"courses"`
			More int    `json:"more"`
			Link string `json:"link"`
		}
		var got struct {
			SSYK, Name, Link string
			Shortage         bool
			Barometer        []struct{ Name, Recruitment string }
			Total            int
			Groups           []reach
		}
		// By part of its name.
		call(t, cs, "occupation_courses", map[string]any{"occupation": "undersköterskor, hemtjänst", "municipality": "Härjedalen"}, &got)
		var cells struct {
			Cells []struct {
				Local, Nearby, Blended, Online int
				Shortage                       bool
			}
		}
		getAPI(t, api, "/api/v1/coverage?municipality=2361&occupation=5321&view=cells", 200, &cells)
		if len(cells.Cells) != 1 {
			t.Fatalf("%d cells", len(cells.Cells))
		}
		c := cells.Cells[0]
		if got.SSYK != "5321" || !strings.HasPrefix(got.Name, "Undersköterskor") {
			t.Errorf("occupation %s %q", got.SSYK, got.Name)
		}
		if got.Link != publicURL+"/yrke/5321?municipality=2361" {
			t.Errorf("link %s", got.Link)
		}
		if got.Shortage != c.Shortage || len(got.Barometer) == 0 {
			t.Errorf("shortage %v with barometer %v; the coverage API says %v", got.Shortage, got.Barometer, c.Shortage)
		}
		var reaches []string
		counts := map[string]int{}
		for _, g := range got.Groups {
			reaches = append(reaches, g.Reach)
			counts[g.Reach] = g.Intakes
			if g.Intakes > 0 && len(g.Courses) == 0 {
				t.Errorf("%s: %d intakes, no course listed", g.Reach, g.Intakes)
			}
			for _, course := range g.Courses {
				if course.Link != publicURL+"/kurs/"+url.PathEscape(course.ID) {
					t.Errorf("%s: course %s links to %s", g.Reach, course.ID, course.Link)
				}
			}
			if !strings.HasPrefix(g.Link, publicURL+"/?") || !strings.Contains(g.Link, "occupation=5321") {
				t.Errorf("%s: link %s", g.Reach, g.Link)
			}
		}
		if want := []string{"local", "nearby", "blended", "online", "farther"}; !slices.Equal(reaches, want) {
			t.Errorf("groups %q, want %q", reaches, want)
		}
		gotCounts := [4]int{counts["local"], counts["nearby"], counts["blended"], counts["online"]}
		if want := [4]int{c.Local, c.Nearby, c.Blended, c.Online}; gotCounts != want || got.Total != c.Local+c.Nearby+c.Blended+c.Online {
			t.Errorf("intakes %v (total %d), the coverage API's cell %v", gotCounts, got.Total, want)
		}
		if got.Total == 0 {
			t.Error("no course towards assistant nurse: not a test of the groups")
		}
	})

	t.Run("coverage_gaps", func(t *testing.T) {
		type gap struct {
			Municipality string   `json:"municipality"`
			Occupation   string   `json:"occupation"`
			SSYK         []string `json:"ssyk"`
			NearestID    string   `json:"nearest_id"`
		}
		var got struct {
			From, To string
			Link     string
			Gaps     []struct {
				gap
				Link        string `json:"link"`
				NearestLink string `json:"nearest_link"`
			}
		}
		call(t, cs, "coverage_gaps", map[string]any{"municipality": "Härjedalen", "months": 12}, &got)
		var want struct{ Gaps []gap }
		getAPI(t, api, "/api/v1/coverage?municipality=2361&view=gaps&to="+got.To, 200, &want)
		if len(want.Gaps) == 0 {
			t.Fatal("the API finds no gap: not a test")
		}
		var gotGaps []gap
		for _, g := range got.Gaps {
			gotGaps = append(gotGaps, g.gap)
			if len(g.SSYK) > 0 && g.Link != publicURL+"/yrke/"+g.SSYK[0]+"?municipality=2361" {
				t.Errorf("%s: link %s", g.Occupation, g.Link)
			}
			if (g.NearestID != "") != (g.NearestLink != "") {
				t.Errorf("%s: nearest %q links to %q", g.Occupation, g.NearestID, g.NearestLink)
			}
		}
		if mustJSON(t, gotGaps) != mustJSON(t, want.Gaps) {
			t.Errorf("gaps\n%s\nthe API's\n%s", mustJSON(t, gotGaps), mustJSON(t, want.Gaps))
		}
		if got.From != data.SnapshotDay || got.To != "2027-11-20" {
			t.Errorf("window %s to %s", got.From, got.To)
		}
		if got.Link != publicURL+"/tackning?months=12&municipality=2361" {
			t.Errorf("link %s", got.Link)
		}
		var all struct{ Gaps []gap }
		call(t, cs, "coverage_gaps", map[string]any{}, &all)
		muni := map[string]bool{}
		for _, g := range all.Gaps {
			muni[g.Municipality] = true
		}
		if len(all.Gaps) <= len(got.Gaps) || !muni["2361"] || len(muni) < 2 {
			t.Errorf("all municipalities: %d gaps in %d municipalities", len(all.Gaps), len(muni))
		}
	})

	t.Run("occupation_pathway", func(t *testing.T) {
		var got map[string]any
		call(t, cs, "occupation_pathway", map[string]any{"occupation": "5321", "municipality": "Härjedalen",
			"from": "grundskola"}, &got)
		var want map[string]any
		getAPI(t, api, "/api/v1/occupations/5321/pathways?municipality=2361&from=grundskola", 200, &want)
		steps, _ := want["steps"].([]any)
		if len(steps) == 0 {
			t.Fatal("the API finds no step towards assistant nurse: not a test")
		}
		link := got["link"]
		delete(got, "link")
		if mustJSON(t, got) != mustJSON(t, want) {
			t.Errorf("pathway\n%s\nthe API's\n%s", mustJSON(t, got), mustJSON(t, want))
		}
		if link != publicURL+"/yrke/5321?from=grundskola&municipality=2361#pathways-heading" {
			t.Errorf("link %v", link)
		}
	})

	// A bad argument is a tool error naming it, as the API's 400 does.
	bad := []struct {
		tool, argument string
		args           map[string]any
	}{
		{"search_courses", "municipality", map[string]any{"municipality": []string{"Gotham"}}},
		{"search_courses", "mode", map[string]any{"mode": []string{"teleport"}}},
		{"search_courses", "start_from", map[string]any{"start_from": "tomorrow"}},
		{"search_courses", "application_open", map[string]any{"application_open": "yes"}},
		{"search_courses", "occupation", map[string]any{"occupation": []string{"astronaut"}}},
		{"search_courses", "occupation", map[string]any{"occupation": []string{"9999"}}},
		{"search_courses", "page", map[string]any{"page": 100000}},
		{"search_courses", "page", map[string]any{"page": "two"}},
		{"get_offering", "id", map[string]any{"id": " "}},
		{"get_offering", "id", map[string]any{}},
		{"get_offering", "not_found", map[string]any{"id": "e.nothing"}},
		{"occupation_courses", "occupation", map[string]any{"occupation": "astronaut"}},
		{"occupation_courses", "occupation", map[string]any{"occupation": "lärare"}},
		{"occupation_courses", "municipality", map[string]any{"occupation": "5321", "municipality": "Stockholm"}},
		{"coverage_gaps", "months", map[string]any{"months": 99}},
		{"coverage_gaps", "lang", map[string]any{"lang": "fi"}},
		{"occupation_pathway", "municipality", map[string]any{"occupation": "5321"}},
		{"occupation_pathway", "from", map[string]any{"occupation": "5321", "municipality": "2361", "from": "phd"}},
		{"occupation_pathway", "occupation", map[string]any{"occupation": "astronaut", "municipality": "2361"}},
	}
	for _, tc := range bad {
		t.Run("bad/"+tc.tool+"/"+tc.argument, func(t *testing.T) {
			res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: tc.tool, Arguments: tc.args})
			if err != nil {
				t.Fatalf("a protocol error, not a tool error: %v", err)
			}
			t.Log(text(res))
			if !res.IsError || !strings.Contains(text(res), tc.argument) {
				t.Errorf("%v: error %v, %q; want a tool error naming %s", tc.args, res.IsError, text(res), tc.argument)
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// /mcp is the tools over streamable HTTP, with the API's treatment: the
// access log, the metrics, the body limit and the rate limit, and no
// cookies. Links point to the address asked when no public URL is set.
func testMCPOverHTTP(t *testing.T, d server.Deps) {
	var logs syncBuffer
	d.Log = slog.New(slog.NewTextHandler(&logs, nil))
	d.PublicURL = ""
	d.Limits = server.DefaultLimits()
	d.Limits.RatePerSecond, d.Limits.RateBurst = 1, 15
	srv := httptest.NewServer(server.New(d))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil).
		Connect(ctx, &mcp.StreamableClientTransport{Endpoint: srv.URL + "/mcp"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close() })

	var got mcpSearch
	call(t, cs, "search_courses", map[string]any{"q": "undersköterska", "municipality": []string{"Östersund"}}, &got)
	var want struct{ Total int }
	getAPI(t, srv, "/api/v1/search?q=undersk%C3%B6terska&municipality=2380", 200, &want)
	if got.Total == 0 || got.Total != want.Total {
		t.Errorf("%d courses over /mcp, the API says %d", got.Total, want.Total)
	}
	if !strings.HasPrefix(got.Courses[0].Link, srv.URL+"/kurs/") {
		t.Errorf("link %s, want one to %s", got.Courses[0].Link, srv.URL)
	}
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "coverage_gaps", Arguments: map[string]any{"months": 0.5}})
	if err != nil || !res.IsError || !strings.Contains(text(res), "months") {
		t.Errorf("months 0.5: %v, %v", err, res)
	}

	post := func(body string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/mcp", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	ping := `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}`
	if resp := post(ping); resp.StatusCode != http.StatusOK || resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("tools/list: %s, Set-Cookie %q", resp.Status, resp.Header.Get("Set-Cookie"))
	}
	if resp := post(`{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"pad":"` + strings.Repeat("x", 100<<10) + `"}}`); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over the limit: %s, want 413", resp.Status)
	}
	if resp := post(""); resp.StatusCode == http.StatusOK {
		t.Errorf("an empty POST: %s", resp.Status)
	}
	get, _ := do(t, http.MethodGet, srv.URL+"/mcp", nil)
	if get.StatusCode != http.StatusMethodNotAllowed || get.Header.Get("Allow") != "POST" {
		t.Errorf("GET /mcp: %s, Allow %q; want 405 and POST", get.Status, get.Header.Get("Allow"))
	}

	status := 0
	for range 30 {
		if status = post(ping).StatusCode; status == http.StatusTooManyRequests {
			break
		}
	}
	if status != http.StatusTooManyRequests {
		t.Errorf("30 requests over a burst of 15: %d, want 429", status)
	}

	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if m := `kurskatalog_http_requests_total{method="POST",route="/mcp",status="200"}`; !strings.Contains(string(metrics), m) {
		t.Errorf("metrics lack %s", m)
	}
	if l := "method=POST route=/mcp path=/mcp status=200"; !strings.Contains(logs.String(), l) {
		t.Errorf("the access log lacks %q", l)
	}
}
