package html

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"kurskatalog/data/catalog"
)

// JSON-LD is read loosely: schema.org lets almost any property be a string,
// an object or an array of either, and sites use all three. Values are
// turned into the same raw text fields a CSS rule yields, so that mappings,
// defaults and the Swedish parsers apply alike.

// maxJSONLDDepth bounds the walk through nested objects; real pages nest a
// handful of levels.
const maxJSONLDDepth = 32

// jsonLDRecords reads schema.org Course and EducationEvent objects from the
// page's JSON-LD blocks: top-level objects, arrays and @graph lists. A
// Course gives one record per CourseInstance (or one without dates if it
// lists none). A block that is not JSON is reported as a skip: the page may
// still have its courses elsewhere, but someone should look.
func jsonLDRecords(doc *goquery.Selection, page string, base *url.URL) ([]record, []catalog.Skip) {
	var recs []record
	var skips []catalog.Skip
	doc.Find("script").Each(func(i int, sc *goquery.Selection) {
		typ, _, _ := strings.Cut(sc.AttrOr("type", ""), ";")
		if !strings.EqualFold(strings.TrimSpace(typ), "application/ld+json") {
			return
		}
		text := strings.TrimSpace(sc.Text())
		// Some CMSs wrap the JSON in comment or CDATA markers.
		text = strings.TrimPrefix(strings.TrimPrefix(text, "<!--"), "//<![CDATA[")
		text = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(text), "-->"), "//]]>")
		var v any
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			skips = append(skips, catalog.Skip{Reason: fmt.Sprintf("invalid JSON-LD on %s: %v", page, err)})
			return
		}
		walkJSONLD(v, 0, func(obj map[string]any) {
			switch {
			case hasType(obj, "Course"):
				recs = append(recs, courseRecords(obj, page, base)...)
			case hasType(obj, "EducationEvent"):
				recs = append(recs, instanceRecord(obj, nil, page, base, 1))
			}
		})
	})
	return recs, skips
}

// walkJSONLD calls fn for every object at the top, in arrays and in @graph.
func walkJSONLD(v any, depth int, fn func(map[string]any)) {
	if depth > maxJSONLDDepth {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			walkJSONLD(e, depth+1, fn)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			walkJSONLD(g, depth+1, fn)
		}
		fn(x)
	}
}

// hasType reports whether obj's @type is name, as "Course",
// "schema:Course", "https://schema.org/Course" or in an array.
func hasType(obj map[string]any, name string) bool {
	for _, t := range list(obj["@type"]) {
		s, _ := t.(string)
		if i := strings.LastIndexAny(s, "/:#"); i >= 0 {
			s = s[i+1:]
		}
		if s == name {
			return true
		}
	}
	return false
}

// courseRecords makes one record per CourseInstance of a Course.
func courseRecords(course map[string]any, page string, base *url.URL) []record {
	var instances []map[string]any
	for _, v := range list(course["hasCourseInstance"]) {
		if m, ok := v.(map[string]any); ok {
			instances = append(instances, m)
		}
	}
	if len(instances) == 0 {
		return []record{instanceRecord(nil, course, page, base, 1)}
	}
	out := make([]record, 0, len(instances))
	for _, in := range instances {
		out = append(out, instanceRecord(in, course, page, base, len(instances)))
	}
	return out
}

