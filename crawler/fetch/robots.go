package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

const (
	// maxRobotsBytes is how much of a robots.txt we read; Google also stops
	// at 500 KiB and ignores the rest.
	maxRobotsBytes = 500 << 10
	// maxRobotsRedirects follows Google: after five hops, act as if there
	// were no robots.txt.
	maxRobotsRedirects = 5
	// robotsTTL bounds how long a long-lived client trusts its copy; one
	// crawl run normally ends well before.
	robotsTTL = 24 * time.Hour
)

// robotsCache fetches each origin's robots.txt once (per robotsTTL) through
// the polite transport and answers whether a URL may be fetched.
type robotsCache struct {
	t     *politeTransport
	agent string // product token matched against User-agent lines

	mu      sync.Mutex
	origins map[string]*robotsOrigin
}

type robotsOrigin struct {
	// lock is a one-slot semaphore instead of a sync.Mutex so that waiting
	// for another goroutine's fetch can be abandoned when ctx ends.
	lock    chan struct{}
	rules   *robotsRules
	fetched time.Time
}

// robotsRules is one parsed robots.txt, or a blanket refusal with a reason.
type robotsRules struct {
	data   *robotstxt.RobotsData
	denied string // non-empty: everything is disallowed, for this reason
}

func newRobotsCache(t *politeTransport, userAgent string) *robotsCache {
	return &robotsCache{t: t, agent: productToken(userAgent), origins: map[string]*robotsOrigin{}}
}

// productToken is "Kurskatalog-JH" for "Kurskatalog-JH/1.0 (...)": the name
// a site owner writes in a User-agent line.
func productToken(ua string) string {
	if i := strings.IndexAny(ua, "/ "); i > 0 {
		return ua[:i]
	}
	return ua
}

// check returns nil if u may be fetched, an error wrapping
// ErrDisallowedByRobots if not, or another error if robots.txt could not be
// fetched (not cached, so a later attempt tries again).
func (c *robotsCache) check(ctx context.Context, u *url.URL) error {
	origin := strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
	c.mu.Lock()
	o := c.origins[origin]
	if o == nil {
		o = &robotsOrigin{lock: make(chan struct{}, 1)}
		c.origins[origin] = o
	}
	c.mu.Unlock()

	select {
	case o.lock <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if o.rules == nil || time.Since(o.fetched) > robotsTTL {
		rules, err := c.fetch(ctx, u)
		if err != nil {
			<-o.lock
			return fmt.Errorf("robots.txt for %s: %w", origin, err)
		}
		o.rules, o.fetched = rules, time.Now()
		if rules.data != nil {
			if d := rules.data.FindGroup(c.agent).CrawlDelay; d > 0 {
				c.t.limits.raiseDelay(hostKey(u), d)
			}
		}
	}
	rules := o.rules
	<-o.lock

	if rules.denied != "" {
		return fmt.Errorf("%w (%s)", ErrDisallowedByRobots, rules.denied)
	}
	path := u.RequestURI()
	if path == "" || path[0] != '/' {
		path = "/" + path
	}
	if !rules.data.TestAgent(path, c.agent) {
		return ErrDisallowedByRobots
	}
	return nil
}

// fetch reads u's robots.txt. Status handling follows Google's rules:
//   - 2xx: parse it;
//   - 3xx: follow up to maxRobotsRedirects hops (any host), then allow all;
//   - 4xx except 429: there is no robots.txt, allow all;
//   - 5xx and 429: the site is struggling; disallow everything for as long
//     as this copy is cached (in practice the rest of the run) rather than
//     hammer it.
//
// A robots.txt that does not parse also disallows everything: temoto's
// parser rejects the whole file for one bad line, and we would rather stop
// than guess past rules the owner meant to apply.
func (c *robotsCache) fetch(ctx context.Context, u *url.URL) (*robotsRules, error) {
	target := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	for range maxRobotsRedirects + 1 {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
		if err != nil {
			return nil, err
		}
		// send, not RoundTrip: rate limited like any request, but without
		// the robots check that would recurse.
		resp, err := c.t.send(req)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
		resp.Body.Close()
		if err != nil && !errors.Is(err, ErrTooLarge) {
			return nil, err
		}

		switch s := resp.StatusCode; {
		case s >= 300 && s < 400 && s != http.StatusNotModified:
			loc, err := target.Parse(resp.Header.Get("Location"))
			if resp.Header.Get("Location") == "" || err != nil {
				return &robotsRules{data: allowAll()}, nil
			}
			target = loc
			continue
		case s == http.StatusTooManyRequests || s >= 500:
			return &robotsRules{denied: fmt.Sprintf("robots.txt answered %d", s)}, nil
		}
		data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
		if err != nil {
			var pe *robotstxt.ParseError
			if errors.As(err, &pe) {
				msgs := make([]string, len(pe.Errs))
				for i, e := range pe.Errs {
					msgs[i] = e.Error()
				}
				return &robotsRules{denied: "robots.txt does not parse: " + strings.Join(msgs, "; ")}, nil
			}
			return nil, fmt.Errorf("status %d: %w", resp.StatusCode, err)
		}
		return &robotsRules{data: data}, nil
	}
	return &robotsRules{data: allowAll()}, nil
}

func allowAll() *robotstxt.RobotsData {
	d, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	return d
}

func isDisallowed(err error) bool { return errors.Is(err, ErrDisallowedByRobots) }
