package server

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// A parameter has one name in the API, on the pages and on the command
// line. The pages once used Swedish names for some; links with those keep
// working by redirecting to the page's address with the current names.

// pageParamAliases are page parameters' former names, by the name each has
// now.
var pageParamAliases = map[string]string{
	"kommun":  catalog.FacetMunicipality,
	"manader": "months",
}

// municipalityParam reads one municipality given to parameter name: an SCB
// code or a name, however written (data.ParseMunicipality). It returns the
// code.
func municipalityParam(name, raw string) (string, error) {
	code, ok := data.ParseMunicipality(raw)
	if !ok {
		return "", catalog.Invalid(name, "%q is not a municipality code or name (e.g. 2361 or Härjedalen)", raw)
	}
	return code, nil
}

// canonicalPageQuery redirects a page asked for with a former parameter
// name or a municipality by name to its one address: current names and
// SCB codes. A page's address is its state; with one address per state its
// form, links and facet checkboxes need only understand codes. Values that
// name no municipality are left for the page to reject.
func canonicalPageQuery(c *gin.Context) {
	v := c.Request.URL.Query()
	if canonicalQuery(v) {
		u := *c.Request.URL
		u.RawQuery = v.Encode()
		c.Redirect(http.StatusMovedPermanently, u.RequestURI())
		c.Abort()
		return
	}
	c.Next()
}

// canonicalQuery renames former parameters and replaces municipality names
// by codes in v, reporting whether anything changed.
func canonicalQuery(v url.Values) bool {
	changed := false
	for old, name := range pageParamAliases {
		if vals, ok := v[old]; ok {
			v[name] = append(v[name], vals...)
			delete(v, old)
			changed = true
		}
	}
	for i, raw := range v[catalog.FacetMunicipality] {
		parts := strings.Split(raw, ",")
		for j, p := range parts {
			p = strings.TrimSpace(p)
			if code, ok := data.ParseMunicipality(p); ok && code != p {
				parts[j] = code
				changed = true
			}
		}
		v[catalog.FacetMunicipality][i] = strings.Join(parts, ",")
	}
	return changed
}