// instanceRecord merges a CourseInstance (or an EducationEvent, passed as
// in with a nil course) with its Course. n is the number of instances of
// the course, which decides whether the course's identifier alone is
// unique.
func instanceRecord(in, course map[string]any, page string, base *url.URL, n int) record {
	r := record{fields: map[string]string{}, page: page, base: base}
	set := func(field, v string) {
		if v = strings.TrimSpace(v); v != "" && r.fields[field] == "" {
			r.fields[field] = v
		}
	}
	for _, obj := range []map[string]any{in, course} { // the instance's own values win
		if obj == nil {
			continue
		}
		set(FieldTitle, text(obj["name"]))
		set(FieldDescription, text(obj["description"]))
		set(FieldURL, resolve(base, text(obj["url"])))
		set(FieldCode, text(obj["courseCode"]))
		set(FieldProvider, text(first(obj["provider"], obj["organizer"])))
		set(FieldCredits, text(obj["numberOfCredits"]))
	}
	if in != nil {
		set(FieldID, text(in["identifier"]))
		set(FieldStart, text(in["startDate"]))
		set(FieldEnd, text(in["endDate"]))
		set(FieldMode, modeText(in))
		set(FieldPace, paceText(in))
		set(FieldPlaces, text(in["maximumAttendeeCapacity"]))
		set(FieldTown, localities(in["location"]))
		if offer, ok := first(in["offers"]).(map[string]any); ok {
			set(FieldApplicationLast, text(offer["validThrough"]))
			set(FieldApplicationURL, resolve(base, text(offer["url"])))
		}
	}
	if course != nil {
		id := first(course["identifier"], course["courseCode"])
		if r.fields[FieldID] == "" && text(id) != "" {
			if n > 1 {
				// The course id is shared by its instances; the start tells
				// them apart.
				set(FieldID, text(id)+"-"+text(in["startDate"]))
			} else {
				set(FieldID, text(id))
			}
		}
	}
	if d := r.fields[FieldDescription]; strings.Contains(d, "<") {
		r.htmlDescription = true
	}
	return r
}

// modeText reads courseMode (or an Event's eventAttendanceMode) and, for a
// VirtualLocation without a mode, says online.
func modeText(in map[string]any) string {
	var words []string
	for _, v := range list(first(in["courseMode"], in["eventAttendanceMode"])) {
		s := text(v)
		if i := strings.LastIndexAny(s, "/:#"); i >= 0 {
			s = s[i+1:]
		}
		switch strings.ToLower(s) {
		case "onlineeventattendancemode":
			s = "online"
		case "offlineeventattendancemode":
			s = "onsite"
		case "mixedeventattendancemode":
			s = "blended"
		}
		words = append(words, s)
	}
	if len(words) == 0 {
		for _, loc := range list(in["location"]) {
			if m, ok := loc.(map[string]any); ok && hasType(m, "VirtualLocation") {
				words = append(words, "online")
			}
		}
	}
	return strings.Join(words, ", ")
}

// paceText reads courseWorkload ("50 %", "halvfart") or a full-time
// courseMode.
func paceText(in map[string]any) string {
	if w := text(in["courseWorkload"]); w != "" {
		return w
	}
	for _, v := range list(in["courseMode"]) {
		if s := strings.ToLower(text(v)); s == "full-time" || s == "fulltime" {
			return "heltid"
		}
	}
	return ""
}

// localities lists the localities of a location: a Place's
// address.addressLocality, else its name; a plain string as it is.
func localities(v any) string {
	var out []string
	for _, loc := range list(v) {
		switch x := loc.(type) {
		case string:
			out = appendNew(out, x)
		case map[string]any:
			if hasType(x, "VirtualLocation") {
				continue
			}
			place := ""
			if addr, ok := first(x["address"]).(map[string]any); ok {
				place = text(addr["addressLocality"])
			} else if s, ok := x["address"].(string); ok {
				place = s
			}
			if place == "" {
				place = text(x["name"])
			}
			if place != "" {
				out = appendNew(out, place)
			}
		}
	}
	return strings.Join(out, ", ")
}

// list turns a JSON-LD value into a slice: nil is empty, a scalar or
// object is one element.
func list(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	}
	return []any{v}
}

// first returns the first non-empty of values, looking into arrays.
func first(values ...any) any {
	for _, v := range values {
		if l := list(v); len(l) > 0 && l[0] != nil {
			return l[0]
		}
	}
	return nil
}

// text renders a JSON-LD value as text: strings as they are, numbers in
// Go's shortest form, an object by its @value, value, name or @id.
func text(v any) string {
	switch x := first(v).(type) {
	case string:
		return strings.TrimSpace(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		for _, k := range []string{"@value", "value", "name", "@id"} {
			if s := text(x[k]); s != "" {
				return s
			}
		}
	}
	return ""
}

func resolve(base *url.URL, ref string) string {
	if ref == "" {
		return ""
	}
	u, err := base.Parse(ref)
	if err != nil {
		return ""
	}
	return u.String()
}
