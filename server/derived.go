package server

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/occupation"
)

// The coverage API and page, the occupation pages and the county's list of
// occupations are computed from every offering and the county's demand
// (coverage.Data), which change only when an import run ends. Reading them
// from the store takes seconds at national size, so they are read once per
// version of the data and kept, with the reports computed from them, until
// the next run; the service reads them again when a run ends (Prime), so
// that no learner waits for it.

// maxDerived bounds the kept reports and lists, the least recently used
// going first: the pages ask for a handful (a few windows, two languages,
// eight municipalities); the API's parameters can make many more.
const maxDerived = 256

// derivedViews holds the coverage data of one version of the data and the
// reports and lists computed from it.
type derivedViews struct {
	mu       sync.Mutex
	version  string
	data     *coverage.Data // read only
	building chan struct{}  // closed when the build of wanted ends
	wanted   string
	err      error                       // the last build's, for the requests that waited on it
	derived  *simplelru.LRU[string, any] // see derive
}

// dataVersion identifies what the coverage data is read from: the
// catalogue's version (every write of an offering) and the runs' tallies
// (the demand, whose imports do not touch the index).
func (s *Server) coverageVersion(ctx context.Context) string {
	runs, _ := s.version.get(ctx, s.Store)
	return strconv.FormatUint(s.Index.Version(), 10) + "/" + runs
}

// loadCoverage returns what the occupation and coverage pages compute from,
// as /api/v1/coverage does: every offering and the county's demand, read
// once per version of the data. The first request after a run that finds
// them not yet read waits for one read shared by all.
func (s *Server) loadCoverage(ctx context.Context) (*coverage.Data, error) {
	if s.Coverage == nil || s.Taxonomy == nil {
		return nil, catalog.Errorf(catalog.ENotFound, "coverage is not available")
	}
	v := &s.views
	for {
		version := s.coverageVersion(ctx) // before the store is read: see kept
		v.mu.Lock()
		// Data read for a day holds what can be taken from that day on: a
		// clock set back (as in tests) reads again.
		if v.version == version && v.data != nil && !s.today().Before(v.data.Since) {
			d := v.data
			v.mu.Unlock()
			return d, nil
		}
		if v.building == nil {
			v.building, v.wanted = make(chan struct{}), version
			done, prev := v.building, v.data
			v.mu.Unlock()
			// The read serves every waiting request: a request that goes
			// away does not stop it. After a run it reads what the run
			// changed (coverage.Update), not the whole store.
			read, region := context.WithoutCancel(ctx), coverage.DefaultParams(s.today()).Region
			var d *coverage.Data
			var err error
			if prev != nil {
				d, err = coverage.Update(read, s.Coverage, prev, region, s.today())
			} else {
				d, err = coverage.Load(read, s.Coverage, region, s.today())
			}
			v.mu.Lock()
			v.building, v.err = nil, err
			if err == nil {
				v.version, v.data = version, d
				v.derived, _ = simplelru.NewLRU[string, any](maxDerived, nil) // an error only for a size below 1
			}
			v.mu.Unlock()
			close(done)
			if err != nil {
				return nil, err
			}
			return d, nil
		}
		done, wanted := v.building, v.wanted
		v.mu.Unlock()
		select {
		case <-done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		v.mu.Lock()
		err := v.err
		v.mu.Unlock()
		if wanted == version && err != nil {
			return nil, err
		}
		// Read, or read for an older version: look again.
	}
}

// coverageReport computes the report of p over d, or returns the one
// computed before for the same data, language and parameters. Reports are
// shared between requests: read only.
func (s *Server) coverageReport(d *coverage.Data, lang string, p coverage.Params) (coverage.Report, error) {
	names := func(ssyk string) string { return s.Taxonomy.Label(ssyk).In(lang) }
	if lang == "" {
		names = nil
	}
	return derive(s, d, "report", lang, p, func() (coverage.Report, error) {
		rep, err := d.Report(names, p)
		// Clipped, so that a caller's append copies rather than writing
		// into the kept report.
		rep.Cells, rep.Gaps = slices.Clip(rep.Cells), slices.Clip(rep.Gaps)
		return rep, err
	})
}

// derive returns what make computes from d for p, computed once per data,
// kind of view, language and parameters. What it returns is shared
// between requests: read only.
func derive[T any](s *Server, d *coverage.Data, kind, lang string, p coverage.Params, make func() (T, error)) (T, error) {
	if p.Places != nil { // a caller's own places: not kept
		return make()
	}
	// %v spells every field of Params, so that a field added later is part
	// of the key without anyone remembering to add it here.
	key := kind + "\x00" + lang + "\x00" + fmt.Sprintf("%v", p)
	v := &s.views
	v.mu.Lock()
	kept := v.data == d && v.derived != nil
	if kept {
		if x, ok := v.derived.Get(key); ok {
			v.mu.Unlock()
			return x.(T), nil
		}
	}
	v.mu.Unlock()
	x, err := make()
	if err != nil {
		return x, err
	}
	v.mu.Lock()
	if kept && v.data == d {
		v.derived.Add(key, x)
	}
	v.mu.Unlock()
	return x, nil
}

// primeViews reads the coverage data of the current version and computes
// the reports the pages ask for without parameters, so that the first
// visitors after a start or a run find them made.
func (s *Server) primeViews(ctx context.Context) error {
	if s.Coverage == nil || s.Taxonomy == nil {
		return nil
	}
	d, err := s.loadCoverage(ctx)
	if err != nil {
		return err
	}
	params := coverage.DefaultParams(s.today())
	if _, err := s.coverageReport(d, "", params); err != nil { // the list of occupations
		return err
	}
	params.Until = params.Today.AddDate(0, defaultCoverageMonths, 0) // the coverage page
	if _, err := s.coverageReport(d, "sv", params); err != nil {
		return err
	}
	centres, err := occupation.LearningCentres()
	if err != nil {
		return err
	}
	for _, c := range centres {
		if _, err := s.distanceOfferings(d, c, params); err != nil {
			return err
		}
	}
	return nil
}
