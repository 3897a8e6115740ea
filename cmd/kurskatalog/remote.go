package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kurskatalog/crawler/progress"
	"kurskatalog/data/catalog"
)

// askService runs crawl or reindex through the service that owns the data
// dir (inUse says who), over its admin socket, and shows the outcome as if
// the command had done the work itself. Without an answering service it
// fails at once with what to do.
func askService(ctx context.Context, cmd string, cfg *Config, dataDir string, ids []string, inUse *inUseError, out, errOut io.Writer, logs *logSink) error {
	c, err := adminClientFor(cmd, cfg, dataDir, inUse)
	if err != nil {
		return err
	}
	fmt.Fprintf(errOut, "kurskatalog %s: %s; it does the %s and reports here.\n", cmd, inUse, cmd)
	switch cmd {
	case "crawl":
		return crawlCommand(ctx, c.crawl, ids, out, logs)
	case "reindex":
		ev, err := c.do(ctx, "/v1/reindex", nil, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Index refreshed by the service: %d offerings\n", ev.Offerings)
		return nil
	}
	return fmt.Errorf("%s cannot be asked of the service", cmd)
}

// adminClient speaks to a service's admin socket.
type adminClient struct {
	sock, token string
	inUse       *inUseError
}

// adminClientFor is the client of the service that owns dataDir (inUse
// says who), for cmd. Without an admin socket (the owner is no service)
// or a token it fails at once with what to do.
func adminClientFor(cmd string, cfg *Config, dataDir string, inUse *inUseError) (*adminClient, error) {
	sock := filepath.Join(dataDir, adminSocketFile)
	if _, err := os.Stat(sock); err != nil {
		return nil, inUse.advice(cmd)
	}
	token := cfg.AdminToken
	if token == "" {
		b, err := os.ReadFile(filepath.Join(dataDir, adminTokenFile))
		if err != nil {
			return nil, fmt.Errorf("%w, and no admin token: set admin_token in the config or $KURSKATALOG_ADMIN_TOKEN as the service has it", inUse)
		}
		token = strings.TrimSpace(string(b))
	}
	return &adminClient{sock: sock, token: token, inUse: inUse}, nil
}

// httpClient reaches the admin socket with the token. A service that sends
// no answer's headers within headerTimeout is taken for hung.
func (c *adminClient) httpClient(headerTimeout time.Duration) *http.Client {
	return &http.Client{Transport: tokenTransport{token: c.token, next: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			d := net.Dialer{Timeout: time.Second}
			return d.DialContext(ctx, "unix", c.sock)
		},
		ResponseHeaderTimeout: headerTimeout,
	}}}
}

// unreachable is the error for a service that did not answer.
func (c *adminClient) unreachable(err error) error {
	return fmt.Errorf("%w (%w: %v): %s", c.inUse, errNoService, err, c.inUse.remedy())
}

// crawl is a crawlFunc that has the service crawl.
func (c *adminClient) crawl(ctx context.Context, ids []string, watch func(id string, c *progress.Counter)) ([]catalog.Run, error) {
	counters := map[string]*progress.Counter{}
	onProgress := func(ps []sourceProgress) {
		for _, p := range ps {
			ctr, ok := counters[p.Source]
			if !ok {
				ctr = &progress.Counter{}
				counters[p.Source] = ctr
				watch(p.Source, ctr)
			}
			ctr.Add(p.Pages-ctr.Pages(), p.Records-ctr.Records())
		}
	}
	body, _ := json.Marshal(map[string][]string{"sources": ids})
	ev, err := c.do(ctx, "/v1/crawl", body, onProgress)
	if err != nil && ev == nil {
		return nil, err
	}
	for _, r := range ev.Runs {
		if ctr, ok := counters[r.Source]; ok {
			var failed error
			if r.Error != "" {
				failed = errors.New(r.Error)
			}
			ctr.Finish(failed)
		}
	}
	return ev.Runs, err
}

// do posts to path and reads the answer's lines until the outcome, which it
// returns with the outcome's error.
func (c *adminClient) do(ctx context.Context, path string, body []byte, onProgress func([]sourceProgress)) (*adminEvent, error) {
	// The service answers at once and then streams: a service that does
	// not is hung, and the command must not wait with it.
	hc := c.httpClient(time.Second)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://kurskatalog"+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, c.unreachable(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		return nil, fmt.Errorf("the service refused the admin token: give this command the service's admin_token (config) or $KURSKATALOG_ADMIN_TOKEN")
	}
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		return nil, fmt.Errorf("the service answered %s: %s", resp.Status, strings.TrimSpace(string(msg)))
	}
	dec := json.NewDecoder(resp.Body)
	for {
		var ev adminEvent
		if err := dec.Decode(&ev); err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("stopped waiting; the service goes on and records the outcome (GET /api/v1/sources)")
			}
			return nil, fmt.Errorf("the service ended the answer before the outcome (did it stop? see its log): %w", err)
		}
		if ev.Done {
			if ev.Error != "" {
				return &ev, errors.New(ev.Error)
			}
			return &ev, nil
		}
		if onProgress != nil {
			onProgress(ev.Progress)
		}
	}
}
