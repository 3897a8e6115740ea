package main

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"

	htmlsource "kurskatalog/crawler/html"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

//go:embed default.yaml
var defaultConfig []byte

// Config is the service configuration, read from YAML.
type Config struct {
	// Region lists the SCB codes of the municipalities whose on-site
	// offerings are kept; distance offerings are kept from everywhere.
	Region    []string `yaml:"region"`
	UserAgent string   `yaml:"user_agent"` // default: fetch.DefaultUserAgent
	FullEvery Duration `yaml:"full_every"`
	// Today fixes the catalogue's today (YYYY-MM-DD): what is current,
	// open for application or starting soon. Unset, it is the real date,
	// or the snapshots' day (data.SnapshotDay) when every source reads a
	// bundled snapshot, whose dates are fixed.
	Today   string         `yaml:"today"`
	Sources []SourceConfig `yaml:"sources"`
	// PublicURL is the address the catalogue is published at, for every
	// absolute link (feeds, calendars, shared lists, the sitemap).
	PublicURL string     `yaml:"public_url"`
	HTTP      HTTPConfig `yaml:"http"`
	// AdminToken is the secret crawl and reindex present to a running
	// service's admin socket; $KURSKATALOG_ADMIN_TOKEN overrides it. Unset,
	// serve makes one per start and leaves it in the data dir, readable
	// only by the service's user.
	AdminToken string `yaml:"admin_token"`
	// MaxDBMB caps the database at this many MiB (0: no cap): an import
	// that would grow it further fails as on a full disk and changes
	// nothing, before the disk the service shares really fills.
	MaxDBMB float64 `yaml:"max_db_mb"`
	// DBMapMB is how much of the database is read through a memory map,
	// in MiB (unset or 0: none). See sqlite.MapSize.
	DBMapMB *float64 `yaml:"db_map_mb"`
	// Insights records the searches that find few courses (insights.go).
	Insights InsightsConfig `yaml:"insights"`
	// Store is where the catalogue is kept: unset, SQLite in the data dir;
	// postgres://user@host/db?... a PostgreSQL database, which the
	// machines of one service share.
	Store string `yaml:"store"`
}

// SourceConfig is one source. Kind selects the adapter; URL is always the
// live address, and Snapshot, when set, serves the bundled copy of that
// name in-process instead of going to the network.
type SourceConfig struct {
	ID          string   `yaml:"id"`
	Kind        string   `yaml:"kind"`
	URL         string   `yaml:"url"`
	Schedule    string   `yaml:"schedule"`
	Snapshot    string   `yaml:"snapshot"`
	Timeout     Duration `yaml:"timeout"`
	Delay       Duration `yaml:"delay"`
	Parallelism int      `yaml:"parallelism"`
	Retries     int      `yaml:"retries"` // on 5xx and timeouts; default 3, -1 for none
	SchoolTypes []string `yaml:"school_types"`
	PageSize    int      `yaml:"page_size"`
	// MunicipalitiesURL is MYH's table 4, which places programmes run in
	// several municipalities (myh-decisions only).
	MunicipalitiesURL string `yaml:"municipalities_url"`
	// Key is the API key of a source that needs one (gtfs: Trafiklab's;
	// else $KURSKATALOG_TRAFIKLAB_KEY).
	Key string `yaml:"key"`
	// Site describes how to scrape a web site (html only).
	Site htmlsource.SiteConfig `yaml:"site"`
}

// clock returns the catalogue's clock and, when every source reads a
// bundled snapshot, the day the snapshots describe (else zero): the pages
// say that the data is as of that day.
func (c *Config) clock() (now func() time.Time, asOf time.Time) {
	bundled := !slices.ContainsFunc(c.Sources, func(s SourceConfig) bool { return s.Snapshot == "" })
	if bundled {
		asOf, _ = time.ParseInLocation(time.DateOnly, data.SnapshotDay, catalog.Stockholm)
	}
	day := asOf
	if c.Today != "" {
		day, _ = time.ParseInLocation(time.DateOnly, c.Today, catalog.Stockholm) // checked by Validate
	}
	if day.IsZero() {
		return time.Now, asOf
	}
	// The day is fixed; the time of day runs, for timestamps.
	return func() time.Time {
		n := time.Now().In(catalog.Stockholm)
		return time.Date(day.Year(), day.Month(), day.Day(), n.Hour(), n.Minute(), n.Second(), 0, catalog.Stockholm)
	}, asOf
}

