// Package fetch is the polite HTTP client shared by every crawler source.
//
// All politeness (User-Agent, robots.txt, per-host parallelism and spacing,
// per-request timeout, redirect host policy, body size limit) lives in an
// http.RoundTripper, so it applies equally to Client.Get and to libraries such
// as colly that are handed Client.HTTPClient. Get adds what only makes sense
// for a caller that wants a whole body: retries, conditional requests and
// status classification.
package fetch

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Errors reported by the client. They are always wrapped with the URL, so
// test for them with errors.Is.
var (
	// ErrDisallowedByRobots means the host's robots.txt forbids the URL for
	// our user agent (or robots.txt could not be read in a way that, by
	// convention, forbids everything).
	ErrDisallowedByRobots = errors.New("disallowed by robots.txt")
	// ErrRedirectOutsideHosts means a redirect pointed to a host that is
	// neither the start URL's host nor in Config.AllowedHosts, or the chain
	// was longer than the redirect limit.
	ErrRedirectOutsideHosts = errors.New("redirect outside allowed hosts")
	// ErrTooLarge means the response body exceeded Config.MaxBodyBytes.
	ErrTooLarge = errors.New("response body too large")
)

// DefaultUserAgent identifies the catalogue's crawler and says how to reach
// its operators, as site owners expect from a well-behaved bot.
const DefaultUserAgent = "Kurskatalog-JH/1.0 (+https://kurskatalog.regionjh.se/om; kurskatalog@regionjamtland.se)"

// Config controls the client's politeness and robustness. The zero value is
// usable: withDefaults fills every zero field. Where a zero would be a
// meaningful setting (no delay, no retries, no timeout) a negative value
// asks for it explicitly.
type Config struct {
	// UserAgent is sent on every request and used to pick the robots.txt
	// group. Default DefaultUserAgent.
	UserAgent string
	// Delay is the minimum gap between the starts of two requests to the
	// same host. Default 1s; negative means no gap. A larger robots.txt
	// Crawl-delay wins.
	Delay time.Duration
	// Parallelism is the maximum number of requests in flight per host,
	// counted until the response body is read or closed. Default 2.
	Parallelism int
	// Timeout bounds one request attempt, from the moment it gets its
	// per-host slot until its body is closed; time spent queueing for the
	// slot does not count. Default 30s; negative means none.
	Timeout time.Duration
	// Retries is how many times Get retries after a retryable failure (5xx,
	// 429, timeout, transport error, truncated body). Default 3; negative
	// means never retry.
	Retries int
	// RetryBackoff is the base of the exponential backoff between retries
	// (doubled per attempt, with jitter, capped at maxBackoff). Default 500ms.
	RetryBackoff time.Duration
	// MaxBodyBytes caps a response body; beyond it reads fail with
	// ErrTooLarge. Default 64 MiB.
	MaxBodyBytes int64
	// AllowedHosts lists the hosts a redirect may lead to besides the start
	// URL's own host. An entry with a port ("example.se:8443") must match
	// host and port; one without matches the host name on any port.
	AllowedHosts []string
	// IgnoreRobots turns off robots.txt checking. It replaces the brief's
	// RespectRobots: a bool whose zero value must mean "respect" has to be
	// phrased negatively, or Config{} would crawl impolitely.
	IgnoreRobots bool
	// Validators optionally persists ETag / Last-Modified across runs. The
	// client always remembers them in memory for its own lifetime.
	Validators Validators
}

// withDefaults returns c with every unset field given its default value.
func (c Config) withDefaults() Config {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Delay == 0 {
		c.Delay = time.Second
	}
	if c.Delay < 0 {
		c.Delay = 0
	}
	if c.Parallelism <= 0 {
		c.Parallelism = 2
	}
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
	if c.Timeout < 0 {
		c.Timeout = 0
	}
	if c.Retries == 0 {
		c.Retries = 3
	}
	if c.Retries < 0 {
		c.Retries = 0
	}
	if c.RetryBackoff <= 0 {
		c.RetryBackoff = 500 * time.Millisecond
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 64 << 20
	}
	return c
}

