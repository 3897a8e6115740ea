package emil3gen

import (
	"kurskatalog/crawler/emil3"
)

// providerDef describes a provider; g.provider turns it into an entry the
// first time an event refers to it.
type providerDef struct {
	ID       string
	Name     string
	Body     string // C_Body: kommunal, region, statlig, enskild, annan
	BodyName string // the responsible body's name; "" = Name
	URL      string // as the feed sends it, sometimes without scheme
	Email    string
	Phone    string
	Street   string
	Muni     string // area code of the (first) visiting address
	Town     string // "" = the municipality's main town
	OrgNr    string // only where known from public sources
	// More are further visiting addresses (other campuses).
	More []providerAddr
}

// providerAddr is one more visiting address.
type providerAddr struct{ Street, Muni, Town string }

// Named providers. Organisation numbers are given only where the reference
// material states them (Mittuniversitetet; Region Jämtland Härjedalen, which
// runs the county's folk high schools).
var (
	miun = &providerDef{ID: "p.uoh.miun", Name: "Mittuniversitetet", Body: "statlig", URL: "www.miun.se",
		Email: "info@miun.se", Phone: "010-142 80 00", Street: "Kunskapens väg 8", Muni: "2380", OrgNr: "2021005552",
		More: []providerAddr{{"Holmgatan 10", "2281", "Sundsvall"}}}
	umu = &providerDef{ID: "p.uoh.umu", Name: "Umeå universitet", Body: "statlig", URL: "https://www.umu.se",
		Email: "umea.universitet@umu.se", Phone: "090-786 50 00", Street: "Universitetstorget 4", Muni: "2480"}
	ltu = &providerDef{ID: "p.uoh.ltu", Name: "Luleå tekniska universitet", Body: "statlig", URL: "https://www.ltu.se",
		Email: "ltu@ltu.se", Phone: "0920-49 10 00", Street: "Universitetsvägen 1", Muni: "2580"}
	lnu = &providerDef{ID: "p.uoh.lnu", Name: "Linnéuniversitetet", Body: "statlig", URL: "lnu.se",
		Email: "info@lnu.se", Phone: "0772-28 80 00", Street: "Universitetsplatsen 1", Muni: "0780",
		More: []providerAddr{{"Pedalstråket 7", "0880", "Kalmar"}}}
	du = &providerDef{ID: "p.uoh.du", Name: "Högskolan Dalarna", Body: "statlig", URL: "https://www.du.se",
		Email: "registrator@du.se", Phone: "023-77 80 00", Street: "Högskolegatan 2", Muni: "2080",
		More: []providerAddr{{"Campus Borlänge", "2081", "Borlänge"}}}

	birka = &providerDef{ID: "p.fhs.birka", Name: "Birka folkhögskola", Body: "region", BodyName: "Region Jämtland Härjedalen",
		URL: "https://www.regionjh.se/birka", Email: "birka@regionjh.se", Phone: "063-14 75 00", Street: "Birkavägen 1",
		Muni: "2309", Town: "Ås", OrgNr: "2321000214"}
	backedal = &providerDef{ID: "p.fhs.backedal", Name: "Bäckedals folkhögskola", Body: "region", BodyName: "Region Jämtland Härjedalen",
		URL: "https://www.regionjh.se/backedal", Email: "backedal@regionjh.se", Phone: "063-14 75 00", Street: "Bäckedalsvägen 5",
		Muni: "2361", OrgNr: "2321000214"}
	halland = &providerDef{ID: "p.fhs.halland", Name: "Hållands folkhögskola", Body: "region", BodyName: "Region Jämtland Härjedalen",
		URL: "www.regionjh.se/halland", Email: "halland@regionjh.se", Phone: "063-14 75 00", Street: "Hålland 120",
		Muni: "2321", Town: "Undersåker", OrgNr: "2321000214"}
	skurup = &providerDef{ID: "p.fhs.skurup", Name: "Skurups folkhögskola", Body: "region", BodyName: "Region Skåne",
		URL: "https://www.skurupsfolkhogskola.se", Email: "info@skurupsfolkhogskola.se", Phone: "0411-55 81 00",
		Street: "Folkhögskolevägen 1", Muni: "1264"}

	hermods = &providerDef{ID: "p.vux.hermods", Name: "Hermods AB", Body: "enskild", URL: "www.hermods.se",
		Email: "info@hermods.se", Phone: "08-410 250 00", Street: "Sveavägen 34", Muni: "0180"}
	nti = &providerDef{ID: "p.vux.nti", Name: "NTI Vuxenutbildning", Body: "enskild", URL: "https://www.nti.se",
		Email: "info@nti.se", Phone: "08-617 34 00", Street: "Drottninggatan 82", Muni: "0180"}

	lernia = &providerDef{ID: "p.aub.lernia", Name: "Lernia Utbildning AB", Body: "enskild", URL: "https://www.lernia.se",
		Email: "ostersund@lernia.se", Phone: "0771-650 650", Street: "Prästgatan 31", Muni: "2380"}
	yrkesakademin = &providerDef{ID: "p.aub.yrkesakademin", Name: "Yrkesakademin AB", Body: "enskild", URL: "www.yrkesakademin.se",
		Email: "ostersund@yrkesakademin.se", Phone: "063-12 40 00", Street: "Chapmansvägen 8", Muni: "2380"}
	hermodsAUB = &providerDef{ID: "p.aub.hermods", Name: "Hermods AB Östersund", Body: "enskild", URL: "www.hermods.se/ostersund",
		Email: "ostersund@hermods.se", Phone: "063-55 11 00", Street: "Storgatan 39", Muni: "2380"}
)

