package html

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// validSite is a minimal valid configuration each Validate case breaks.
func validSite() SiteConfig {
	return SiteConfig{
		StartURLs: []string{"https://www.ragunda.se/utbildning/larcentrum/kurser/"},
		Item:      "tr",
		Fields:    map[string]FieldRule{FieldTitle: {Selector: "td"}},
		Defaults:  map[string]string{FieldProvider: "Lärcentrum Ragunda", FieldSchoolType: "AU"},
	}
}

func TestValidate(t *testing.T) {
	if err := validSite().Validate(); err != nil {
		t.Fatalf("valid site: %v", err)
	}
	tests := []struct {
		name   string
		change func(*SiteConfig)
		want   string
	}{
		{"no start URL", func(c *SiteConfig) { c.StartURLs = nil }, "start_urls: none given"},
		{"relative start URL", func(c *SiteConfig) { c.StartURLs = []string{"/kurser/"} }, `"/kurser/" is not an absolute http(s) URL`},
		{"ftp start URL", func(c *SiteConfig) { c.StartURLs = []string{"ftp://x.se/"} }, "not an absolute http(s) URL"},
		{"bad item selector", func(c *SiteConfig) { c.Item = "table tr[" }, "item:"},
		{"no item and no JSON-LD", func(c *SiteConfig) { c.Item = "" }, "item: required unless jsonld is set"},
		{"no title rule", func(c *SiteConfig) { c.Fields = map[string]FieldRule{} }, "fields: title is required"},
		{"bad follow selector", func(c *SiteConfig) { c.Follow = []string{"a", "a:nth-child("} }, "follow[1]:"},
		{"bad follow pattern", func(c *SiteConfig) { c.FollowPattern = "(" }, "follow_pattern:"},
		{"bad exclude", func(c *SiteConfig) { c.Exclude = "[" }, "exclude:"},
		{"negative max pages", func(c *SiteConfig) { c.MaxPages = -1 }, "max_pages"},
		{"unknown field", func(c *SiteConfig) { c.Fields["startdatum"] = FieldRule{Selector: "td"} }, `unknown field "startdatum"`},
		{"bad field selector", func(c *SiteConfig) { c.Fields[FieldStart] = FieldRule{Selector: "td:contains("} }, "fields.start: selector"},
		{"bad field regexp", func(c *SiteConfig) { c.Fields[FieldStart] = FieldRule{Regexp: "Start:(("} }, "fields.start: regexp"},
		{"unknown mapping field", func(c *SiteConfig) { c.Mappings = map[string]map[string]string{"studieform": {}} }, `mappings: unknown field "studieform"`},
		{"unknown mode target", func(c *SiteConfig) {
			c.Mappings = map[string]map[string]string{FieldMode: {"Flex": "se nedan"}}
		}, `mappings.mode["Flex"]: "se nedan" is not a mode`},
		{"unknown school type target", func(c *SiteConfig) {
			c.Mappings = map[string]map[string]string{FieldSchoolType: {"Komvux": "KOMVUX"}}
		}, `"KOMVUX" is not an EMIL3 school type`},
		{"bad time of study target", func(c *SiteConfig) {
			c.Mappings = map[string]map[string]string{FieldTimeOfStudy: {"Ibland": "ibland"}}
		}, "not a time of study"},
		{"unknown default field", func(c *SiteConfig) { c.Defaults["ort"] = "Sveg" }, `defaults: unknown field "ort"`},
		{"bad default pace", func(c *SiteConfig) { c.Defaults[FieldPace] = "snabbt" }, "defaults.pace"},
		{"bad default start", func(c *SiteConfig) { c.Defaults[FieldStart] = "till hösten" }, "defaults.start"},
		{"bad default municipality", func(c *SiteConfig) { c.Defaults[FieldMunicipality] = "Jämtland" }, `unknown municipality "Jämtland"`},
		{"bad credit system", func(c *SiteConfig) { c.Defaults[FieldCreditSystem] = "ects" }, "defaults.credit_system"},
		{"no school type", func(c *SiteConfig) { delete(c.Defaults, FieldSchoolType) }, "school_type: give a field rule or a default"},
		{"default id", func(c *SiteConfig) { c.Defaults[FieldID] = "kurs" }, "defaults.id: a fixed value"},
		{"no provider", func(c *SiteConfig) { delete(c.Defaults, FieldProvider) }, "provider: give a field rule or a default"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validSite()
			tt.change(&c)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.want)
			}
			if _, nerr := New("x", c, nil); nerr == nil {
				t.Error("New accepted an invalid configuration")
			}
		})
	}
}

// TestValidateReportsAll lists every problem at once, so that fixing a
// configuration takes one round.
func TestValidateReportsAll(t *testing.T) {
	c := validSite()
	c.Item = "["
	c.Defaults[FieldPace] = "snabbt"
	err := c.Validate()
	if err == nil || !strings.Contains(err.Error(), "item:") || !strings.Contains(err.Error(), "defaults.pace") {
		t.Errorf("Validate() = %v, want both problems", err)
	}
}

func TestValidateAcceptsJSONLDOnly(t *testing.T) {
	c := SiteConfig{StartURLs: []string{"https://www.birka.nu/korta-kurser/"}, JSONLD: true,
		Defaults: map[string]string{FieldSchoolType: "FHS"}}
	if err := c.Validate(); err != nil {
		t.Errorf("JSON-LD site without item or provider default: %v", err)
	}
}

func TestNewNeedsID(t *testing.T) {
	if _, err := New("", validSite(), nil); err == nil {
		t.Error("New accepted an empty id")
	}
}

// TestFieldRuleYAML decodes both spellings of a rule.
func TestFieldRuleYAML(t *testing.T) {
	const doc = `
start_urls: ["https://www.are.se/kurser/"]
item: article
max_pages: 20
fields:
  title: h1
  start: {selector: "dt:contains('Start') + dd", regexp: "(\\d.*)"}
  town:
    column: Ort
    attr: data-ort
mappings:
  mode: {Flex: blended}
defaults:
  provider: Lärcentrum Åre
  school_type: AU
`
	var c SiteConfig
	if err := yaml.Unmarshal([]byte(doc), &c); err != nil {
		t.Fatal(err)
	}
	want := map[string]FieldRule{
		FieldTitle: {Selector: "h1"},
		FieldStart: {Selector: "dt:contains('Start') + dd", Regexp: `(\d.*)`},
		FieldTown:  {Column: "Ort", Attr: "data-ort"},
	}
	for k, w := range want {
		if c.Fields[k] != w {
			t.Errorf("fields.%s = %+v, want %+v", k, c.Fields[k], w)
		}
	}
	if c.MaxPages != 20 || c.Mappings[FieldMode]["Flex"] != "blended" || c.Defaults[FieldProvider] != "Lärcentrum Åre" {
		t.Errorf("decoded %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
}
