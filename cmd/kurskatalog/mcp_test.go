package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// mcpSession runs `kurskatalog mcp` on dataDir with an in-memory transport
// for stdio and returns a client session with it, and the command's
// outcome once the session is closed.
func mcpSession(t *testing.T, dataDir string) (*mcp.ClientSession, <-chan error, *bytes.Buffer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	st, ct := mcp.NewInMemoryTransports()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- mcpCommand(ctx, cfg, dataDir, slog.New(slog.DiscardHandler), st, &stderr) }()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	return cs, done, &stderr
}

// searchTotal calls search_courses and returns its total.
func searchTotal(t *testing.T, cs *mcp.ClientSession, args map[string]any) int {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "search_courses", Arguments: args})
	if err != nil || res.IsError {
		t.Fatalf("search_courses: %v %+v", err, res)
	}
	b, _ := json.Marshal(res.StructuredContent)
	var out struct{ Total int }
	json.Unmarshal(b, &out)
	return out.Total
}

// `kurskatalog mcp` answers by itself on a data dir no one owns, and
// beside a running serve through the service, never opening the index a
// second time.
func TestMCPCommandAloneAndBesideServe(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "var")
	crawlOnce(t, "", dataDir)

	cs, done, _ := mcpSession(t, dataDir)
	alone := searchTotal(t, cs, map[string]any{"q": "undersköterska", "municipality": []string{"Härjedalen"}, "include_distance": true})
	if alone == 0 {
		t.Fatal("no course found: not a test")
	}
	// While it owns the data dir, a serve says so at once.
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"serve", "--data-dir", dataDir, "--addr", "127.0.0.1:0"}, io.Discard, &stderr); code == 0 ||
		!strings.Contains(stderr.String(), "kurskatalog mcp") {
		t.Errorf("serve beside mcp: exit %d: %s", code, stderr.String())
	}
	cs.Close()
	if err := <-done; err != nil {
		t.Fatalf("mcp alone: %v", err)
	}

	base, _ := startServe(t, "--data-dir", dataDir)
	cs, done, stderrMCP := mcpSession(t, dataDir)
	var tools []string
	for tool, err := range cs.Tools(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		tools = append(tools, tool.Name)
	}
	if len(tools) != 5 {
		t.Errorf("tools through the service: %q", tools)
	}
	beside := searchTotal(t, cs, map[string]any{"q": "undersköterska", "municipality": []string{"Härjedalen"}, "include_distance": true})
	var api struct{ Total int }
	getJSON(t, base+"/api/v1/search?q=undersk%C3%B6terska&municipality=2361&include_distance=true", 200, &api)
	if beside != alone || beside != api.Total {
		t.Errorf("beside serve %d courses, alone %d, the API %d", beside, alone, api.Total)
	}
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "coverage_gaps", Arguments: map[string]any{"municipality": "Oslo"}})
	if err != nil || !res.IsError {
		t.Errorf("a bad municipality through the service: %v %+v", err, res)
	}
	cs.Close()
	if err := <-done; err != nil {
		t.Fatalf("mcp beside serve: %v", err)
	}
	if !strings.Contains(stderrMCP.String(), "its tools answer here") {
		t.Errorf("mcp did not say it asks the service: %s", stderrMCP.String())
	}
}
