package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The public side's settings have defaults (what cannot work is refused:
// TestConfigErrors).
func TestHTTPConfig(t *testing.T) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	h := cfg.HTTP
	if h.ReadHeaderTimeout == 0 || h.ReadTimeout == 0 || h.WriteTimeout == 0 || h.IdleTimeout == 0 ||
		h.ShutdownTimeout == 0 || h.SearchTimeout == 0 || h.RateLimit.PerSecond <= 0 || cfg.PublicURL != "" {
		t.Errorf("defaults: %+v, public_url %q", h, cfg.PublicURL)
	}
}

// serve listens before its first import: /healthz answers and /readyz says
// 503 until the catalogue is imported, then 200; links use public_url; and
// a stop drains the server.
func TestServeReadiness(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the bundled snapshots")
	}
	dir := t.TempDir()
	config := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(config, append(append([]byte{}, defaultConfig...), "\npublic_url: https://kurskatalog.example.se\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	// A free port, known before serve prints it once ready.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"serve", "--config", config, "--data-dir", filepath.Join(dir, "var"), "--addr", addr}, pw, &stderr)
		pw.Close()
	}()
	served := make(chan struct{})
	go func() {
		line, _ := io.ReadAll(io.LimitReader(pr, int64(len("Kurskatalog is serving on"))))
		if strings.HasPrefix(string(line), "Kurskatalog is serving on") {
			close(served)
		}
		io.Copy(io.Discard, pr)
	}()

	base := "http://" + addr
	status := func(path string) int {
		resp, err := http.Get(base + path)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	var loading, alive bool
	deadline := time.After(2 * time.Minute)
wait:
	for {
		select {
		case <-served:
			break wait
		case <-deadline:
			t.Fatalf("serve did not become ready:\n%s", stderr.String())
		case <-time.After(20 * time.Millisecond):
			if s := status("/readyz"); s == http.StatusServiceUnavailable {
				loading = true
				alive = alive || status("/healthz") == http.StatusOK
			}
		}
	}
	if !loading || !alive {
		t.Errorf("while importing: /readyz 503 seen %t, /healthz 200 seen %t; want both", loading, alive)
	}
	if s := status("/readyz"); s != http.StatusOK {
		t.Errorf("ready: /readyz %d, want 200", s)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/robots.txt", nil)
	req.Host = "evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "Sitemap: https://kurskatalog.example.se/sitemap.xml") {
		t.Errorf("robots.txt does not use public_url:\n%s", body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d:\n%s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}
