package server

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/frontend"
)

// The search page is the API's search rendered as HTML: the same
// parameters (parseSearch), so a page's address is its whole state and a
// link reproduces it.

// singleParams take one value; every other search parameter is a filter
// that may be repeated or comma-separated.
var singleParams = []string{"q", "sort", "group", "start_from", "start_to", "per_page", "rolling_start",
	"max_mandatory_sessions", "include_past"}

// facetShown is how many values a facet shows before "show more".
const facetShown = 8

type searchView struct {
	Query       string
	Total       int
	Relaxed     bool // no offering had every word: these lack one
	CountText   string
	FirstNumber int
	Results     []resultItem
	Facets      []facetView
	StartFrom   string
	StartTo     string
	Chips       []chip
	ClearURL    string
	Sorts       []option
	Pages       pagination
	Hidden      []hiddenField
	FeedURL     string
	CalendarURL string
}

type facetView struct {
	Name, Label string
	Top, More   []facetValueView
	MoreOpen    bool
	// DistanceURL turns distance courses (reachable from every
	// municipality) on or off next to the chosen municipalities' own;
	// DistanceOn says whether they are on.
	DistanceURL string
	DistanceOn  bool
	// About links the chosen occupations' pages.
	About []textLink
}

type facetValueView struct {
	ID, Param, Value, Label string
	Count                   int
	Checked                 bool
}

type chip struct{ Label, RemoveURL string }

type option struct {
	Value, Label string
	Selected     bool
}

type hiddenField struct{ Name, Value string }

type pagination struct {
	Last             int
	PrevURL, NextURL string
	Items            []pageLink
}

type pageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

