package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"kurskatalog/server"
)

// mcpCommand serves the catalogue's MCP tools over t (stdin and stdout for
// `kurskatalog mcp`) until the client closes it or ctx ends. One process
// owns a data dir: when a service owns it, the tools are the service's,
// asked over its admin socket, so that they answer from the live catalogue
// and nothing opens the index twice; when none does, this command owns the
// data dir while it runs, as crawl does, and answers from the store and
// index itself. Beside a crawl or reindex it fails at once.
func mcpCommand(ctx context.Context, cfg *Config, dataDir string, log *slog.Logger, t mcp.Transport, stderr io.Writer) error {
	lock, err := lockDataDir(dataDir, "mcp")
	var inUse *inUseError
	if errors.As(err, &inUse) {
		c, err := adminClientFor("mcp", cfg, dataDir, inUse)
		if err != nil {
			return err
		}
		srv, closeService, err := c.mcpProxy(ctx)
		if err != nil {
			return err
		}
		defer closeService()
		fmt.Fprintf(stderr, "kurskatalog mcp: %s; its tools answer here.\n", inUse)
		return srv.Run(ctx, t)
	}
	if err != nil {
		return err
	}
	defer lock.Close()
	a, err := openApp(ctx, cfg, dataDir, log, true, roleAPI) // it only reads
	if err != nil {
		return err
	}
	defer a.Close()
	return server.NewMCP(a.deps(nil)).Run(ctx, t)
}

// mcpToolTimeout bounds how long the service may take to answer a tool
// call before the command gives up on it.
const mcpToolTimeout = 30 * time.Second

// mcpProxy connects to the service's tools on its admin socket and returns
// an MCP server whose tools are those: each listed with the service's name,
// description and schemas, and each call passed on and its answer back.
// Tools added to the service need nothing here.
func (c *adminClient) mcpProxy(ctx context.Context) (*mcp.Server, func(), error) {
	hc := c.httpClient(mcpToolTimeout)
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "kurskatalog-mcp", Version: "1"}, nil).Connect(ctx,
		&mcp.StreamableClientTransport{Endpoint: "http://kurskatalog" + adminMCPPath, HTTPClient: hc, DisableStandaloneSSE: true}, nil)
	if err != nil {
		return nil, nil, c.unreachable(err)
	}
	init := cs.InitializeResult()
	srv := mcp.NewServer(init.ServerInfo, &mcp.ServerOptions{Instructions: init.Instructions,
		Capabilities: &mcp.ServerCapabilities{Tools: &mcp.ToolCapabilities{}}})
	for tool, err := range cs.Tools(ctx, nil) {
		if err != nil {
			cs.Close()
			return nil, nil, c.unreachable(err)
		}
		srv.AddTool(tool, func(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: req.Params.Name, Arguments: req.Params.Arguments})
			if err != nil {
				res = &mcp.CallToolResult{}
				res.SetError(fmt.Errorf("the service did not answer (%v); is it running? see its log", err))
			}
			return res, nil
		})
	}
	return srv, func() { cs.Close() }, nil
}

// tokenTransport adds the admin token to every request.
type tokenTransport struct {
	token string
	next  http.RoundTripper
}

func (t tokenTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+t.token)
	return t.next.RoundTrip(r)
}
