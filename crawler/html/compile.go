package html

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/andybalholm/cascadia"
)

// site is a validated SiteConfig with its selectors and patterns compiled.
type site struct {
	cfg      SiteConfig
	item     cascadia.Selector // nil: JSON-LD only
	follow   []cascadia.Selector
	pattern  *regexp.Regexp
	exclude  *regexp.Regexp
	fields   map[string]rule
	mappings map[string]map[string]string // keys folded
	hosts    map[string]bool
	maxPages int
}

// rule is a compiled FieldRule.
type rule struct {
	sel    cascadia.Selector // nil: the item itself
	column string            // folded
	attr   string
	re     *regexp.Regexp
}

func compile(c SiteConfig) (*site, error) {
	s := &site{cfg: c, fields: map[string]rule{}, mappings: map[string]map[string]string{},
		hosts: map[string]bool{}, maxPages: c.MaxPages}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if len(c.StartURLs) == 0 {
		bad("start_urls: none given")
	}
	for _, raw := range c.StartURLs {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("start_urls: %q is not an absolute http(s) URL", raw)
			continue
		}
		s.hosts[strings.ToLower(u.Host)] = true
	}
	if c.MaxPages < 0 {
		bad("max_pages: %d is negative", c.MaxPages)
	}
	if s.maxPages <= 0 {
		s.maxPages = DefaultMaxPages
	}
	for i, f := range c.Follow {
		sel, err := cascadia.Compile(f)
		if err != nil {
			bad("follow[%d]: %v", i, err)
		}
		s.follow = append(s.follow, sel)
	}
	var err error
	if s.pattern, err = compileRegexp(c.FollowPattern); err != nil {
		bad("follow_pattern: %v", err)
	}
	if s.exclude, err = compileRegexp(c.Exclude); err != nil {
		bad("exclude: %v", err)
	}
	switch {
	case c.Item == "" && !c.JSONLD:
		bad("item: required unless jsonld is set")
	case c.Item != "":
		if s.item, err = cascadia.Compile(c.Item); err != nil {
			bad("item: %v", err)
		}
	}
	if c.Item != "" {
		if _, ok := c.Fields[FieldTitle]; !ok {
			bad("fields: title is required with item")
		}
	}

	for _, name := range sortedKeys(c.Fields) {
		r, err := compileRule(c.Fields[name])
		if !slices.Contains(FieldNames, name) {
			bad("fields: unknown field %q (known: %s)", name, strings.Join(FieldNames, ", "))
		} else if err != nil {
			bad("fields.%s: %v", name, err)
		}
		s.fields[name] = r
	}
	for _, name := range sortedKeys(c.Mappings) {
		if !slices.Contains(FieldNames, name) {
			bad("mappings: unknown field %q", name)
			continue
		}
		m := map[string]string{}
		for _, from := range sortedKeys(c.Mappings[name]) {
			to := c.Mappings[name][from]
			if err := checkValue(name, to); err != nil {
				bad("mappings.%s[%q]: %v", name, from, err)
			}
			m[fold(from)] = to
		}
		s.mappings[name] = m
	}
	for _, name := range sortedKeys(c.Defaults) {
		if !slices.Contains(FieldNames, name) {
			bad("defaults: unknown field %q", name)
		} else if name == FieldID || name == FieldTitle {
			bad("defaults.%s: a fixed value would be the same for every course", name)
		} else if err := checkValue(name, c.Defaults[name]); err != nil {
			bad("defaults.%s: %v", name, err)
		}
	}
	// Every offering needs a provider and a school type; a site that can
	// give neither would have every item skipped, so say so now. JSON-LD
	// names its provider.
	if _, ok := c.Fields[FieldSchoolType]; !ok && c.Defaults[FieldSchoolType] == "" {
		bad("school_type: give a field rule or a default")
	}
	if _, ok := c.Fields[FieldProvider]; !ok && c.Defaults[FieldProvider] == "" && !c.JSONLD {
		bad("provider: give a field rule or a default")
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

func compileRule(r FieldRule) (rule, error) {
	out := rule{column: fold(r.Column), attr: strings.ToLower(strings.TrimSpace(r.Attr))}
	var err error
	if r.Selector != "" {
		if out.sel, err = cascadia.Compile(r.Selector); err != nil {
			return out, fmt.Errorf("selector: %w", err)
		}
	}
	if out.re, err = compileRegexp(r.Regexp); err != nil {
		return out, fmt.Errorf("regexp: %w", err)
	}
	return out, nil
}

func compileRegexp(s string) (*regexp.Regexp, error) {
	if s == "" {
		return nil, nil
	}
	return regexp.Compile(s)
}

// checkValue runs a mapped or default value through its field's parser, so
// that a typo in the configuration fails at start-up instead of skipping
// every course at the next crawl.
func checkValue(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	var err error
	switch field {
	case FieldStart:
		_, err = parseSchedule(v)
	case FieldEnd, FieldApplicationLast:
		_, err = parseDeadline(v)
	case FieldMode:
		if _, ok := parseMode(v); !ok {
			err = fmt.Errorf("%q is not a mode (onsite, online, blended or Swedish such as \"distans med 2 träffar\")", v)
		}
	case FieldPace:
		if _, ok := parsePace(v); !ok {
			err = fmt.Errorf("%q is not a pace (a percentage, halvfart, heltid...)", v)
		}
	case FieldTimeOfStudy:
		if _, ok := parseTimeOfStudy(v); !ok {
			err = fmt.Errorf("%q is not a time of study (dag, kväll, veckoslut, blandat)", v)
		}
	case FieldFee:
		if _, ok := parseFee(v); !ok {
			err = fmt.Errorf("%q is not a price (\"2 900 kr\", \"Avgiftsfri\")", v)
		}
	case FieldMandatorySessions, FieldPlaces:
		if _, ok := parseCount(v); !ok {
			err = fmt.Errorf("%q is not a number", v)
		}
	case FieldCredits:
		if _, _, ok := parseCredits(v); !ok {
			err = fmt.Errorf("%q is not a number of credits", v)
		}
	case FieldCreditSystem:
		if !slices.Contains(creditSystems, v) {
			err = fmt.Errorf("%q is not one of %v", v, creditSystems)
		}
	case FieldSchoolType:
		if !knownSchoolType(v) {
			err = fmt.Errorf("%q is not an EMIL3 school type code", v)
		}
	case FieldMunicipality:
		_, err = municipalityCodes(v)
	}
	return err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
