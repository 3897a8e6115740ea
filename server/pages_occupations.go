package server

import (
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/frontend"
)

// The occupations page lists the occupations the catalogue's courses lead
// to, and the county's shortage occupations, by SSYK major group: the way
// into the occupation pages besides an offering's facts.

type occupationsView struct {
	Window string
	Total  int
	Fields []occupationField
}

type occupationField struct {
	Code, Name  string
	Occupations []occupationEntry
}

type occupationEntry struct {
	SSYK, Name, URL  string
	Courses          int // courses a resident of the county can start in the window
	Recruitment      string
	RecruitmentLabel string
}

func (s *Server) occupationsPage(c *gin.Context) {
	lang, err := pageLang(c)
	m := pages.Messages
	p := basePage(c, lang, m.T(lang, "occupations.heading"))
	if err == nil {
		err = onlyParams(c.Request.URL.Query(), "lang")
	}
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	cd, err := s.loadCoverage(c.Request.Context())
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	params := coverage.DefaultParams(s.today())
	rep, err := s.coverageReport(cd, "", params)
	if err != nil {
		s.failPage(c, p, err)
		return
	}
	// A course counts once for the county, however many municipalities
	// reach it.
	reached := map[string]map[string]bool{}
	recruitment := map[string]string{}
	for _, cell := range rep.Cells {
		if reached[cell.SSYK] == nil {
			reached[cell.SSYK] = map[string]bool{}
		}
		for _, id := range cell.OfferingIDs {
			reached[cell.SSYK][id] = true
		}
		recruitment[cell.SSYK] = cell.Recruitment
	}
	v := occupationsView{Window: m.T(lang, "occupations.window", frontend.FormatDate(m, lang, params.Today),
		frontend.FormatDate(m, lang, params.Today.AddDate(1, 0, 0)))}
	for _, major := range s.Taxonomy.Groups(1) {
		f := occupationField{Code: major.SSYK, Name: major.Name.In(lang)}
		for code, ids := range reached {
			if code[:1] != major.SSYK || len(ids) == 0 && recruitment[code] != catalog.RecruitmentShortage {
				continue
			}
			e := occupationEntry{SSYK: code, Name: s.Taxonomy.Label(code).In(lang), URL: frontend.Href(lang, occupationPath(code)),
				Courses: len(ids), Recruitment: recruitment[code]}
			if e.Recruitment != "" {
				e.RecruitmentLabel = m.Label(lang, "demand.recruitment."+e.Recruitment, e.Recruitment)
			}
			f.Occupations = append(f.Occupations, e)
		}
		if len(f.Occupations) == 0 {
			continue
		}
		slices.SortFunc(f.Occupations, func(a, b occupationEntry) int { return compareSwedish(a.Name, b.Name) })
		v.Total += len(f.Occupations)
		v.Fields = append(v.Fields, f)
	}
	s.render(c, 200, "occupations", p, v)
}

// occupationLink is an occupation an offering leads to, for its page.
type occupationLink struct{ Name, URL, Reason string }

// occupationLinks names and links the occupations an offering leads to,
// each with why the catalogue thinks so.
func (s *Server) occupationLinks(o *catalog.Offering, lang string) []occupationLink {
	if s.Taxonomy == nil || s.Coverage == nil {
		return nil // no occupation pages to link to
	}
	var out []occupationLink
	for _, match := range o.Occupations {
		out = append(out, occupationLink{Name: s.Taxonomy.Label(match.SSYK).In(lang), URL: frontend.Href(lang, occupationPath(match.SSYK)),
			Reason: reasonText(match.Reason, lang)})
	}
	return out
}

// textLink is a link with its text.
type textLink struct{ Label, URL string }

// occupationAbout links the pages of the occupations chosen in the search's
// occupation facet.
func (s *Server) occupationAbout(chosen []string, lang string) []textLink {
	if s.Taxonomy == nil || s.Coverage == nil {
		return nil
	}
	var out []textLink
	for _, code := range chosen {
		if g, ok := s.Taxonomy.Group(code); ok && g.Level == 4 {
			out = append(out, textLink{Label: pages.Messages.T(lang, "filters.occupation_about", g.Name.In(lang)),
				URL: frontend.Href(lang, occupationPath(code))})
		}
	}
	return out
}

// occupationPath is the page of one SSYK group.
func occupationPath(ssyk string) string { return "/yrke/" + url.PathEscape(ssyk) }

// reasonText says in words why an offering leads to an occupation. The
// mapper's reasons are terse and in English ("title rule 'undersköterska'",
// "SUN 723o -> 5321 (filed under 5321)"), but for regulated occupations
// ("leder till legitimation som sjuksköterska (Sjuksköterskeprogrammet)");
// one it does not know is shown as it is.
func reasonText(reason, lang string) string {
	m := pages.Messages
	var parts []string
	for _, r := range strings.Split(reason, "; ") {
		suffix := ""
		if head, filed, ok := strings.Cut(r, " (filed under "); ok {
			r, suffix = head, m.T(lang, "reason.filed", strings.TrimSuffix(filed, ")"))
		}
		text := r
		switch f := strings.Fields(r); {
		case len(f) == 2 && f[0] == "AUB_Subject":
			text = m.T(lang, "reason.ssyk", f[1])
		case len(f) == 4 && f[0] == "SUN" && f[2] == "->":
			text = m.T(lang, "reason.sun", f[1])
		case strings.HasPrefix(r, "title rule '") && strings.HasSuffix(r, "'"):
			text = m.T(lang, "reason.title", strings.TrimSuffix(strings.TrimPrefix(r, "title rule '"), "'"))
		case strings.HasPrefix(r, "keyword rule '") && strings.HasSuffix(r, "'"):
			text = m.T(lang, "reason.keyword", strings.TrimSuffix(strings.TrimPrefix(r, "keyword rule '"), "'"))
		case strings.HasPrefix(r, "leder till legitimation som "):
			text = m.T(lang, "reason.legitimation", strings.TrimPrefix(r, "leder till legitimation som "))
		case strings.HasPrefix(r, "leder till behörighet som "):
			text = m.T(lang, "reason.behorighet", strings.TrimPrefix(r, "leder till behörighet som "))
		}
		parts = append(parts, text+suffix)
	}
	return strings.Join(parts, "; ")
}
