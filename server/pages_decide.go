package server

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// decision is one of the facts a learner decides on: what the course
// requires, costs, where it is and how to apply. Missing is set when the
// source says nothing, which the page states rather than hides.
type decision struct {
	Label   string
	Missing bool
	Text    []string      // lines of plain text
	HTML    template.HTML // sanitised HTML from the importers
	Links   []decideLink
}

type decideLink struct{ Text, URL string }

// komvuxTypes are the school types a municipality's adult education runs.
var komvuxTypes = map[string]bool{"VUXGR": true, "VUXGY": true, "VUXGRAN": true, "VUXGYAN": true, "VUXSFI": true}

func decisions(o *catalog.Offering, lang string) []decision {
	m := pages.Messages
	out := []decision{
		htmlDecision(m.T(lang, "decide.eligibility"), o.Eligibility),
	}
	if o.PriorKnowledge != "" {
		out = append(out, htmlDecision(m.T(lang, "decide.prior_knowledge"), o.PriorKnowledge))
	}
	return append(out, costDecision(o, lang), addressDecision(o, lang), applyDecision(o, lang), studentAidDecision(o, lang))
}

func htmlDecision(label, h string) decision {
	// sanitised by the importers, like catalog.Offering.Description
	return decision{Label: label, HTML: template.HTML(h), Missing: strings.TrimSpace(h) == ""}
}

func costDecision(o *catalog.Offering, lang string) decision {
	m := pages.Messages
	d := decision{Label: m.T(lang, "decide.cost"), Missing: len(o.Fees) == 0}
	for _, f := range o.Fees {
		var s string
		switch {
		case f.Free:
			s = m.T(lang, "decide.free")
		case f.Amount > 0:
			s = money(f.Amount, f.Currency, lang)
			if f.FirstInstallment > 0 {
				s += " (" + m.T(lang, "decide.first_installment", money(f.FirstInstallment, f.Currency, lang)) + ")"
			}
		}
		switch {
		case s == "":
			s = f.Condition
		case f.Condition != "":
			s += " – " + f.Condition
		}
		d.Text = append(d.Text, s)
	}
	return d
}

