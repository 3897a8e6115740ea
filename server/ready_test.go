package server_test

import (
	"net/http"
	"sync/atomic"
	"testing"

	"kurskatalog/server"
)

// /readyz holds traffic back until the catalogue is loaded; /healthz says
// the process lives all along.
func TestReadiness(t *testing.T) {
	var ready atomic.Bool
	srv, _ := serveWithRun(t, server.Deps{Ready: ready.Load})
	resp, body := do(t, http.MethodGet, srv.URL+"/readyz", nil)
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("loading: /readyz %d, want 503", resp.StatusCode)
	}
	if code := errorCode(t, "readyz", resp, body); code != "unavailable/" {
		t.Errorf("error %q", code)
	}
	if resp, _ := do(t, http.MethodGet, srv.URL+"/healthz", nil); resp.StatusCode != 200 {
		t.Errorf("loading: /healthz %d, want 200", resp.StatusCode)
	}
	ready.Store(true)
	if resp, body := do(t, http.MethodGet, srv.URL+"/readyz", nil); resp.StatusCode != 200 {
		t.Errorf("loaded: /readyz %d %s, want 200", resp.StatusCode, body)
	}
}