// Client is a polite HTTP client. It is safe for concurrent use, and should
// be shared by everything crawling during a run so that the per-host limits
// and the robots.txt cache are shared too.
type Client struct {
	cfg        Config
	transport  *politeTransport
	http       *http.Client
	validators *validatorCache
}

// New returns a client that sends every request, robots.txt included,
// through transport (nil means http.DefaultTransport). Tests and bundled
// snapshots rely on that: nothing bypasses transport.
func New(cfg Config, transport http.RoundTripper) *Client {
	cfg = cfg.withDefaults()
	if transport == nil {
		transport = http.DefaultTransport
	}
	pt := newPoliteTransport(cfg, transport)
	return &Client{
		cfg:       cfg,
		transport: pt,
		http: &http.Client{
			Transport:     pt,
			CheckRedirect: pt.checkRedirect,
			// No Client.Timeout: the transport times each attempt itself so
			// that queueing for a per-host slot is not counted.
		},
		validators: newValidatorCache(cfg.Validators),
	}
}

// HTTPClient returns an *http.Client that applies the same User-Agent,
// robots.txt, per-host limits, per-request timeout, body size limit and
// redirect policy as Get, for libraries (colly) that want one. It does not
// retry and does not send conditional headers.
func (c *Client) HTTPClient() *http.Client { return c.http }

// Transport returns the polite RoundTripper itself, for libraries that take a
// transport rather than a client (colly's WithTransport). It enforces the
// redirect host policy even under a foreign CheckRedirect.
func (c *Client) Transport() http.RoundTripper { return c.transport }

// Response is a fully read HTTP response.
type Response struct {
	// URL is the final URL, after redirects.
	URL string
	// Status is the HTTP status code of the final response.
	Status int
	// Header is the final response's header.
	Header http.Header
	// Body is the whole body; empty when NotModified.
	Body []byte
	// NotModified reports a 304 answer to a conditional request: the
	// caller's previous copy is still current.
	NotModified bool
	// Attempts is how many attempts Get made (1 when the first succeeded).
	Attempts int

	buf *bytes.Buffer // holds Body; see Release
}

// Release hands the body's memory back for a later response to read into;
// Body must not be used after. A caller that decodes a large body and
// keeps nothing of it (a JSON page decoded into fresh strings) releases
// it: a national import reads 135 pages of several megabytes, and a new
// buffer for each, grown and cleared as it filled, was seconds of its
// cores. Not releasing is fine: the garbage collector takes it.
func (r *Response) Release() {
	if r.buf != nil && r.buf.Cap() <= maxPooledBody {
		bodies.Put(r.buf)
	}
	r.buf, r.Body = nil, nil
}

// bodies are the buffers of released responses.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBody is the largest buffer kept for reuse.
const maxPooledBody = 64 << 20

// StatusError is returned by Get when the final response has a status other
// than 2xx or 304.
type StatusError struct {
	// URL is the URL Get was asked for (not the post-redirect one).
	URL string
	// Status is the final HTTP status code.
	Status int
	// Attempts is how many attempts were made, retries included.
	Attempts int
}

// Error reads e.g. "fetch: GET https://x/y: status 503 after 4 attempts".
func (e *StatusError) Error() string {
	return fmt.Sprintf("fetch: GET %s: status %d after %s", e.URL, e.Status, attempts(e.Attempts))
}

func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
}

// Option adjusts one Get call.
type Option func(*getOptions)

type getOptions struct {
	unconditional bool
	header        http.Header
}

// Unconditional makes Get skip If-None-Match / If-Modified-Since, for a
// caller that needs the body even if it has not changed. Validators from the
// response are still remembered.
func Unconditional() Option { return func(o *getOptions) { o.unconditional = true } }

// WithHeader adds a request header, e.g. Accept for a JSON API. User-Agent
// cannot be overridden: the transport always sends Config.UserAgent.
func WithHeader(key, value string) Option {
	return func(o *getOptions) { o.header.Add(key, value) }
}

