package main

import (
	"fmt"

	"kurskatalog/data/insights"
	"kurskatalog/server"
)

// InsightsConfig is the recording of the searches that find few courses,
// published to the learning centres aggregated and k-anonymous
// (data/insights).
type InsightsConfig struct {
	// Enabled records and publishes the searches; on unless set false.
	Enabled *bool `yaml:"enabled"`
	// RetentionWeeks is how many weeks are kept, the current one included.
	RetentionWeeks int `yaml:"retention_weeks"`
	// Few: a search is recorded when it finds fewer courses than this.
	Few int `yaml:"few"`
}

// The most weeks kept, and the most courses a "few" may be.
const (
	maxRetentionWeeks = 520
	maxFew            = 100
)

func (c *InsightsConfig) setDefaults() {
	if c.Enabled == nil {
		on := true
		c.Enabled = &on
	}
	if c.RetentionWeeks == 0 {
		c.RetentionWeeks = insights.DefaultRetentionWeeks
	}
	if c.Few == 0 {
		c.Few = insights.DefaultFew
	}
}

func (c *InsightsConfig) validate() error {
	if c.RetentionWeeks < 1 || c.RetentionWeeks > maxRetentionWeeks {
		return fmt.Errorf("insights: retention_weeks: %d is not between 1 and %d", c.RetentionWeeks, maxRetentionWeeks)
	}
	if c.Few < 1 || c.Few > maxFew {
		return fmt.Errorf("insights: few: %d is not between 1 and %d", c.Few, maxFew)
	}
	return nil
}

// startInsights starts the recorder of searches, which deletes the weeks
// past the retention at once and daily, also when recording is off (so
// that what was recorded before goes in time); it records only when
// enabled. stop writes what is queued: call it after the HTTP server's
// last request. Both stores keep the searches; one that did not would be
// an error while recording is on, rather than searches silently lost.
func (a *app) startInsights() (stop func(), err error) {
	store, ok := a.db.(insights.Store)
	if !ok {
		if *a.cfg.Insights.Enabled {
			return nil, fmt.Errorf("insights: the store (%T) keeps no searches; set insights: {enabled: false} to serve without them", a.db)
		}
		return func() {}, nil
	}
	now, _ := a.cfg.clock()
	rec := insights.NewRecorder(store, insights.Options{Few: a.cfg.Insights.Few, RetentionWeeks: a.cfg.Insights.RetentionWeeks,
		Now: now, Log: a.log})
	rec.Start()
	if *a.cfg.Insights.Enabled {
		a.insights = rec
	}
	return rec.Close, nil
}

// searchInsights is the recorder as the server takes it: nil when off.
func (a *app) searchInsights() server.Insights {
	if a.insights == nil {
		return nil // an interface holding a nil *Recorder would not be nil
	}
	return a.insights
}
