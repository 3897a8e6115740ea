package frontend

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Messages is the message catalogue: every label on the pages, by key, in
// each language. It is read from messages/<lang>.json.
type Messages map[string]map[string]string

// LoadMessages reads the embedded catalogue.
func LoadMessages() (Messages, error) {
	m := Messages{}
	for _, lang := range Languages {
		b, err := messageFiles.ReadFile("messages/" + lang + ".json")
		if err != nil {
			return nil, fmt.Errorf("frontend: messages %s: %w", lang, err)
		}
		var texts map[string]string
		if err := json.Unmarshal(b, &texts); err != nil {
			return nil, fmt.Errorf("frontend: messages %s: %w", lang, err)
		}
		m[lang] = texts
	}
	return m, nil
}

// missing marks a key the catalogue lacks, so that a test can find it on a
// rendered page instead of the page quietly showing nothing.
const missing = "!missing:"

// T returns the message key in lang, formatted with args (fmt verbs). A key
// the catalogue lacks comes back marked "!missing:key".
func (m Messages) T(lang, key string, args ...any) string {
	s, ok := m[lang][key]
	if !ok {
		return missing + key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// N returns the plural form of key for n: key.one when n is 1, else
// key.other, formatted with n and then args.
func (m Messages) N(lang, key string, n int, args ...any) string {
	form := key + ".other"
	if n == 1 {
		form = key + ".one"
	}
	return m.T(lang, form, append([]any{n}, args...)...)
}

// Has reports whether key exists in lang.
func (m Messages) Has(lang, key string) bool {
	_, ok := m[lang][key]
	return ok
}

// Label returns the message key in lang, or fallback when there is none:
// for values whose labels may or may not be in the catalogue, such as the
// values of a facet added later.
func (m Messages) Label(lang, key, fallback string) string {
	if s, ok := m[lang][key]; ok {
		return s
	}
	return fallback
}

// Mismatches lists the keys that are in one language but not another.
func (m Messages) Mismatches() []string {
	var out []string
	for _, a := range Languages {
		for _, b := range Languages {
			for key := range m[a] {
				if _, ok := m[b][key]; !ok {
					out = append(out, fmt.Sprintf("%s has %q, %s does not", a, key, b))
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// IsMissing reports whether s contains a missing-message marker.
func IsMissing(s string) bool { return strings.Contains(s, missing) }
