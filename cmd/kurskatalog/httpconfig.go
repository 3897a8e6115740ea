package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"kurskatalog/server"
)

// HTTPConfig is how the service meets the public: the HTTP server's
// timeouts and the limits on requests and clients. Zero values take the
// defaults that setDefaults fills and default.yaml documents.
type HTTPConfig struct {
	// Timeouts of the HTTP server: ReadHeader against clients that send
	// their headers slowly, Read and Write for a whole request and answer,
	// Idle for a kept-alive connection between requests. Shutdown is how
	// long running requests may finish after a stop before their
	// connections are closed.
	ReadHeaderTimeout Duration `yaml:"read_header_timeout"`
	ReadTimeout       Duration `yaml:"read_timeout"`
	WriteTimeout      Duration `yaml:"write_timeout"`
	IdleTimeout       Duration `yaml:"idle_timeout"`
	ShutdownTimeout   Duration `yaml:"shutdown_timeout"`
	// Request limits (server.Limits).
	MaxHeaderBytes    int      `yaml:"max_header_bytes"`
	MaxQueryBytes     int      `yaml:"max_query_bytes"`
	MaxBodyBytes      int64    `yaml:"max_body_bytes"`
	SearchTimeout     Duration `yaml:"search_timeout"`
	SearchConcurrency int      `yaml:"search_concurrency"`
	RateLimit         struct {
		PerSecond float64 `yaml:"per_second"` // -1: no limit
		Burst     int     `yaml:"burst"`
		Clients   int     `yaml:"clients"`
	} `yaml:"rate_limit"`
	// ClientIPHeader names the header in which the reverse proxy in front
	// passes the client's address; empty without a proxy.
	ClientIPHeader string `yaml:"client_ip_header"`
}

func (h *HTTPConfig) setDefaults() {
	l := server.DefaultLimits()
	defaults := []struct {
		field *Duration
		value time.Duration
	}{
		{&h.ReadHeaderTimeout, 10 * time.Second},
		{&h.ReadTimeout, 30 * time.Second},
		{&h.WriteTimeout, 60 * time.Second},
		{&h.IdleTimeout, 120 * time.Second},
		{&h.ShutdownTimeout, 15 * time.Second},
		{&h.SearchTimeout, l.SearchTimeout},
	}
	for _, d := range defaults {
		if *d.field == 0 {
			*d.field = Duration(d.value)
		}
	}
	if h.MaxHeaderBytes == 0 {
		h.MaxHeaderBytes = l.MaxHeaderBytes
	}
	if h.MaxQueryBytes == 0 {
		h.MaxQueryBytes = l.MaxQueryBytes
	}
	if h.MaxBodyBytes == 0 {
		h.MaxBodyBytes = l.MaxBodyBytes
	}
	if h.SearchConcurrency == 0 {
		h.SearchConcurrency = l.SearchConcurrency
	}
	if h.RateLimit.PerSecond == 0 {
		h.RateLimit.PerSecond = l.RatePerSecond
	}
	if h.RateLimit.Burst == 0 {
		h.RateLimit.Burst = l.RateBurst
	}
	if h.RateLimit.Clients == 0 {
		h.RateLimit.Clients = l.RateClients
	}
}

func (h *HTTPConfig) validate() error {
	for name, d := range map[string]Duration{"read_header_timeout": h.ReadHeaderTimeout, "read_timeout": h.ReadTimeout,
		"write_timeout": h.WriteTimeout, "idle_timeout": h.IdleTimeout, "shutdown_timeout": h.ShutdownTimeout,
		"search_timeout": h.SearchTimeout} {
		if d <= 0 {
			return fmt.Errorf("http: %s must be positive", name)
		}
	}
	// An answer cannot outlast the server's write deadline: a search
	// deadline past it would never be seen as a 503.
	if h.SearchTimeout >= h.WriteTimeout {
		return fmt.Errorf("http: search_timeout (%s) must be shorter than write_timeout (%s)",
			time.Duration(h.SearchTimeout), time.Duration(h.WriteTimeout))
	}
	if h.MaxHeaderBytes <= 0 || h.MaxQueryBytes <= 0 || h.MaxBodyBytes <= 0 || h.SearchConcurrency <= 0 ||
		h.RateLimit.Burst <= 0 || h.RateLimit.Clients <= 0 {
		return fmt.Errorf("http: sizes, search_concurrency and rate_limit's burst and clients must be positive")
	}
	if h.RateLimit.PerSecond < 0 && h.RateLimit.PerSecond != -1 {
		return fmt.Errorf("http: rate_limit.per_second must be positive, or -1 for no limit")
	}
	return nil
}

// limits are the server's limits from the configuration.
func (h *HTTPConfig) limits() server.Limits {
	return server.Limits{MaxHeaderBytes: h.MaxHeaderBytes, MaxQueryBytes: h.MaxQueryBytes, MaxBodyBytes: h.MaxBodyBytes,
		SearchTimeout: time.Duration(h.SearchTimeout), SearchConcurrency: h.SearchConcurrency,
		RatePerSecond: h.RateLimit.PerSecond, RateBurst: h.RateLimit.Burst, RateClients: h.RateLimit.Clients,
		ClientIPHeader: h.ClientIPHeader}
}

// validatePublicURL checks public_url: an absolute http(s) address with a
// host, and no query or fragment, since paths are appended to it.
func validatePublicURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" ||
		u.Fragment != "" || u.User != nil {
		return fmt.Errorf("public_url: %q is not an http or https address such as https://kurskatalog.example.se", raw)
	}
	return nil
}

// httpServer is serve's HTTP server, with the configured timeouts.
func (a *app) httpServer(ready func() bool) *http.Server {
	h := &a.cfg.HTTP
	if a.cfg.PublicURL == "" {
		a.log.Warn("public_url is not set: absolute links in feeds, calendars, shared lists and the sitemap point to localhost")
	}
	a.site = a.handler(ready)
	return &http.Server{
		Handler:           a.site,
		ReadHeaderTimeout: time.Duration(h.ReadHeaderTimeout),
		ReadTimeout:       time.Duration(h.ReadTimeout),
		WriteTimeout:      time.Duration(h.WriteTimeout),
		IdleTimeout:       time.Duration(h.IdleTimeout),
		// net/http's own limit covers the request line too, and answers in
		// plain text: it is set above the handler's limits, so that an
		// oversized request gets the API's JSON 414 or 431 from the handler.
		MaxHeaderBytes: h.MaxHeaderBytes + h.MaxQueryBytes + 64<<10,
		ErrorLog:       slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
}

// shutdown stops srv: it takes no new connections, lets running requests
// finish within the shutdown timeout, then closes the connections left.
func (a *app) shutdown(ctx context.Context, srv *http.Server) error {
	timeout := time.Duration(a.cfg.HTTP.ShutdownTimeout)
	drain, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	defer cancel()
	err := srv.Shutdown(drain)
	if errors.Is(err, context.DeadlineExceeded) {
		a.log.Warn("Requests still running after the shutdown timeout: closing their connections", "timeout", timeout)
		return srv.Close()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
