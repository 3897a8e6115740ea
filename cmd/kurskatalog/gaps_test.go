package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
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
