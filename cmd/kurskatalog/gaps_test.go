package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gaps reads --municipality the way the API and the pages read
// municipality: a code or a name, however written.
func TestGapsMunicipalityArgument(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		arg    string
		status int
	}{
		{"2361", 0},
		{"Härjedalen", 0},
		{"harjedalens kommun", 0},
		{"Sveg", 1},
	} {
		t.Run(tc.arg, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			got := run(context.Background(), []string{"gaps", "--data-dir", dir, "--municipality", tc.arg}, &stdout, &stderr)
			if got != tc.status {
				t.Fatalf("exit %d, want %d\n%s", got, tc.status, stderr.String())
			}
			if tc.status != 0 && !strings.Contains(stderr.String(), "--municipality") {
				t.Errorf("the error does not name --municipality: %s", stderr.String())
			}
		})
	}
}

// gaps reads the store only, so it answers while serve holds the data dir
// (and its search index's lock), as the README shows them side by side.
func TestGapsBesideServe(t *testing.T) {
	// The README's commands on the bundled data: the default configuration.
	dataDir := filepath.Join(t.TempDir(), "var")
	crawlOnce(t, "", dataDir)
	startServe(t, "--data-dir", dataDir)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"gaps", "--data-dir", dataDir, "--municipality", "Härjedalen", "--months", "12"}, &stdout, &stderr); code != 0 {
		t.Fatalf("gaps beside serve: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Härjedalen (2361)") || !strings.Contains(stdout.String(), "SSYK") {
		t.Errorf("gaps printed no gaps for Härjedalen:\n%s", stdout.String())
	}
}