// Duration is a time.Duration written as "30s" or "2h" in YAML.
type Duration time.Duration

// UnmarshalYAML parses a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*d = Duration(v)
	return nil
}

// loadConfig reads path, or the embedded default when path is empty.
func loadConfig(path string) (*Config, error) {
	raw := defaultConfig
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		raw = b
	}
	cfg := &Config{}
	// Strict: a misspelt key (publc_url, admin_tokn) is an error, not a
	// setting silently left at its default.
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) { // EOF: an empty file
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if v := os.Getenv("KURSKATALOG_ADMIN_TOKEN"); v != "" {
		cfg.AdminToken = v
	}
	cfg.setDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}

func (c *Config) setDefaults() {
	if len(c.Region) == 0 {
		c.Region = data.JamtlandMunicipalities
	}
	if c.FullEvery == 0 {
		c.FullEvery = Duration(7 * 24 * time.Hour)
	}
	c.HTTP.setDefaults()
	c.Insights.setDefaults()
	for i := range c.Sources {
		s := &c.Sources[i]
		if s.Kind == "html" && len(s.Site.StartURLs) == 0 && s.URL != "" {
			s.Site.StartURLs = []string{s.URL}
		}
		if s.Timeout == 0 {
			s.Timeout = Duration(30 * time.Minute)
		}
		if s.Parallelism == 0 {
			s.Parallelism = 2
		}
		if s.Delay == 0 && s.Snapshot == "" {
			s.Delay = Duration(time.Second)
		}
	}
}

// Validate reports the first problem in the configuration.
func (c *Config) Validate() error {
	for _, code := range c.Region {
		if _, ok := data.MunicipalityName(code); !ok {
			return fmt.Errorf("region: %q is not a municipality code", code)
		}
	}
	if c.MaxDBMB < 0 {
		return fmt.Errorf("max_db_mb: %v is negative", c.MaxDBMB)
	}
	if err := validateStore(c.Store, c.MaxDBMB); err != nil {
		return err
	}
	if c.DBMapMB != nil && *c.DBMapMB < 0 {
		return fmt.Errorf("db_map_mb: %v is negative", *c.DBMapMB)
	}
	if c.DBMapMB != nil && c.Store != "" {
		return fmt.Errorf("db_map_mb: maps SQLite's file; with store: PostgreSQL it has no effect")
	}
	if len(c.Sources) == 0 {
		return fmt.Errorf("sources: none configured")
	}
	if err := validatePublicURL(c.PublicURL); err != nil {
		return err
	}
	if err := c.HTTP.validate(); err != nil {
		return err
	}
	if err := c.Insights.validate(); err != nil {
		return err
	}
	if c.Today != "" {
		if _, err := time.ParseInLocation(time.DateOnly, c.Today, catalog.Stockholm); err != nil {
			return fmt.Errorf("today: %q is not a date (YYYY-MM-DD)", c.Today)
		}
	}
	seen := map[string]bool{}
	for i, s := range c.Sources {
		switch {
		case s.ID == "":
			return fmt.Errorf("sources[%d]: id is required", i)
		case seen[s.ID]:
			return fmt.Errorf("sources[%d]: duplicate id %q", i, s.ID)
		case !slices.Contains(sourceKinds, s.Kind):
			return fmt.Errorf("source %s: kind %q is not one of %v", s.ID, s.Kind, sourceKinds)
		case s.URL == "":
			return fmt.Errorf("source %s: url is required", s.ID)
		}
		seen[s.ID] = true
		if s.Schedule != "" {
			if _, err := cron.ParseStandard(s.Schedule); err != nil {
				return fmt.Errorf("source %s: schedule %q: %w", s.ID, s.Schedule, err)
			}
		}
		if s.Kind == "html" {
			if err := s.Site.Validate(); err != nil {
				return fmt.Errorf("source %s: site: %w", s.ID, err)
			}
		}
		if s.Snapshot != "" {
			if _, err := data.Snapshot(s.Snapshot); err != nil {
				return fmt.Errorf("source %s: snapshot %q: %w", s.ID, s.Snapshot, err)
			}
		}
	}
	return nil
}
