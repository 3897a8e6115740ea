package server

import (
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
)

// Search engines are welcome on the course pages; they are kept out of the
// API, the shortlists (whose addresses carry personal notes) and the
// search pages' endless combinations of filters, which the sitemap makes
// unnecessary to follow.

// robotsTxt is robots.txt without its Sitemap line. "/*?" is a wildcard
// the major crawlers understand: any address with a query string.
const robotsTxt = `User-agent: *
Disallow: /api/
Disallow: /lista
Disallow: /*?
`

func (s *Server) robots(c *gin.Context) {
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(robotsTxt+"Sitemap: "+s.baseURL(c)+"/sitemap.xml\n"))
}

// sitemapMax is the most addresses one sitemap may hold (sitemaps.org).
const sitemapMax = 50000

// sitemapPages are listed before the courses.
var sitemapPages = []string{"/", "/yrke", "/tackning"}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc string `xml:"loc"`
}

// sitemap lists the main pages and the page of every current offering,
// as the search shows them, up to the sitemap's limit.
func (s *Server) sitemap(c *gin.Context) {
	q := catalog.SearchQuery{Group: catalog.GroupIntake, Sort: catalog.SortStart, Today: s.today(),
		Page: 1, PerPage: sitemapMax - len(sitemapPages)}
	res, err := s.Index.Search(c.Request.Context(), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	base := s.baseURL(c)
	set := sitemapURLSet{URLs: make([]sitemapURL, 0, len(sitemapPages)+len(res.IDs))}
	for _, p := range sitemapPages {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + p})
	}
	for _, id := range res.IDs {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + offeringPath(id)})
	}
	var b strings.Builder
	b.WriteString(xml.Header)
	if err := xml.NewEncoder(&b).Encode(set); err != nil {
		s.fail(c, err)
		return
	}
	c.Data(http.StatusOK, "application/xml; charset=utf-8", []byte(b.String()))
}
