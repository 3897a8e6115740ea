package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"kurskatalog/data/catalog"
	"kurskatalog/frontend"
)

// The Model Context Protocol interface: the catalogue's questions as tools
// that a language-model client can call, served at /mcp (streamable HTTP)
// and by `kurskatalog mcp` (stdio). Each tool asks what the API or a page
// asks, through the same parsing and the same computation, and answers
// with absolute links to the pages that show the same thing.

// mcpTools are the tools (clients list them by name). A tool is one
// function that adds itself with addTool; one more tool is one more entry.
var mcpTools = []func(*Server, *mcp.Server){
	(*Server).searchCoursesTool,
	(*Server).offeringTool,
	(*Server).occupationCoursesTool,
	(*Server).coverageGapsTool,
	(*Server).pathwayTool,
}

// NewMCP returns the MCP server with every tool over d, for a transport of
// the caller's choosing (stdio in `kurskatalog mcp`).
func NewMCP(d Deps) *mcp.Server {
	return newServer(d).mcpServer()
}

// mcpVersion is the version the server reports to clients; it changes when
// a tool's arguments or answers change.
const mcpVersion = "1.0.0"

func (s *Server) mcpServer() *mcp.Server {
	m := mcp.NewServer(&mcp.Implementation{Name: "kurskatalog", Title: "Kurskatalog Jämtland Härjedalen", Version: mcpVersion},
		&mcp.ServerOptions{Logger: s.Log, Instructions: mcpInstructions,
			// Tools only: no logging capability, so no state per client.
			Capabilities: &mcp.ServerCapabilities{Tools: &mcp.ToolCapabilities{}}})
	for _, add := range mcpTools {
		add(s, m)
	}
	return m
}

const mcpInstructions = `The adult-education course catalogue of Jämtland Härjedalen, Sweden: ` +
	`courses and programmes on site in the county's eight municipalities and at a distance from anywhere, ` +
	`the occupations they lead to with the county's shortage signal, and the shortage occupations a ` +
	`municipality's residents cannot train for. Course data is mostly in Swedish. Every answer links to ` +
	`the catalogue's page showing the same thing; give users those links.`

// mcpPath is where the service serves the tools.
const mcpPath = "/mcp"

// mcpHandler serves the tools over streamable HTTP. Stateless: every POST
// is answered on its own with JSON, so the service keeps no sessions and a
// request goes through the same limits, metrics and access log as the API.
func (s *Server) mcpHandler() gin.HandlerFunc {
	m := s.mcpServer()
	h := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return m },
		&mcp.StreamableHTTPOptions{Stateless: true, JSONResponse: true, Logger: s.Log,
			MaxRequestBodyBytes: s.Limits.MaxBodyBytes})
	return func(c *gin.Context) {
		ctx := context.WithValue(c.Request.Context(), linkBase{}, s.baseURL(c))
		h.ServeHTTP(c.Writer, c.Request.WithContext(ctx))
	}
}

// MCPHandler serves the tools over streamable HTTP without the API's
// middleware: for the admin socket, whose one client is `kurskatalog mcp`
// on the same machine.
func MCPHandler(d Deps) http.Handler {
	s := newServer(d)
	m := s.mcpServer()
	return mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return m },
		&mcp.StreamableHTTPOptions{Stateless: true, JSONResponse: true, Logger: s.Log})
}

// linkBase carries the base of a request's absolute links (baseURL) to the
// tools; without it (stdio) they use the configured public URL.
type linkBase struct{}

// link is the absolute address of path on the catalogue's site, in lang.
func (s *Server) link(ctx context.Context, lang, path string) string {
	base, _ := ctx.Value(linkBase{}).(string)
	if base == "" {
		base = strings.TrimSuffix(s.PublicURL, "/")
	}
	if base == "" {
		base = fallbackBaseURL
	}
	return base + frontend.Href(lang, path)
}

// addTool adds a tool whose handler answers In with Out or a catalogue
// error. A bad argument is a tool error that names it, as the API's 400
// names the parameter; internal errors and panics are logged and shown only
// as "internal error", as the API shows them.
func addTool[In, Out any](s *Server, m *mcp.Server, t *mcp.Tool, do func(ctx context.Context, in In) (Out, error)) {
	mcp.AddTool(m, t, func(ctx context.Context, _ *mcp.CallToolRequest, in In) (_ *mcp.CallToolResult, out Out, err error) {
		defer func() {
			if p := recover(); p != nil {
				err = s.toolError(t.Name, fmt.Errorf("panic: %v", p))
			}
		}()
		out, err = do(ctx, in)
		if err != nil {
			var zero Out
			return nil, zero, s.toolError(t.Name, err)
		}
		return nil, out, nil
	})
}

// toolError is what a client is told of err.
func (s *Server) toolError(tool string, err error) error {
	var e *catalog.Error
	if !errors.As(err, &e) || e.Code == catalog.EInternal {
		s.Log.Error("MCP tool failed", "tool", tool, "error", err)
		return errors.New("internal error")
	}
	if e.Parameter != "" {
		return fmt.Errorf("%s argument %q: %s", e.Code, e.Parameter, e.Message)
	}
	return fmt.Errorf("%s: %s", e.Code, e.Message)
}
