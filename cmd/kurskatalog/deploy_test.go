package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The deployment documentation stays true to the code: every YAML config in
// the README is accepted (strictly: no key the config does not know), and
// every kurskatalog command line in the README and docs/deploy names a
// command with flags that it accepts and its usage lists.
func TestDeployDocs(t *testing.T) {
	readme := readDoc(t, "../../README.md")
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(readme, -1)
	if len(blocks) < 2 {
		t.Fatalf("README: %d yaml blocks, want the configuration example and the production settings", len(blocks))
	}
	for _, b := range blocks {
		text := b[1]
		if !regexp.MustCompile(`(?m)^sources:`).MatchString(text) {
			text = string(defaultConfig) + "\n" + text // settings added to the default
		}
		if _, err := loadConfigText(t, text); err != nil {
			t.Errorf("README yaml block %.40q...: %v", b[1], err)
		}
	}

	// Inline code runs on over the line breaks of wrapped prose (and of a
	// list item's lines, indented by two); a code block's lines stay apart.
	docs := map[string]string{"README.md": regexp.MustCompile(`\n {0,2}(\S)`).ReplaceAllString(readme, " $1")}
	deploy, err := filepath.Glob("../../docs/deploy/*")
	if err != nil || len(deploy) == 0 {
		t.Fatalf("docs/deploy: %v %v", deploy, err)
	}
	for _, path := range deploy {
		// The Containerfile's example runs over continued comment lines.
		docs[filepath.Base(path)] = regexp.MustCompile(`\\\n#?\s*`).ReplaceAllString(readDoc(t, path), " ")
	}
	line := regexp.MustCompile("\\bkurskatalog (serve|crawl|reindex|gaps|backup|restore)\\b([^'\"`\n;|&()]*)")
	seen := map[string]bool{}
	for name, text := range docs {
		for _, m := range line.FindAllStringSubmatch(text, -1) {
			cmd, args := m[1], strings.Fields(m[2])
			seen[cmd] = true
			checkCommandLine(t, name, cmd, args)
		}
	}
	for _, cmd := range []string{"serve", "crawl", "reindex", "backup", "restore"} {
		if !seen[cmd] {
			t.Errorf("no documented kurskatalog %s command line", cmd)
		}
	}

	// The unit's data dir is the one systemd makes, and it waits for the
	// whole graceful stop: the HTTP drain and the admin socket's 5 s.
	unit := docs["kurskatalog.service"]
	if dir := unitValue(t, unit, "StateDirectory"); !strings.Contains(unit, "--data-dir /var/lib/"+dir+" ") {
		t.Errorf("kurskatalog.service: ExecStart's --data-dir is not /var/lib/%s", dir)
	}
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	stop, err := time.ParseDuration(unitValue(t, unit, "TimeoutStopSec"))
	if drain := time.Duration(cfg.HTTP.ShutdownTimeout) + 5*time.Second; err != nil || stop <= drain {
		t.Errorf("kurskatalog.service: TimeoutStopSec %v (%v), want more than %v", stop, err, drain)
	}
}

// checkCommandLine checks one documented "kurskatalog cmd args...": run
// parses its flags (with -h before the first argument that is not a flag,
// so that nothing runs), and the usage lists each flag for cmd.
func checkCommandLine(t *testing.T, doc, cmd string, args []string) {
	t.Helper()
	var usageLine string
	for _, l := range strings.Split(usage, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[0] == "kurskatalog" && f[1] == cmd {
			usageLine = l
		}
	}
	flags := args
	for i := 0; i < len(args); i++ {
		if !strings.HasPrefix(args[i], "-") {
			flags = args[:i]
			break
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !strings.Contains(usageLine, "--"+name+" ") {
			t.Errorf("%s: kurskatalog %s %s: the usage does not list --%s for %s", doc, cmd, strings.Join(args, " "), name, cmd)
		}
		if !hasValue {
			i++ // every flag a document uses takes a value
			if i == len(args) {
				t.Errorf("%s: kurskatalog %s %s: --%s without its value", doc, cmd, strings.Join(args, " "), name)
				return
			}
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), append(append([]string{cmd}, flags...), "-h"), &stdout, &stderr); code != 0 {
		t.Errorf("%s: kurskatalog %s %s: exit %d\n%s", doc, cmd, strings.Join(args, " "), code, stderr.String())
	}
}

func readDoc(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// unitValue returns the value of key in a systemd unit file.
func unitValue(t *testing.T, unit, key string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + key + `=(.*)$`).FindStringSubmatch(unit)
	if m == nil {
		t.Fatalf("unit file: no %s=", key)
	}
	return strings.TrimSpace(m[1])
}
