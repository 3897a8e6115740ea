package frontend

import (
	"io/fs"
	"regexp"
	"testing"
)

func TestMessagesHaveTheSameKeysInEveryLanguage(t *testing.T) {
	m, err := LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	for _, miss := range m.Mismatches() {
		t.Error(miss)
	}
}

// Every literal key a template asks for must be in the catalogue; keys
// built at run time are checked by rendering every page in the server's
// tests, which fail on a "!missing:" marker.
func TestTemplatesUseOnlyKnownKeys(t *testing.T) {
	m, err := LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`\{\{-?\s*(?:t|n)\s+"([^"]+)"`)
	nested := regexp.MustCompile(`\((?:t|n)\s+"([^"]+)"`)
	err = fs.WalkDir(templateFiles, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFiles, path)
		if err != nil {
			return err
		}
		for _, re := range []*regexp.Regexp{call, nested} {
			for _, match := range re.FindAllStringSubmatch(string(b), -1) {
				key := match[1]
				for _, lang := range Languages {
					if !m.Has(lang, key) && !m.Has(lang, key+".one") {
						t.Errorf("%s: %s has no %q", path, lang, key)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPluralsAndFormatting(t *testing.T) {
	m, err := LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, got, want string
	}{
		{"one", m.N("sv", "results.count", 1), "1 utbildning"},
		{"many", m.N("sv", "results.count", 12), "12 utbildningar"},
		{"english", m.N("en", "results.count", 0), "0 courses"},
		{"percent", m.T("sv", "pace.value", 75), "75 %"},
		{"missing key is marked", m.T("sv", "no.such.key"), "!missing:no.such.key"},
		{"label falls back", m.Label("en", "facet.level.master", "master"), "master"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
