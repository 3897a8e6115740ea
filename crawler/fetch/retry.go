package fetch

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	// maxBackoff caps the exponential backoff so that a long retry series
	// does not stall a run for minutes.
	maxBackoff = 30 * time.Second
	// maxRetryAfter caps a server's Retry-After: a server asking for an hour
	// is better treated as a failed run than as a hung one.
	maxRetryAfter = 2 * time.Minute
)

// retryable reports whether another attempt might succeed: 5xx and 429
// answers, timeouts, transport errors and truncated bodies. Policy refusals
// (robots, redirect, size), certificate errors and other 4xx are final, and
// nothing is retried once the caller's own context is done.
func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se.Status == http.StatusTooManyRequests || se.Status >= 500
	}
	switch {
	case errors.Is(err, ErrDisallowedByRobots),
		errors.Is(err, ErrRedirectOutsideHosts),
		errors.Is(err, ErrTooLarge),
		isCertError(err):
		return false
	}
	return true
}

// backoff is the wait before attempt+1. A server's Retry-After wins (capped);
// otherwise RetryBackoff doubles per attempt, capped, with "equal jitter":
// half of it fixed so retries never collapse to zero, half random so many
// workers that failed together do not retry in lockstep.
func (c *Client) backoff(attempt int, retryAfter *time.Duration) time.Duration {
	if retryAfter != nil {
		return min(max(*retryAfter, 0), maxRetryAfter)
	}
	d := maxBackoff
	if attempt-1 < 32 {
		if b := c.cfg.RetryBackoff << (attempt - 1); b > 0 && b < maxBackoff {
			d = b
		}
	}
	return d/2 + rand.N(d/2+1)
}

// retryAfter parses a Retry-After header, in delay-seconds or HTTP-date
// form, or returns nil if there is none or it is malformed.
func retryAfter(resp *http.Response) *time.Duration {
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return nil
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return nil
		}
		d = time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = time.Until(t)
	} else {
		return nil
	}
	return &d
}

// sleep waits d or until ctx is done, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