// universities offer distance courses to the county from elsewhere.
var universities = []*providerDef{umu, ltu, lnu, du}

// komvuxNames are the county's municipal adult education providers: every
// municipality runs komvux, most of them through a lärcentrum.
var komvuxNames = map[string][2]string{ // code -> name, street
	"2380": {"Komvux Östersund", "Rådhusgatan 65"},
	"2309": {"Krokoms lärcentrum / Komvux", "Offerdalsvägen 9"},
	"2321": {"Campus Åre / Komvux", "Jämtlandsvägen 88"},
	"2313": {"Lärcentrum Strömsund / Komvux", "Ramselevägen 6"},
	"2361": {"Lärcentrum Härjedalen / Komvux", "Ljusnegatan 1"},
	"2326": {"Bergs lärcentrum / Komvux", "Centrumvägen 10"},
	"2305": {"Bräcke lärcentrum / Komvux", "Långgatan 3"},
	"2303": {"Ragunda lärcentrum / Komvux", "Hammarstrandsvägen 14"},
}

// municipalityBody is the municipality's own name as responsible body.
func municipalityBody(m *muni) string {
	switch m.Code {
	case "2321":
		return "Åre kommun"
	case "2305":
		return "Bräcke kommun"
	case "2303":
		return "Ragunda kommun"
	}
	name := m.Name
	if last := name[len(name)-1]; last != 's' && last != 'x' && last != 'z' {
		name += "s"
	}
	return name + " kommun"
}

// komvuxProvider is the municipal adult education of m.
func komvuxProvider(m *muni) *providerDef {
	name, street := "Vuxenutbildningen "+m.Name, "Kommunhuset"
	if n, ok := komvuxNames[m.Code]; ok {
		name, street = n[0], n[1]
	}
	return &providerDef{ID: "p.vux." + m.Code + "komvux", Name: name, Body: "kommunal", BodyName: municipalityBody(m),
		URL: "www." + m.Domain + "/komvux", Email: "komvux@" + m.Domain, Phone: m.Phone, Street: street, Muni: m.Code}
}

// stfDefs are the study associations active in the county. Their local
// branch ids follow the p.sv.<number> style of the feed.
var stfDefs = []struct{ Num, Name, Domain string }{
	{"68897220", "ABF", "abf.se"},
	{"68897311", "Studieförbundet Vuxenskolan", "sv.se"},
	{"68897405", "Folkuniversitetet", "folkuniversitetet.se"},
	{"68897512", "Medborgarskolan", "medborgarskolan.se"},
	{"68897633", "Studiefrämjandet", "studieframjandet.se"},
	{"68897748", "Sensus studieförbund", "sensus.se"},
	{"68897859", "Bilda", "bilda.nu"},
}