func (s *Server) searchPage(c *gin.Context) {
	lang, langErr := pageLang(c)
	raw := c.Request.URL.Query()
	q, _, err := s.searchQuery(raw)
	p := basePage(c, lang, "")
	if langErr != nil {
		err = langErr
	}
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	ctx := c.Request.Context()
	res, err := s.Index.Search(ctx, q)
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	hits, err := s.hydrate(ctx, res, pageIntakes)
	if err != nil {
		s.failPage(c, p, err)
		return
	}

	s.noteSearch(c, q, res.Total)
	st := searchState(raw)
	m := pages.Messages
	v := searchView{Query: q.Text, Total: res.Total, Relaxed: res.Relaxed, CountText: m.N(lang, "results.count", res.Total),
		FirstNumber: (q.Page-1)*q.PerPage + 1, StartFrom: st.Get("start_from"), StartTo: st.Get("start_to")}
	if q.Group == catalog.GroupCourse && res.Intakes != res.Total {
		v.CountText += " (" + m.N(lang, "results.intakes", res.Intakes) + ")"
	}
	today := s.today()
	for i := range hits {
		v.Results = append(v.Results, toCourseItem(&hits[i], fmt.Sprintf("r%d", i+1), lang, today))
	}
	link := func(vals url.Values) string { return withQuery("/", langValues(vals, lang)) }

	shown := map[string]bool{}
	for _, name := range facetOrder(res.Facets) {
		fv := facetView{Name: name, Label: m.Label(lang, "facet."+name, name)}
		chosen := st[name]
		values := res.Facets[name]
		for _, c := range chosen {
			if !slices.ContainsFunc(values, func(f catalog.FacetValue) bool { return strings.EqualFold(f.Value, c) }) {
				values = append(values, catalog.FacetValue{Value: c}) // keep a chosen value visible to unchoose it
			}
		}
		for i, val := range values {
			item := facetValueView{ID: "f-" + name + "-" + idSafe(val.Value), Param: name, Value: val.Value,
				Label: s.label(name, val.Value, lang), Count: val.Count,
				Checked: slices.ContainsFunc(chosen, func(c string) bool { return strings.EqualFold(c, val.Value) })}
			if i < facetShown {
				fv.Top = append(fv.Top, item)
			} else {
				fv.More = append(fv.More, item)
				fv.MoreOpen = fv.MoreOpen || item.Checked
			}
		}
		if name == catalog.FacetMunicipality && len(chosen) > 0 {
			// Distance courses are reachable from every municipality: the
			// toggle adds them to the chosen municipalities' own.
			d := without(st, "include_distance", "")
			fv.DistanceOn = q.IncludeDistance
			if !q.IncludeDistance {
				d["include_distance"] = []string{"true"}
			}
			fv.DistanceURL = link(d)
		}
		if name == catalog.FacetOccupation {
			fv.About = s.occupationAbout(chosen, lang)
		}
		shown[name] = true
		v.Facets = append(v.Facets, fv)
	}

	// Chips: one per active filter, each removable.
	if q.Text != "" {
		v.Chips = append(v.Chips, chip{Label: m.T(lang, "chip.q", q.Text), RemoveURL: link(without(st, "q", ""))})
	}
	for _, name := range facetOrder(res.Facets) {
		for _, val := range st[name] {
			v.Chips = append(v.Chips, chip{Label: s.label(name, val, lang), RemoveURL: link(without(st, name, val))})
		}
	}
	for _, name := range []string{"start_from", "start_to"} {
		if d, err := time.ParseInLocation(time.DateOnly, st.Get(name), catalog.Stockholm); err == nil {
			v.Chips = append(v.Chips, chip{Label: m.T(lang, "chip."+name, frontend.FormatDate(m, lang, d)),
				RemoveURL: link(without(st, name, ""))})
		}
	}
	clear := url.Values{}
	for _, keep := range []string{"q", "sort", "per_page"} {
		if x, ok := st[keep]; ok {
			clear[keep] = x
		}
	}
	v.ClearURL = link(clear)

	for _, sort := range []string{catalog.SortRelevance, catalog.SortStart, catalog.SortDeadline, catalog.SortTitle} {
		v.Sorts = append(v.Sorts, option{Value: sort, Label: m.T(lang, "sort."+sort), Selected: q.Sort == sort})
	}
	v.Pages = paginate(res.Total, q.Page, q.PerPage, func(n int) string {
		pv := cloneValues(st)
		if n > 1 {
			pv.Set("page", strconv.Itoa(n))
		}
		return link(pv)
	})

	// Parameters without a control of their own ride along in the form.
	if lang != frontend.DefaultLanguage {
		v.Hidden = append(v.Hidden, hiddenField{"lang", lang})
	}
	for _, name := range sortedKeys(st) {
		if shown[name] || slices.Contains([]string{"q", "sort", "start_from", "start_to"}, name) {
			continue
		}
		for _, val := range st[name] {
			v.Hidden = append(v.Hidden, hiddenField{name, val})
		}
	}

	follow := without(st, "sort", "")
	follow.Del("per_page")
	v.FeedURL = withQuery("/flode.atom", langValues(follow, lang))
	v.CalendarURL = withQuery("/deadlines.ics", langValues(follow, lang))
	p.FeedURL = v.FeedURL
	if q.Text != "" {
		p.Title = q.Text
	}
	s.render(c, 200, "search", p, v)
}

// searchState is the query as the page keeps it in its links: filters
// split into single values, empty values, the page number and the
// language left out.
func searchState(raw url.Values) url.Values {
	st := url.Values{}
	for name := range raw {
		switch {
		case name == "lang" || name == "page":
		case slices.Contains(singleParams, name):
			if s := strings.TrimSpace(raw.Get(name)); s != "" && !(name == "sort" && s == catalog.SortRelevance) {
				st.Set(name, s)
			}
		default:
			if vals := values(raw, name); len(vals) > 0 {
				st[name] = vals
			}
		}
	}
	return st
}

// without is st without one value of name (all of them when value is ""),
// back on the first page.
func without(st url.Values, name, value string) url.Values {
	out := cloneValues(st)
	out.Del("page")
	if value == "" {
		out.Del(name)
		return out
	}
	var keep []string
	for _, v := range out[name] {
		if !strings.EqualFold(v, value) {
			keep = append(keep, v)
		}
	}
	if len(keep) == 0 {
		out.Del(name)
	} else {
		out[name] = keep
	}
	return out
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vals := range v {
		out[k] = slices.Clone(vals)
	}
	return out
}

// langValues adds lang to a link's query when it is not the default.
func langValues(v url.Values, lang string) url.Values {
	if lang == frontend.DefaultLanguage {
		return v
	}
	out := cloneValues(v)
	out.Set("lang", lang)
	return out
}

