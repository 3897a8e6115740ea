package html

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"kurskatalog/crawler/clean"
)

// FuzzParsePage runs every bundled site's configuration over arbitrary HTML
// and normalises what it finds: no input may panic, and every offering kept
// must be valid.
func FuzzParsePage(f *testing.F) {
	_ = filepath.WalkDir(sitesDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".html") {
			if b, err := os.ReadFile(path); err == nil {
				f.Add(b)
			}
		}
		return nil
	})
	f.Add([]byte(`<table><tr><th colspan="1000000">Kurs</th></tr><tr><td colspan="-1">x</td></tr></table>`))
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"Course","name":"x","hasCourseInstance":[{"startDate":"v. 99 2027"}]}]}</script>`))
	f.Add([]byte(`<base href="javascript:x"><article class="card"><h3 class="card__title">x</h3><li>Start 31/2 2027</li></article>`))

	var sources []*Source
	for _, s := range loadSites(f) {
		src, err := New(s.ID, s.Site, nil)
		if err != nil {
			f.Fatal(err)
		}
		sources = append(sources, src)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		for _, src := range sources {
			u, _ := url.Parse(src.site.cfg.StartURLs[0])
			res := src.site.parsePage(doc, u)
			for _, link := range res.links {
				if lu, err := url.Parse(link); err != nil || !src.site.hosts[lu.Host] {
					t.Errorf("%s: link %q leaves the site", src.id, link)
				}
			}
			for _, r := range res.records {
				o, err := src.offering(r)
				if err != nil {
					continue
				}
				if o.ID == "" || o.Title == "" || !o.Mode.Valid() || o.Pace < 0 || o.Pace > 100 || o.Provider.Name == "" ||
					!knownSchoolType(o.SchoolType) || (!o.End.IsZero() && o.End.Before(o.Start)) || o.Municipalities == nil {
					t.Errorf("%s: invalid offering kept: %+v", src.id, o)
				}
				for _, m := range o.Municipalities {
					if _, ok := clean.Municipality(m); !ok {
						t.Errorf("%s: municipality %q", src.id, m)
					}
				}
			}
		}
	})
}
