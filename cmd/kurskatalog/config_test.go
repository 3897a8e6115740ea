package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// On the bundled snapshots alone the catalogue's today is the snapshots'
// day and the pages say the data is as of then; a configured day wins; with
// a live source today is today.
func TestClock(t *testing.T) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	date := func(t time.Time) string { return t.In(catalog.Stockholm).Format(time.DateOnly) }
	now, asOf := cfg.clock()
	if date(now()) != data.SnapshotDay || date(asOf) != data.SnapshotDay {
		t.Errorf("bundled: today %s, as of %s; want %s", date(now()), date(asOf), data.SnapshotDay)
	}
	cfg.Today = "2027-03-15"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if now, asOf := cfg.clock(); date(now()) != "2027-03-15" || date(asOf) != data.SnapshotDay {
		t.Errorf("configured: today %s, as of %s", date(now()), date(asOf))
	}
	cfg.Today, cfg.Sources[0].Snapshot = "", ""
	if now, asOf := cfg.clock(); date(now()) != date(time.Now()) || !asOf.IsZero() {
		t.Errorf("live: today %s, as of %v", date(now()), asOf)
	}
	cfg.Today = "15 mars"
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "today") {
		t.Errorf("bad today: %v", err)
	}
}

// What cannot work is refused when the configuration is read, and so is a
// misspelt key, at any depth, rather than left at its default; an empty
// file says what is missing.
func TestConfigErrors(t *testing.T) {
	withDefault := func(yaml string) string { return string(defaultConfig) + "\n" + yaml + "\n" }
	for _, tc := range []struct{ name, yaml, want string }{
		{"public_url with a query", withDefault("public_url: https://example.se/?a=1"), "public_url"},
		{"public_url without scheme", withDefault("public_url: kurskatalog.example.se"), "public_url"},
		{"search deadline past the write deadline", withDefault("http: {search_timeout: 90s, write_timeout: 60s}"), "search_timeout"},
		{"rate limit below zero", withDefault("http: {rate_limit: {per_second: -5}}"), "per_second"},
		{"unknown key", withDefault("publc_url: https://kurskatalog.example.se"), "publc_url"},
		{"unknown key under http", withDefault("http: {client_ip_headr: X-Forwarded-For}"), "client_ip_headr"},
		{"unknown key in a source", "sources: [{id: a, kind: emil3, url: https://example.se, scedule: \"0 4 * * *\"}]", "scedule"},
		{"empty file", "", "sources: none configured"},
		{"a negative memory map", withDefault("db_map_mb: -1"), "db_map_mb"},
		{"a memory map on postgres", withDefault("store: postgres://kurskatalog@db/kurskatalog\ndb_map_mb: 0"), "db_map_mb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := loadConfigText(t, tc.yaml); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error about %s", err, tc.want)
			}
		})
	}
}

// loadConfigText loads text as a config file.
func loadConfigText(t *testing.T, text string) (*Config, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return loadConfig(path)
}

// Search insights are on by default, and what cannot work is refused.
func TestInsightsConfig(t *testing.T) {
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	if in := cfg.Insights; !*in.Enabled || in.RetentionWeeks != 52 || in.Few != 3 {
		t.Errorf("defaults: enabled %v, retention %d, few %d", *in.Enabled, in.RetentionWeeks, in.Few)
	}
	withDefault := func(yaml string) string { return string(defaultConfig) + "\n" + yaml + "\n" }
	off, err := loadConfigText(t, withDefault("insights: {enabled: false}"))
	if err != nil || *off.Insights.Enabled || off.Insights.Few != 3 {
		t.Errorf("turned off: %+v %v", off.Insights, err)
	}
	for yaml, want := range map[string]string{
		"insights: {retention_weeks: -1}": "retention_weeks",
		"insights: {few: 1000}":           "few",
		"insights: {fwe: 3}":              "fwe",
	} {
		if _, err := loadConfigText(t, withDefault(yaml)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error about %s", yaml, err, want)
		}
	}
}

// Every top-level key of the configuration is documented in the README's
// configuration section.
func TestConfigKeysDocumented(t *testing.T) {
	readme := readDoc(t, "../../README.md")
	start := strings.Index(readme, "\n## Configuration")
	end := strings.Index(readme, "\n## Production")
	if start < 0 || end < start {
		t.Fatal("README: no Configuration section before Production")
	}
	section := readme[start:end]
	typ := reflect.TypeFor[Config]()
	for i := range typ.NumField() {
		key, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
		if key == "" || key == "-" {
			continue
		}
		if !strings.Contains(section, "`"+key+"`") && !strings.Contains(section, "\n"+key+":") {
			t.Errorf("config key %s is not documented in the README's Configuration section", key)
		}
	}
}

func TestStoreConfig(t *testing.T) {
	for _, tc := range []struct {
		name, store string
		maxDBMB     float64
		wantErr     string
	}{
		{"sqlite by default", "", 100, ""},
		{"postgres", "postgres://kurskatalog@db.internal/kurskatalog?sslmode=verify-full", 0, ""},
		{"postgresql scheme", "postgresql://kurskatalog@db.internal/kurskatalog", 0, ""},
		{"a file path", "/var/lib/kurskatalog/kurskatalog.db", 0, "store:"},
		{"mysql", "mysql://kurskatalog@db/kurskatalog", 0, "store:"},
		{"a cap on postgres", "postgres://kurskatalog@db/kurskatalog", 2048, "max_db_mb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := validateStore(tc.store, tc.maxDBMB)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("validateStore(%q, %v) = %v, want an error naming %q", tc.store, tc.maxDBMB, err, tc.wantErr)
			}
		})
	}
}
