package fetch

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects is how many redirects one request may follow.
const maxRedirects = 10

// politeTransport is the RoundTripper that carries all politeness, so that
// any http.Client built on it (ours, or colly's) behaves the same.
type politeTransport struct {
	next   http.RoundTripper
	cfg    Config
	limits *limiter
	robots *robotsCache
}

func newPoliteTransport(cfg Config, next http.RoundTripper) *politeTransport {
	t := &politeTransport{next: next, cfg: cfg, limits: newLimiter(cfg.Parallelism, cfg.Delay)}
	t.robots = newRobotsCache(t, cfg.UserAgent)
	return t
}

// RoundTrip checks the redirect policy and robots.txt, waits for the host's
// slot and gap, then sends req with our User-Agent under the per-request
// timeout. The slot is held until the response body is read or closed.
func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.checkChain(req); err != nil {
		closeRequestBody(req)
		return nil, err
	}
	if !t.cfg.IgnoreRobots && req.URL.Path != "/robots.txt" {
		if err := t.robots.check(req.Context(), req.URL); err != nil {
			closeRequestBody(req)
			if isDisallowed(err) {
				return nil, fmt.Errorf("fetch: %s %s: %w", req.Method, req.URL, err)
			}
			return nil, err
		}
	}
	return t.send(req)
}

// send does one rate-limited exchange without the robots check; the robots
// fetch itself uses it directly.
func (t *politeTransport) send(req *http.Request) (*http.Response, error) {
	key := hostKey(req.URL)
	release, err := t.limits.acquire(req.Context(), key)
	if err != nil {
		closeRequestBody(req)
		return nil, err
	}
	// The timeout starts only now, after queueing, so that a busy host's
	// queue does not make requests time out before they are even sent.
	ctx, cancel := req.Context(), context.CancelFunc(func() {})
	if t.cfg.Timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, t.cfg.Timeout)
	}
	out := req.Clone(ctx)
	// Always our agent, even over colly's default: site owners must see who
	// we are, and robots.txt was evaluated for this agent.
	out.Header.Set("User-Agent", t.cfg.UserAgent)

	resp, err := t.next.RoundTrip(out)
	if err != nil {
		cancel()
		release()
		return nil, err
	}
	// The Request of our caller, not our clone, so that redirect chains
	// (req.Response.Request...) lead back to the start URL.
	resp.Request = req
	if resp.ContentLength > t.cfg.MaxBodyBytes {
		resp.Body.Close()
		cancel()
		release()
		return nil, fmt.Errorf("%w (Content-Length %d, limit %d)", ErrTooLarge, resp.ContentLength, t.cfg.MaxBodyBytes)
	}
	resp.Body = &politeBody{
		rc:       resp.Body,
		left:     t.cfg.MaxBodyBytes,
		tooLarge: fmt.Errorf("%w (limit %d bytes)", ErrTooLarge, t.cfg.MaxBodyBytes),
		release:  release,
		cancel:   cancel,
	}
	return resp, nil
}

// politeBody limits the body's size and frees the host slot (and the
// timeout's context) when the body is finished: at EOF, error or Close.
// release and cancel are both idempotent.
type politeBody struct {
	rc       io.ReadCloser
	left     int64 // bytes still allowed; -1 once over the limit
	tooLarge error
	release  func()
	cancel   context.CancelFunc
}

func (b *politeBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, b.tooLarge
	}
	// Read one byte past the limit so that a body of exactly the limit is
	// fine and one byte more is not.
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		n += int(b.left) // hide the extra byte
		b.left = -1
		err = b.tooLarge
	}
	if err != nil {
		// The slot is free as soon as the exchange is over, even if the
		// caller forgets to Close. The context is kept until Close: net/http
		// may still be returning the connection to its pool.
		b.release()
	}
	return n, err
}

func (b *politeBody) Close() error {
	err := b.rc.Close()
	b.release()
	b.cancel()
	return err
}

// checkRedirect is the http.Client redirect policy: the same host rule as
// checkChain, applied before the next hop is even built.
func (t *politeTransport) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return fmt.Errorf("fetch: GET %s: more than %d redirects: %w", via[0].URL, maxRedirects, ErrRedirectOutsideHosts)
	}
	return t.allowRedirect(via[0].URL, req.URL)
}

// checkChain applies the redirect policy inside the transport, by walking
// req.Response.Request back to the start, so that it holds even when a
// library replaces the client's CheckRedirect.
func (t *politeTransport) checkChain(req *http.Request) error {
	first, hops := req, 0
	for first.Response != nil && first.Response.Request != nil {
		first = first.Response.Request
		hops++
	}
	if hops == 0 {
		return nil
	}
	if hops > maxRedirects {
		return fmt.Errorf("fetch: GET %s: more than %d redirects: %w", first.URL, maxRedirects, ErrRedirectOutsideHosts)
	}
	return t.allowRedirect(first.URL, req.URL)
}

func (t *politeTransport) allowRedirect(start, target *url.URL) error {
	if hostKey(target) == hostKey(start) {
		return nil
	}
	for _, h := range t.cfg.AllowedHosts {
		if hostMatches(h, target) {
			return nil
		}
	}
	return fmt.Errorf("fetch: GET %s: redirect to %s: %w", start, target, ErrRedirectOutsideHosts)
}

// hostMatches reports whether u is on the AllowedHosts entry: "host:port"
// must match both, a bare "host" matches any port.
func hostMatches(entry string, u *url.URL) bool {
	entry = strings.ToLower(strings.TrimSpace(entry))
	name := strings.ToLower(u.Hostname())
	if host, port, err := net.SplitHostPort(entry); err == nil {
		return host == name && port == effectivePort(u)
	}
	return strings.Trim(entry, "[]") == name
}

func effectivePort(u *url.URL) string {
	switch p := u.Port(); {
	case p != "":
		return p
	case u.Scheme == "https":
		return "443"
	default:
		return "80"
	}
}

// hostKey names a host for rate limiting and redirect checks: lower-case
// host with the port, but without the scheme's default port, so that
// http://x and https://x (one server) share a budget.
func hostKey(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" || (port == "80" && u.Scheme == "http") || (port == "443" && u.Scheme == "https") {
		return host
	}
	return net.JoinHostPort(host, port)
}

func closeRequestBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}