// stfProvider is association k's branch for municipality m. In the county
// the associations have one branch for the whole county; elsewhere one per
// municipality keeps national data sets varied.
func stfProvider(k int, m *muni, national bool) *providerDef {
	s := stfDefs[k]
	id, name, area := "p.sv."+s.Num, s.Name+" Jämtlands län", "2380"
	if national && !inCounty(m.Code) {
		id, name, area = "p.sv."+s.Num+m.Code, s.Name+" "+m.Name, m.Code
	}
	return &providerDef{ID: id, Name: name, Body: "annan", URL: "www." + s.Domain, Email: "info@" + s.Domain,
		Phone: "063-51 00 " + s.Num[6:], Street: "Storgatan " + s.Num[5:7], Muni: area}
}

// localFHS is a generic folk high school for national data sets.
func localFHS(m *muni) *providerDef {
	return &providerDef{ID: "p.fhs." + m.Code, Name: m.Name + "s folkhögskola", Body: "region",
		URL: "www." + m.Domain + "/folkhogskola", Email: "folkhogskola@" + m.Domain, Phone: m.Phone, Street: "Skolvägen 1", Muni: m.Code}
}

// inCounty reports whether code is one of the county's municipalities.
func inCounty(code string) bool {
	for _, m := range county {
		if m.Code == code {
			return true
		}
	}
	return false
}

// provider returns the id of def's entry, adding the entry on first use.
func (g *gen) provider(def *providerDef) string {
	if _, ok := g.providerSeen[def.ID]; ok {
		return def.ID
	}
	g.providerSeen[def.ID] = len(g.ds.Providers)
	addr := func(street, code, townName string) emil3.Address {
		t := townNamed(code, townName)
		return emil3.Address{StreetAddress: street, PostalCode: t.Postal, Town: t.Name, AreaCode: code, Country: "SE"}
	}
	visit := []emil3.Address{addr(def.Street, def.Muni, def.Town)}
	for _, a := range def.More {
		visit = append(visit, addr(a.Street, a.Muni, a.Town))
	}
	contact := visit[0]
	contact.StreetAddress = "Box " + itoa(100+g.r.IntN(900))
	bodyName := def.BodyName
	if bodyName == "" {
		bodyName = def.Name
	}
	p := &emil3.Provider{
		Identifier:     def.ID,
		LastEdited:     g.lastEdited(),
		Name:           sv(def.Name),
		URL:            &emil3.LangURL{URLs: []emil3.LangNode{{Lang: "swe", Value: def.URL}}},
		ContactAddress: &contact,
		VisitAddresses: visit,
		EmailAddresses: []string{def.Email},
		Phones:         []emil3.Phone{{Number: sv(def.Phone), Function: sv("Växel")}},
		ResponsibleBody: &emil3.ResponsibleBody{
			Type: code("C_Body", def.Body),
			Name: sv(bodyName),
		},
		OrganisationNumber: def.OrgNr,
	}
	g.ds.Providers = append(g.ds.Providers, emil3.ProviderEntry{ID: def.ID, Status: emil3.StatusActive, Content: p})
	return def.ID
}

// localDef returns a synthesised provider for national data sets, cached
// by id so that each is built once.
func (g *gen) localDef(d *providerDef) *providerDef {
	if c, ok := g.localDefs[d.ID]; ok {
		return c
	}
	g.localDefs[d.ID] = d
	return d
}

// nationalLocal reports whether a local event in m needs a synthesised
// provider (national data set, outside the county).
func (g *gen) nationalLocal(m *muni) bool { return g.cfg.National && !inCounty(m.Code) }

// providerTown is where a named provider is.
func providerTown(d *providerDef) town { return townNamed(d.Muni, d.Town) }
