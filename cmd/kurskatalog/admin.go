package main

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"path/filepath"
	"sync"
	"time"

	"kurskatalog/crawler/progress"
	"kurskatalog/data/catalog"
	"kurskatalog/server"
)

// The admin socket is how crawl and reindex reach a running service, which
// owns the data dir: the service does the work, so the store and the index
// keep one writer. It is a unix socket in the data dir, readable only by the
// service's user, and every request carries the admin token as well.
const (
	adminSocketFile = "admin.sock"
	adminTokenFile  = "admin.token"
	adminMCPPath    = "/v1/mcp"
)

// adminEvent is one line of an admin answer (JSON lines): progress while
// the work goes on, then one with Done and the outcome.
type adminEvent struct {
	Progress  []sourceProgress `json:"progress,omitempty"`
	Done      bool             `json:"done,omitempty"`
	Runs      []catalog.Run    `json:"runs,omitempty"`
	Offerings int              `json:"offerings,omitempty"`
	Error     string           `json:"error,omitempty"`
}

type sourceProgress struct {
	Source  string `json:"source"`
	Pages   int64  `json:"pages"`
	Records int64  `json:"records"`
}

// startAdmin listens on the data dir's admin socket until stop is called.
// Work asked for runs under ctx, the service's: a command that stops
// waiting does not stop it, a shutdown does. stop waits for that work.
func (a *app) startAdmin(ctx context.Context) (stop func()) {
	sock, tokenPath := filepath.Join(a.dataDir, adminSocketFile), filepath.Join(a.dataDir, adminTokenFile)
	// This process owns the data dir: files left by a killed service are stale.
	os.Remove(sock)
	os.Remove(tokenPath)
	token := a.cfg.AdminToken
	if token == "" {
		b := make([]byte, 32)
		rand.Read(b)
		token = hex.EncodeToString(b)
		if err := os.WriteFile(tokenPath, []byte(token+"\n"), 0o600); err != nil {
			a.log.Error("Admin socket off: no token", "error", err)
			return func() {}
		}
	}
	ln, err := net.Listen("unix", sock)
	if err == nil {
		err = os.Chmod(sock, 0o600)
	}
	if err != nil {
		// Serving matters more: crawl and reindex then say the data dir is in use.
		a.log.Error("Admin socket off; crawl and reindex cannot reach this service", "path", sock, "error", err)
		os.Remove(tokenPath)
		return func() {}
	}
	var work sync.WaitGroup
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/crawl", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Sources []string `json:"sources"`
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil {
			http.Error(w, "body: "+err.Error(), http.StatusBadRequest)
			return
		}
		a.log.Info("Crawl asked for on the admin socket", "sources", req.Sources)
		work.Add(1)
		defer work.Done()
		var mu sync.Mutex
		var seen []sourceProgress
		counters := map[string]*progress.Counter{}
		watch := func(id string, c *progress.Counter) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, sourceProgress{Source: id})
			counters[id] = c
		}
		now := func() []sourceProgress {
			mu.Lock()
			defer mu.Unlock()
			for i := range seen {
				c := counters[seen[i].Source]
				seen[i].Pages, seen[i].Records = c.Pages(), c.Records()
			}
			return append([]sourceProgress(nil), seen...)
		}
		stream(w, now, func() adminEvent {
			runs, err := a.crawl(ctx, req.Sources, watch)
			return adminEvent{Runs: runs, Error: errorText(err)}
		})
	})
	mux.HandleFunc("POST /v1/reindex", func(w http.ResponseWriter, r *http.Request) {
		a.log.Info("Reindex asked for on the admin socket")
		work.Add(1)
		defer work.Done()
		stream(w, nil, func() adminEvent {
			n, err := a.refresh(ctx)
			a.afterRuns(ctx)
			return adminEvent{Offerings: n, Error: errorText(err)}
		})
	})
	// The MCP tools, for `kurskatalog mcp` beside the service (mcp.go).
	mux.Handle("POST "+adminMCPPath, server.MCPHandler(a.deps(nil)))
	// Go's profiles of the running service (memory, CPU, goroutines), for
	// the operator on this machine only: never on the public address.
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: requireToken(token, mux), ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout: time.Minute} // no WriteTimeout: an answer streams for as long as its crawl runs
	go srv.Serve(ln)
	a.log.Info("Admin socket open", "path", sock)
	return func() {
		shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
		work.Wait() // the index closes after this: no work may outlive it
		os.Remove(sock)
		os.Remove(tokenPath)
	}
}

// stream answers with progress lines every half second while do runs (none
// when progress is nil), then do's outcome. do runs to its end even when
// the client has gone.
func stream(w http.ResponseWriter, progress func() []sourceProgress, do func() adminEvent) {
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	rc.Flush()
	enc := json.NewEncoder(w)
	done := make(chan adminEvent, 1)
	go func() { done <- do() }()
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case ev := <-done:
			ev.Done = true
			enc.Encode(ev)
			rc.Flush()
			return
		case <-tick.C:
			if progress != nil {
				enc.Encode(adminEvent{Progress: progress()})
				rc.Flush()
			}
		}
	}
}

// requireToken lets through only requests that carry the admin token.
func requireToken(token string, next http.Handler) http.Handler {
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			http.Error(w, "wrong or missing admin token", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// errNoService means no running service answered on the admin socket.
var errNoService = errors.New("no service answers on the admin socket")
