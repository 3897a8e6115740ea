package html

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"kurskatalog/data/catalog"
)

// record is one course as read from a page, before normalisation: the raw
// text of each field the site gives.
type record struct {
	fields map[string]string
	// htmlDescription is set when the description is markup (a selected
	// element) rather than text (an attribute, a regexp, JSON-LD text).
	htmlDescription bool
	// page is the URL of the page the record was read from; base resolves
	// its relative links.
	page string
	base *url.URL
}

// pageResult is what one HTML page yields.
type pageResult struct {
	records []record
	links   []string // absolute URLs to follow, in document order, each once
	skips   []catalog.Skip
}

// parsePage extracts the courses and the links to follow from one page.
// It only reads doc, so it can be fuzzed without a crawl around it.
func (s *site) parsePage(doc *goquery.Document, pageURL *url.URL) pageResult {
	var res pageResult
	base := pageURL
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if u, err := pageURL.Parse(strings.TrimSpace(href)); err == nil {
			base = u
		}
	}
	if s.item != nil {
		ex := extractor{site: s, base: base, page: pageURL.String(), headers: map[*nethtml.Node][]string{}}
		doc.FindMatcher(s.item).Each(func(_ int, item *goquery.Selection) {
			res.records = append(res.records, ex.record(item))
		})
	}
	if s.cfg.JSONLD {
		recs, skips := jsonLDRecords(doc.Selection, pageURL.String(), base)
		res.records = append(res.records, recs...)
		res.skips = append(res.skips, skips...)
	}
	res.links = s.links(doc, base)
	return res
}

// links returns the URLs the Follow selectors point to that the crawl may
// visit: on a start URL's host and matching FollowPattern.
func (s *site) links(doc *goquery.Document, base *url.URL) []string {
	var out []string
	seen := map[string]bool{}
	add := func(href string) {
		u, err := base.Parse(strings.TrimSpace(href))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !s.hosts[strings.ToLower(u.Host)] {
			return
		}
		u.Fragment = ""
		link := u.String()
		if seen[link] || (s.pattern != nil && !s.pattern.MatchString(link)) {
			return
		}
		seen[link] = true
		out = append(out, link)
	}
	for _, sel := range s.follow {
		doc.FindMatcher(sel).Each(func(_ int, el *goquery.Selection) {
			if href, ok := el.Attr("href"); ok {
				add(href)
				return
			}
			el.Find("a[href]").Each(func(_ int, a *goquery.Selection) { add(a.AttrOr("href", "")) })
		})
	}
	return out
}

// extractor reads items of one page; it caches each table's header row.
type extractor struct {
	site    *site
	base    *url.URL
	page    string
	headers map[*nethtml.Node][]string
}

func (ex *extractor) record(item *goquery.Selection) record {
	r := record{fields: map[string]string{}, page: ex.page, base: ex.base}
	for name, rl := range ex.site.fields {
		v, isHTML := ex.value(name, rl, item)
		if v != "" {
			r.fields[name] = v
			if name == FieldDescription {
				r.htmlDescription = isHTML
			}
		}
	}
	return r
}

// value applies one rule to an item. The description without Attr or
// Regexp is the selected elements' HTML; everything else is text.
func (ex *extractor) value(name string, rl rule, item *goquery.Selection) (v string, isHTML bool) {
	sel := item
	if rl.column != "" {
		sel = ex.cell(item, rl.column)
	}
	if rl.sel != nil {
		sel = sel.FindMatcher(rl.sel)
	}
	if sel.Length() == 0 {
		return "", false
	}
	if name == FieldDescription && rl.attr == "" && rl.re == nil {
		var b strings.Builder
		for _, n := range sel.Nodes {
			h, err := goquery.OuterHtml(goquery.NewDocumentFromNode(n).Selection)
			if err == nil {
				b.WriteString(h)
			}
		}
		return b.String(), true
	}
	var text string
	if rl.attr != "" {
		text = sel.First().AttrOr(rl.attr, "")
		if rl.attr == "href" || rl.attr == "src" {
			if u, err := ex.base.Parse(strings.TrimSpace(text)); err == nil && text != "" {
				text = u.String()
			}
		}
	} else {
		text = nodeText(sel.Get(0))
	}
	if rl.re != nil {
		m := rl.re.FindStringSubmatch(text)
		switch {
		case m == nil:
			return "", false
		case len(m) > 1:
			text = m[1]
		default:
			text = m[0]
		}
	}
	if name == FieldDescription {
		return strings.TrimSpace(text), false // line breaks become paragraphs
	}
	return oneLine(text), false
}

// cell returns the cell of a table-row item under the column whose header
// starts with column; colspans are counted so the positions line up.
func (ex *extractor) cell(row *goquery.Selection, column string) *goquery.Selection {
	tr := row.Get(0)
	if tr.DataAtom != atom.Tr {
		return row.Slice(0, 0)
	}
	table := tr.Parent
	for table != nil && table.DataAtom != atom.Table {
		table = table.Parent
	}
	if table == nil {
		return row.Slice(0, 0)
	}
	heads, ok := ex.headers[table]
	if !ok {
		heads = headerRow(table)
		ex.headers[table] = heads
	}
	// An exact header wins over a longer one it begins: "Kurs" must not
	// pick "Kurskod".
	idx := slices.Index(heads, column)
	if idx < 0 {
		idx = slices.IndexFunc(heads, func(h string) bool { return strings.HasPrefix(h, column) })
	}
	pos := 0
	for c := tr.FirstChild; c != nil && idx >= 0; c = c.NextSibling {
		if c.DataAtom != atom.Td && c.DataAtom != atom.Th {
			continue
		}
		span := colspan(c)
		if idx < pos+span {
			return goquery.NewDocumentFromNode(c).Selection
		}
		pos += span
	}
	return row.Slice(0, 0)
}

// headerRow is the folded text of a table's header cells, one entry per
// column: the <thead>'s first row, or else the first row of only <th>.
func headerRow(table *nethtml.Node) []string {
	var rows []*nethtml.Node
	var collect func(n *nethtml.Node, inHead bool)
	collect = func(n *nethtml.Node, inHead bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Thead:
				collect(c, true)
			case atom.Tbody, atom.Tfoot:
				collect(c, false)
			case atom.Tr:
				if inHead || allHeaderCells(c) {
					rows = append(rows, c)
				}
			}
		}
	}
	collect(table, false)
	if len(rows) == 0 {
		return nil
	}
	var heads []string
	for c := rows[0].FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			for range colspan(c) {
				heads = append(heads, fold(nodeText(c)))
			}
		}
	}
	return heads
}

func allHeaderCells(tr *nethtml.Node) bool {
	n := 0
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Th:
			n++
		case atom.Td:
			return false
		}
	}
	return n > 0
}

// colspan is a cell's colspan, 1 when absent or unreasonable.
func colspan(n *nethtml.Node) int {
	for _, a := range n.Attr {
		if a.Key == "colspan" {
			if v, err := strconv.Atoi(strings.TrimSpace(a.Val)); err == nil && v > 0 && v <= 100 {
				return v
			}
		}
	}
	return 1
}