// money writes 45000 SEK as "45 000 kr" (sv) or "SEK 45,000" (en).
func money(amount float64, currency, lang string) string {
	n := strconv.FormatFloat(amount, 'f', -1, 64)
	whole, frac, _ := strings.Cut(n, ".")
	sep, dec := "\u00a0", ","
	if lang != "sv" {
		sep, dec = ",", "."
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	s := b.String()
	if frac != "" {
		s += dec + frac
	}
	if currency == "" {
		currency = "SEK"
	}
	if lang == "sv" && currency == "SEK" {
		return s + "\u00a0kr"
	}
	return currency + "\u00a0" + s
}

func addressDecision(o *catalog.Offering, lang string) decision {
	m := pages.Messages
	d := decision{Label: m.T(lang, "decide.address")}
	for i := range o.Locations {
		l := &o.Locations[i]
		d.Text = append(d.Text, addressLine(l))
		d.Links = append(d.Links, decideLink{Text: m.T(lang, "decide.map"), URL: mapURL(l)})
	}
	switch {
	case len(d.Text) > 0:
	case o.Mode == catalog.ModeOnline:
		d.Text = []string{m.T(lang, "decide.address.online")}
	case o.Provider.Address != nil:
		l := o.Provider.Address
		d.Text = []string{m.T(lang, "decide.address.provider") + " " + addressLine(l)}
		d.Links = []decideLink{{Text: m.T(lang, "decide.map"), URL: mapURL(l)}}
	default:
		d.Missing = true
	}
	return d
}

// addressLine is "Campus Östersund, Kunskapens väg 8, 831 25 Östersund".
func addressLine(l *catalog.Location) string {
	var parts []string
	if l.Name != "" {
		parts = append(parts, l.Name)
	}
	if l.Street != "" {
		parts = append(parts, l.Street)
	}
	if town := strings.TrimSpace(l.PostalCode + " " + l.Town); town != "" {
		parts = append(parts, town)
	}
	return strings.Join(parts, ", ")
}

// mapURL shows l on OpenStreetMap: a marker at its coordinates, or else a
// search for its address. It is a plain link; the page loads nothing from
// the map.
func mapURL(l *catalog.Location) string {
	if l.HasCoordinates() {
		lat, lon := strconv.FormatFloat(l.Lat, 'f', 5, 64), strconv.FormatFloat(l.Lon, 'f', 5, 64)
		return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=16/" + lat + "/" + lon
	}
	q := strings.TrimSpace(l.Street + ", " + strings.TrimSpace(l.PostalCode+" "+l.Town))
	q = strings.Trim(q, ", ")
	if q == "" {
		q = l.Name
	}
	return "https://www.openstreetmap.org/search?query=" + strings.ReplaceAll(url.QueryEscape(q), "+", "%20")
}

func applyDecision(o *catalog.Offering, lang string) decision {
	m := pages.Messages
	d := decision{Label: m.T(lang, "decide.apply")}
	host := ""
	if u, err := url.Parse(o.ApplicationURL); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	switch {
	case o.SchoolType == "HS" && host == "universityadmissions.se":
		d.Text = []string{m.T(lang, "decide.apply.universityadmissions")}
		d.Links = []decideLink{{m.T(lang, "decide.apply.universityadmissions_link"), "https://www.universityadmissions.se"}}
	case o.SchoolType == "HS":
		d.Text = []string{m.T(lang, "decide.apply.antagning")}
		if o.ApplicationCode != "" {
			d.Text = []string{m.T(lang, "decide.apply.antagning_code", o.ApplicationCode)}
		}
		d.Links = []decideLink{{m.T(lang, "decide.apply.antagning_link"), "https://www.antagning.se"}}
	case o.SchoolType == "YH":
		d.Text = []string{m.T(lang, "decide.apply.yh")}
		if o.ApplicationCode != "" {
			d.Text = append(d.Text, m.T(lang, "decide.apply.yh_code", o.ApplicationCode))
		}
		if o.ApplicationURL != "" {
			d.Links = append(d.Links, decideLink{m.T(lang, "decide.apply.url"), o.ApplicationURL})
		}
		d.Links = append(d.Links, decideLink{m.T(lang, "decide.apply.yh_link"), "https://www.yrkeshogskolan.se"})
	case komvuxTypes[o.SchoolType]:
		if home := komvuxHome(o); home != "" {
			d.Text = []string{m.T(lang, "decide.apply.komvux", home)}
		}
		d.Text = append(d.Text, m.T(lang, "decide.apply.residence"))
		switch {
		case o.ApplicationURL != "":
			d.Links = []decideLink{{m.T(lang, "decide.apply.komvux_form"), o.ApplicationURL}}
		case o.Provider.URL != "":
			d.Links = []decideLink{{m.T(lang, "decide.apply.komvux_form"), o.Provider.URL}}
		}
	case o.ApplicationURL != "":
		d.Links = []decideLink{{m.T(lang, "decide.apply.url"), o.ApplicationURL}}
	default:
		d.Missing = true
	}
	return d
}

// komvuxHome is the municipality whose adult education runs o: the
// provider's, else the one it is held in. A distance school or other
// contractor is no municipality's: its learners apply at home.
func komvuxHome(o *catalog.Offering) string {
	if b := o.Provider.ResponsibleBody; b != "" && b != "kommunal" {
		return ""
	}
	if a := o.Provider.Address; a != nil && a.Municipality != "" {
		if n, ok := data.MunicipalityName(a.Municipality); ok {
			return n
		}
	}
	if len(o.Municipalities) == 1 {
		if n, ok := data.MunicipalityName(o.Municipalities[0]); ok {
			return n
		}
	}
	return ""
}

// studentAidDecision says in words what EMIL3's C_StudentAid code means:
// ja and CSN's codes (A 1, B 2...) qualify, nej does not, saknas and no
// code say nothing.
func studentAidDecision(o *catalog.Offering, lang string) decision {
	m := pages.Messages
	d := decision{Label: m.T(lang, "decide.student_aid")}
	switch {
	case !o.StudentAidStated():
		d.Missing = true
	case o.StudentAidEligible():
		d.Text = []string{m.T(lang, "decide.student_aid.yes")}
	default:
		d.Text = []string{m.T(lang, "decide.student_aid.no")}
	}
	return d
}