func sortedKeys(v url.Values) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// facetOrder is the result's facets in the domain's display order
// (catalog.Facets), then any others by name.
func facetOrder(facets map[string][]catalog.FacetValue) []string {
	var out []string
	for _, f := range catalog.Facets {
		if _, ok := facets[f.Name]; ok {
			out = append(out, f.Name)
		}
	}
	var rest []string
	for name := range facets {
		if !slices.Contains(out, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// label names any facet value, occupations from the taxonomy included.
func (s *Server) label(facet, value, lang string) string {
	v := []catalog.FacetValue{{Value: value}}
	s.labelAll(facet, lang, v)
	return v[0].Label
}

// labelAll names each of a facet's values in lang. The names are kept, a
// table per facet and language: a search names every value of every
// facet, some hundreds, and each was looked up in the message catalogue
// under a key made for it, then in one table under a key of three strings.
// Neither the catalogue nor the taxonomy changes while the server runs.
func (s *Server) labelAll(facet, lang string, values []catalog.FacetValue) {
	missing := false
	s.labels.mu.RLock()
	names := s.labels.byFacet[facetLang{facet, lang}]
	for i := range values {
		var ok bool
		if values[i].Label, ok = names[values[i].Value]; !ok {
			missing = true
		}
	}
	s.labels.mu.RUnlock()
	if !missing {
		return
	}
	s.labels.mu.Lock()
	defer s.labels.mu.Unlock()
	if s.labels.byFacet == nil {
		s.labels.byFacet = map[facetLang]map[string]string{}
	}
	names = s.labels.byFacet[facetLang{facet, lang}]
	if names == nil {
		names = map[string]string{}
		s.labels.byFacet[facetLang{facet, lang}] = names
	}
	for i := range values {
		v := &values[i]
		if l, ok := names[v.Value]; ok {
			v.Label = l
			continue
		}
		v.Label = s.labelOf(facet, v.Value, lang)
		if s.labels.n < maxLabels { // the values come from the data
			names[v.Value] = v.Label
			s.labels.n++
		}
	}
}

// labels are the facet values' names that labelAll has looked up.
type labels struct {
	mu      sync.RWMutex
	byFacet map[facetLang]map[string]string
	n       int // names kept
}

type facetLang struct{ facet, lang string }

// maxLabels bounds the names kept, far above a national catalogue's
// facet values in both languages.
const maxLabels = 1 << 16

func (s *Server) labelOf(facet, value, lang string) string {
	if facet == catalog.FacetOccupation && s.Taxonomy != nil {
		if l := s.Taxonomy.Label(value); l.SV != "" {
			return l.In(lang)
		}
	}
	return valueLabel(facet, value, lang)
}

// valueLabel names a facet value: from the message catalogue
// ("facet.<name>.<value>") when it has one, municipalities by the
// reference data, everything else by its facet's labels (catalog.Facets),
// else the value itself.
func valueLabel(facet, value, lang string) string {
	if l := pages.Messages.Label(lang, "facet."+facet+"."+value, ""); l != "" {
		return l
	}
	if facet == catalog.FacetMunicipality {
		if n, ok := data.MunicipalityName(value); ok {
			return n
		}
	}
	if f, ok := catalog.FacetNamed(facet); ok {
		if facet == catalog.FacetSchoolType {
			value = strings.ToUpper(value)
		}
		return f.Label(value, lang)
	}
	return value
}

// idSafe makes a value usable in an element id.
func idSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

// paginate links the pages around the current one, with the first and
// last, within the result window the index serves.
func paginate(total, page, perPage int, link func(int) string) pagination {
	last := (total + perPage - 1) / perPage
	last = min(last, maxResultWindow/perPage)
	p := pagination{Last: last}
	if last <= 1 {
		return p
	}
	if page > 1 {
		p.PrevURL = link(min(page-1, last))
	}
	if page < last {
		p.NextURL = link(page + 1)
	}
	prev := 0
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < page-2 || n > page+2) {
			continue
		}
		if prev != 0 && n > prev+1 {
			p.Items = append(p.Items, pageLink{Gap: true})
		}
		p.Items = append(p.Items, pageLink{Number: n, URL: link(n), Current: n == page})
		prev = n
	}
	return p
}
