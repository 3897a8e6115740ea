// Package snapshot serves bundled copies of the sources in-process, so that
// the service runs and is tested without a network while every request still
// goes through the same HTTP client, politeness rules and parsers as live.
package snapshot

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
)

// Transport answers requests by calling h directly: an http.RoundTripper
// with a server behind it instead of a socket. The request's host is kept,
// so the live URL stays in the configuration.
func Transport(h http.Handler) http.RoundTripper {
	return roundTripper{h}
}

type roundTripper struct{ h http.Handler }

func (t roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	// A handler reads the body from a server request; give it a copy so that
	// the client's request stays untouched.
	in := req.Clone(req.Context())
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		req.Body.Close()
		in.Body = io.NopCloser(bytes.NewReader(b))
	}
	in.RequestURI = req.URL.RequestURI()
	t.h.ServeHTTP(rec, in)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}
