package html

import "gopkg.in/yaml.v3"

// DefaultMaxPages caps the pages one Fetch reads when SiteConfig.MaxPages is
// zero. A learning centre's course pages number in the tens; a crawl that
// reaches 200 has followed a link it should not have.
const DefaultMaxPages = 200

// SiteConfig says declaratively how to read one web site: where to start,
// which links lead to more course pages, what one course looks like on a
// page, and how the site's own words map onto catalogue values. It is the
// `site:` block of an html source in the YAML configuration.
type SiteConfig struct {
	// StartURLs are the pages the crawl starts from. Links are only followed
	// to the hosts of these URLs.
	StartURLs []string `yaml:"start_urls"`
	// Follow lists CSS selectors of links to follow, e.g. to course detail
	// pages or the next page of a listing. A selected element without href
	// contributes the links inside it.
	Follow []string `yaml:"follow"`
	// FollowPattern is a regular expression a link's absolute URL must match
	// to be followed; empty means any link Follow selects.
	FollowPattern string `yaml:"follow_pattern"`
	// MaxPages caps the pages read, start pages included; reaching it fails
	// the fetch, since the site was not read to the end. Default
	// DefaultMaxPages.
	MaxPages int `yaml:"max_pages"`
	// Item is the CSS selector of one course on a page: a table row, list
	// item, card, or the main column of a detail page. Empty reads only
	// JSON-LD (JSONLD must then be set).
	Item string `yaml:"item"`
	// Exclude is a regular expression on the title of items that are on the
	// page but are not courses (exam proctoring, drop-in study support).
	// They are counted as filtered, not skipped.
	Exclude string `yaml:"exclude"`
	// Fields maps catalogue field names (see FieldNames) to where the value
	// is in an item.
	Fields map[string]FieldRule `yaml:"fields"`
	// Mappings translate, per field, the site's exact wording (compared
	// case-insensitively, whitespace folded) into a value the field's parser
	// understands, e.g. mode: {"Flex": "blended"}, school_type:
	// {"Komvux": "VUXGY"}. An empty value means "no value".
	Mappings map[string]map[string]string `yaml:"mappings"`
	// Defaults give a field's value when the page has none, e.g.
	// provider: "Lärcentrum Ragunda", municipality: "2303".
	Defaults map[string]string `yaml:"defaults"`
	// JSONLD also reads schema.org Course (one offering per CourseInstance)
	// and EducationEvent objects from <script type="application/ld+json">.
	// Mappings and Defaults apply to them too.
	JSONLD bool `yaml:"jsonld"`
}

// FieldRule says where one field's value is inside an item. The value is the
// element's text (line breaks kept for Regexp, then whitespace folded) or
// the attribute Attr. For description, a rule with neither Attr nor Regexp
// takes the selected elements' HTML, which is sanitised.
//
// In YAML a rule may be written as a bare string, which is its Selector:
// `title: "h3"`.
type FieldRule struct {
	// Selector is a CSS selector matched inside the item; the first match is
	// used (all matches for description). Empty means the item itself.
	Selector string `yaml:"selector"`
	// Column selects, for an item that is a table row, the cell under the
	// header whose text starts with Column (case-insensitive), so the rule
	// survives reordered columns. Selector, if also set, applies inside
	// that cell.
	Column string `yaml:"column"`
	// Attr reads this attribute (href, datetime, content, data-...) instead
	// of the text. href and src are resolved against the page's URL.
	Attr string `yaml:"attr"`
	// Regexp picks part of the text: the first submatch, or the whole match
	// when it has no group. No match gives an empty value.
	Regexp string `yaml:"regexp"`
}

// UnmarshalYAML accepts a bare string as a rule with only a Selector.
func (r *FieldRule) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		r.Selector = n.Value
		return nil
	}
	type plain FieldRule // no UnmarshalYAML: decodes field by field
	return n.Decode((*plain)(r))
}

// The catalogue fields a FieldRule, a mapping or a default can fill.
const (
	FieldTitle             = "title"
	FieldID                = "id"   // stable key of the offering on the site
	FieldCode              = "code" // course code; shared by starts of one course
	FieldDescription       = "description"
	FieldURL               = "url"
	FieldApplicationURL    = "application_url"
	FieldStart             = "start" // a date, a range, "Löpande start"...
	FieldEnd               = "end"
	FieldApplicationLast   = "application_last"
	FieldMunicipality      = "municipality" // SCB code or name
	FieldTown              = "town"
	FieldMode              = "mode"
	FieldMandatorySessions = "mandatory_sessions"
	FieldPace              = "pace"
	FieldTimeOfStudy       = "time_of_study"
	FieldSchoolType        = "school_type" // EMIL3 code: AU, FHS, HS, VUXGY...
	FieldProvider          = "provider"
	FieldCredits           = "credits"
	FieldCreditSystem      = "credit_system"
	FieldPlaces            = "places"
	FieldFee               = "fee" // "2 900 kr", "Avgiftsfri"; what follows the amount is its condition
)

// FieldNames lists every field a site configuration may name.
var FieldNames = []string{
	FieldTitle, FieldID, FieldCode, FieldDescription, FieldURL, FieldApplicationURL,
	FieldStart, FieldEnd, FieldApplicationLast, FieldMunicipality, FieldTown,
	FieldMode, FieldMandatorySessions, FieldPace, FieldTimeOfStudy, FieldSchoolType,
	FieldProvider, FieldCredits, FieldCreditSystem, FieldPlaces, FieldFee,
}

// Validate reports every problem in the configuration: bad URLs, selectors
// and regular expressions that do not compile, unknown field names, and
// mapped or default values that their field's parser would reject. A
// selector that does not compile would otherwise silently match nothing.
func (c SiteConfig) Validate() error {
	_, err := compile(c)
	return err
}
