package emil3gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"kurskatalog/crawler/emil3"
)

// The list endpoints, as path segments of BaseURL.
const (
	ResourceEvents    = "educationEvents"
	ResourceInfos     = "educationInfos"
	ResourceProviders = "educationProviders"
)

// BaseURL is the live API that page links point at.
const BaseURL = "https://api.skolverket.se/susa-navet/emil3"

// SchoolTypes are the school types the snapshot pages answer for, in the
// order of the request's query.
var SchoolTypes = []string{"AUB", "FHS", "HS", "KKU", "STF", "VUXGR", "VUXGRAN", "VUXGY", "VUXGYAN", "VUXSFI", "YH"}

// DefaultPageSize is the page size of the bundled snapshot.
const DefaultPageSize = 500

// PageURL is the request a page answers: GET BaseURL/resource with the
// school types, page and size, the way the importer asks for it.
func PageURL(resource string, page, size int) string {
	q := ""
	for _, t := range SchoolTypes {
		q += "schoolType=" + url.QueryEscape(t) + "&"
	}
	return BaseURL + "/" + resource + "?" + q + "page=" + strconv.Itoa(page) + "&size=" + strconv.Itoa(size)
}

// Pages encodes the entries of resource as list pages of size entries:
// full envelopes with links and page metadata, indented with two spaces,
// not HTML-escaped. There is always at least one page.
func (d *Dataset) Pages(resource string, size int) ([][]byte, error) {
	if size < 1 {
		return nil, fmt.Errorf("emil3gen: page size %d", size)
	}
	var total int
	switch resource {
	case ResourceEvents:
		total = len(d.Events)
	case ResourceInfos:
		total = len(d.Infos)
	case ResourceProviders:
		total = len(d.Providers)
	default:
		return nil, fmt.Errorf("emil3gen: unknown resource %q", resource)
	}
	pages := (total + size - 1) / size
	var out [][]byte
	for n := 0; n == 0 || n < pages; n++ {
		lo, hi := min(n*size, total), min((n+1)*size, total)
		env := envelopeJSON{
			Links: []emil3.Link{{Rel: "self", Href: PageURL(resource, n, size)}},
			Page:  emil3.PageMetadata{Size: int64(size), TotalElements: int64(total), TotalPages: int64(pages), PageNumber: int64(n)},
		}
		if n+1 < pages {
			env.Links = append(env.Links, emil3.Link{Rel: "next", Href: PageURL(resource, n+1, size)})
		}
		switch resource {
		case ResourceEvents:
			list := make([]eventEntryJSON, 0, hi-lo)
			for _, e := range d.Events[lo:hi] {
				list = append(list, d.eventEntry(e))
			}
			env.EducationEvents = &list
		case ResourceInfos:
			list := make([]infoEntryJSON, 0, hi-lo)
			for _, e := range d.Infos[lo:hi] {
				list = append(list, infoEntry(e))
			}
			env.EducationInfos = &list
		case ResourceProviders:
			list := d.Providers[lo:hi:hi]
			env.EducationProviders = &list
		}
		b, err := encode(env)
		if err != nil {
			return nil, fmt.Errorf("emil3gen: %s page %d: %w", resource, n, err)
		}
		out = append(out, b)
	}
	return out, nil
}

// encode writes v the way the snapshot files are written.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// envelopeJSON is emil3.Envelope with the one array always present, even
// when empty.
type envelopeJSON struct {
	Links              []emil3.Link           `json:"links"`
	EducationEvents    *[]eventEntryJSON      `json:"educationEvents,omitempty"`
	EducationInfos     *[]infoEntryJSON       `json:"educationInfos,omitempty"`
	EducationProviders *[]emil3.ProviderEntry `json:"educationProviders,omitempty"`
	Page               emil3.PageMetadata     `json:"page"`
}