// Get fetches rawURL and reads its body, retrying retryable failures with
// backoff. A 304 is a success with NotModified set; any other non-2xx final
// status is a *StatusError.
func (c *Client) Get(ctx context.Context, rawURL string, opts ...Option) (*Response, error) {
	o := getOptions{header: http.Header{}}
	for _, opt := range opts {
		opt(&o)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch: GET %s: %w", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("fetch: GET %s: unsupported scheme %q", rawURL, u.Scheme)
	}

	maxAttempts := c.cfg.Retries + 1
	for attempt := 1; ; attempt++ {
		resp, retryAfter, err := c.attempt(ctx, u, &o)
		if err == nil {
			resp.Attempts = attempt
			return resp, nil
		}
		if !retryable(ctx, err) || attempt >= maxAttempts {
			return nil, finalError(rawURL, err, attempt)
		}
		if serr := sleep(ctx, c.backoff(attempt, retryAfter)); serr != nil {
			return nil, fmt.Errorf("fetch: GET %s: %w (after %s, last error: %v)", rawURL, serr, attempts(attempt), err)
		}
	}
}

// attempt makes one request. A non-nil retryAfter is the server's requested
// wait from a Retry-After header.
func (c *Client) attempt(ctx context.Context, u *url.URL, o *getOptions) (*Response, *time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	for k, vs := range o.header {
		req.Header[k] = append([]string(nil), vs...)
	}
	key := u.String()
	if !o.unconditional {
		c.validators.apply(key, req.Header)
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, unwrapURLError(err)
	}

	out := &Response{
		URL:    resp.Request.URL.String(),
		Status: resp.StatusCode,
		Header: resp.Header,
	}
	switch s := resp.StatusCode; {
	case s >= 200 && s < 300:
		buf := bodies.Get().(*bytes.Buffer)
		if err := readBody(resp, buf); err != nil {
			bodies.Put(buf)
			return nil, nil, err
		}
		out.Body, out.buf = buf.Bytes(), buf
		c.validators.remember(key, resp.Header, false)
		return out, nil, nil
	case s == http.StatusNotModified:
		discard(resp)
		out.NotModified = true
		c.validators.remember(key, resp.Header, true)
		return out, nil, nil
	default:
		discard(resp)
		return nil, retryAfter(resp), &StatusError{URL: u.String(), Status: s}
	}
}

// discard closes a body whose content we do not want. Draining a little
// first lets net/http reuse the connection; an error page is not worth more.
func discard(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
}

// readBody reads and closes resp.Body. The transport already enforces
// MaxBodyBytes; the Content-Length check catches truncation by transports
// that, unlike net/http's, do not report it as io.ErrUnexpectedEOF.
func readBody(resp *http.Response, buf *bytes.Buffer) error {
	defer resp.Body.Close()
	buf.Reset()
	if resp.ContentLength > 0 {
		buf.Grow(int(min(resp.ContentLength, maxPooledBody)))
	}
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return err
	}
	if resp.ContentLength > 0 && int64(buf.Len()) < resp.ContentLength {
		return fmt.Errorf("read %d of %d bytes: %w", buf.Len(), resp.ContentLength, io.ErrUnexpectedEOF)
	}
	return nil
}

// finalError phrases Get's error. Policy errors from the transport already
// carry "fetch: GET <url>" and are returned as they are.
func finalError(rawURL string, err error, n int) error {
	var se *StatusError
	switch {
	case errors.As(err, &se):
		se.URL, se.Attempts = rawURL, n
		return se
	case errors.Is(err, ErrDisallowedByRobots), errors.Is(err, ErrRedirectOutsideHosts):
		return err
	case n > 1:
		return fmt.Errorf("fetch: GET %s: %w after %s", rawURL, err, attempts(n))
	default:
		return fmt.Errorf("fetch: GET %s: %w", rawURL, err)
	}
}

// unwrapURLError drops net/http's *url.Error wrapper, whose `Get "<url>":`
// prefix would repeat what finalError says.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// isCertError reports TLS verification failures, which no retry will fix.
func isCertError(err error) bool {
	var ce *tls.CertificateVerificationError
	return errors.As(err, &ce)
}
