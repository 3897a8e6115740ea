package main

import (
	"fmt"
	"strings"
)

// course is one entry of the illustrative course list.
type course struct {
	title, kind, credits, code string
}

// Kinds, as typeOfSchool values of the list.
const (
	gy   = "Gymnasial vuxenutbildning"
	gr   = "Grundläggande vuxenutbildning"
	sfi  = "Svenska för invandrare"
	gran = "Kommunal vuxenutbildning som anpassad utbildning på grundläggande nivå"
	gyan = "Kommunal vuxenutbildning som anpassad utbildning på gymnasial nivå"
)

var courses = map[string]course{
	"SVE1": {"Svenska 1", gy, "100", "SVESVE01"}, "SVE2": {"Svenska 2", gy, "100", "SVESVE02"},
	"SVE3": {"Svenska 3", gy, "100", "SVESVE03"}, "SVA1": {"Svenska som andraspråk 1", gy, "100", "SVASVA01"},
	"SVA2": {"Svenska som andraspråk 2", gy, "100", "SVASVA02"}, "SVA3": {"Svenska som andraspråk 3", gy, "100", "SVASVA03"},
	"ENG5": {"Engelska 5", gy, "100", "ENGENG05"}, "ENG6": {"Engelska 6", gy, "100", "ENGENG06"},
	"ENG7": {"Engelska 7", gy, "100", "ENGENG07"}, "MA1A": {"Matematik 1a", gy, "100", "MATMAT01A"},
	"MA1B": {"Matematik 1b", gy, "100", "MATMAT01B"}, "MA2A": {"Matematik 2a", gy, "100", "MATMAT02A"},
	"MA2B": {"Matematik 2b", gy, "100", "MATMAT02B"}, "MA3B": {"Matematik 3b", gy, "100", "MATMAT03B"},
	"MA3C": {"Matematik 3c", gy, "100", "MATMAT03C"}, "SAM1": {"Samhällskunskap 1a1", gy, "50", "SAMSAM01A1"},
	"SAM1B": {"Samhällskunskap 1b", gy, "100", "SAMSAM01B"}, "HIS1": {"Historia 1a1", gy, "50", "HISHIS01A1"},
	"NAK1": {"Naturkunskap 1a1", gy, "50", "NAKNAK01A1"}, "REL1": {"Religionskunskap 1", gy, "50", "RELREL01"},
	"PSY1": {"Psykologi 1", gy, "50", "PSKPSY01"}, "BIO1": {"Biologi 1", gy, "100", "BIOBIO01"},
	"KEM1": {"Kemi 1", gy, "100", "KEMKEM01"}, "FYS1": {"Fysik 1a", gy, "150", "FYSFYS01A"},
	"FEK1": {"Företagsekonomi 1", gy, "100", "FOFFOR01"}, "ENT": {"Entreprenörskap", gy, "100", "ENTENR0"},
	"ADM1": {"Administration 1", gy, "100", "ADMADM01"},
	"VOO1": {"Vård- och omsorgsarbete 1", gy, "200", "VARVAR01"}, "MED1": {"Medicin 1", gy, "150", "MEDMED01"},
	"ETI": {"Etik och människans livsvillkor", gy, "100", "ETIETI0"}, "GER": {"Gerontologi och geriatrik", gy, "100", "GERGER0"},
	"USK": {"Undersköterska", gy, "1500", "YPUSK"}, "BSK": {"Barnskötare och elevassistent", gy, "800", "YPBSK"},
	"LBF": {"Lastbilsförare", gy, "1100", "YPLBF"}, "BUS": {"Bussförare", gy, "1000", "YPBUS"},
	"KOCK": {"Kock", gy, "1300", "YPKOCK"}, "LAG": {"Lager och logistik", gy, "600", "YPLAG"},
	"SKOG": {"Skogsmaskinförare", gy, "1000", "YPSKOG"}, "FAST": {"Fastighetsskötare", gy, "800", "YPFAST"},
	"PERS": {"Personlig assistent", gy, "500", "YPPASS"}, "STAD": {"Lokalvårdare", gy, "400", "YPLOK"},
	"GRSV1": {"Svenska, nationell delkurs 1", gr, "100", "GRNSVEA"}, "GRSV2": {"Svenska, nationell delkurs 2", gr, "100", "GRNSVEB"},
	"GRSV3": {"Svenska, nationell delkurs 3", gr, "100", "GRNSVEC"}, "GRSV4": {"Svenska, nationell delkurs 4", gr, "100", "GRNSVED"},
	"GRSA1": {"Svenska som andraspråk, nationell delkurs 1", gr, "100", "GRNSVAA"},
	"GRSA2": {"Svenska som andraspråk, nationell delkurs 2", gr, "100", "GRNSVAB"},
	"GRSA3": {"Svenska som andraspråk, nationell delkurs 3", gr, "100", "GRNSVAC"},
	"GRSA4": {"Svenska som andraspråk, nationell delkurs 4", gr, "100", "GRNSVAD"},
	"GREN1": {"Engelska, nationell delkurs 1", gr, "100", "GRNENGA"}, "GREN2": {"Engelska, nationell delkurs 2", gr, "100", "GRNENGB"},
	"GRMA1": {"Matematik, nationell delkurs 1", gr, "100", "GRNMATA"}, "GRMA2": {"Matematik, nationell delkurs 2", gr, "100", "GRNMATB"},
	"GRMA3": {"Matematik, nationell delkurs 3", gr, "100", "GRNMATC"}, "GRMA4": {"Matematik, nationell delkurs 4", gr, "100", "GRNMATD"},
	"SFA": {"Svenska för invandrare, kurs A", sfi, "", "SFIA"}, "SFB": {"Svenska för invandrare, kurs B", sfi, "", "SFIB"},
	"SFC": {"Svenska för invandrare, kurs C", sfi, "", "SFIC"}, "SFD": {"Svenska för invandrare, kurs D", sfi, "", "SFID"},
	"SF1A": {"Sfi studieväg 1, kurs A", sfi, "", "SFI1A"}, "SF1B": {"Sfi studieväg 1, kurs B", sfi, "", "SFI1B"},
	"ANSV":  {"Svenska och svenska som andraspråk", gran, "", "GRSSVE"},
	"ANMA":  {"Matematik", gran, "", "GRSMAT"},
	"ANSAM": {"Samhällskunskap", gyan, "", "GYSSAM"},
}

// special is an event of another provider (YH, university) in the region.
type special struct {
	id, provider, kind, title, credits, system, town, start, last, pace string
	distance                                                            bool
}

var specials = map[string]special{
	"YH1": {"e.myh.31207", "Iterum Education AB", "Yrkeshögskoleutbildning", "Lönespecialist", "315", "yh", "Östersund",
		"2027-08-23", "2027-04-15T00:00:00.000+02:00", "100.0", true},
	"YH2": {"e.myh.30988", "Hermods AB", "Yrkeshögskoleutbildning", "Stödpedagog inom funktionshinderområdet", "200", "yh", "Östersund",
		"2027-01-18", "2026-11-15T00:00:00.000+01:00", "50.0", true},
	"YH3": {"e.myh.31455", "Wången AB", "Yrkeshögskoleutbildning", "Kuskutbildningen i Brukshästkörning", "200", "yh", "Alsen",
		"2027-08-16", "", "50.0", false},
	"HS1": {"e.uoh.miun.dt142g.40211.20271", "Mittuniversitetet", "Högskoleutbildning", "Grundläggande programmering i Python", "7.5", "hp", "ÖSTERSUND",
		"2027-01-18", "2026-10-15T00:00:00.000+02:00", "25.0", true},
	"HS2": {"e.uoh.miun.vgsjg.40355.20271", "Mittuniversitetet", "Högskoleutbildning", "Sjuksköterskeprogrammet", "180", "hp", "ÖSTERSUND",
		"2027-01-18", "2026-10-15T00:00:00.000+02:00", "100.0", false},
}

// municipality is one of the county's eight, with its komvux and the offers
// of the snapshot. ist is the IST unit whose id shape the events take;
// without one the ids are e.vux ids.
type municipality struct {
	code, name, town, provider, contractor, ist string
	offers                                      string
}

// Offers are course keys with flags: .d distance (rolling, bought from a
// distance school), .p starts in period 2, .h 50 % pace, .q 25 % pace,
// .c start decided by the provider, .w untidy title.
var region = []municipality{
	{"2380", "Östersund", "Östersund", "Östersunds kommun, Komvux", "Komvux Östersund", "23801",
		"SFA SFB SFC SFD SF1A SF1B GRSV1 GRSV2 GRSV3 GRSV4 GRSA1 GRSA2 GRSA3 GRSA4 GREN1 GREN2 GRMA1 GRMA2 GRMA3 GRMA4 " +
			"ANSV ANMA ANSAM SVE1 SVE2 SVE3 SVA1 SVA2 SVA3 ENG5 ENG5.d ENG6 ENG6.d ENG7.w MA1A MA1B MA2B MA2B.d MA3B MA3C " +
			"SAM1 SAM1B.h HIS1.h NAK1 REL1.d PSY1.d BIO1.p KEM1.p FYS1.p FEK1.d USK BSK VOO1.c MED1.q LBF YH1 YH2 HS1 HS2"},
	{"2309", "Krokom", "Krokom", "Krokoms kommun, Lärcentrum", "", "",
		"SFA SFB SFC SFD GRSV1 GRSV2 GRSA1 GRSA2 GREN1 GRMA1 GRMA2 SVE1 SVA1 ENG5 ENG5.d ENG6.d MA1A MA1B.d MA2A.h " +
			"SAM1 HIS1.d NAK1.d REL1.d PSY1.d VOO1 ETI GER BSK SKOG.c YH3 FEK1.d"},
	{"2321", "Åre", "Järpen", "Åre kommun, Komvux", "Campus Åre", "23211",
		"SFA SFB SFC SFD GRSV1 GRSV2 GRSA1 GRSA2 GRSA3 GREN1 GRMA1 GRMA2 SVE1 SVE2 SVA1 SVA2 ENG5 ENG6 ENG6.d ENG7.d " +
			"MA1A MA1B MA2B.d SAM1 SAM1B.d HIS1.d NAK1 REL1.d PSY1.d ENT.h FEK1 ADM1.d KOCK USK"},
	{"2313", "Strömsund", "Strömsund", "Strömsunds kommun, Komvux", "", "",
		"SFA SFB SFC SFD GRSV1 GRSA1 GRSA2 GREN1 GRMA1 GRMA2 SVE1 SVA1 SVA2 ENG5 ENG5.d ENG6.d MA1A MA1B.d SAM1 " +
			"HIS1.d NAK1.d PSY1.d USK VOO1.p FAST LBF.c PERS"},
	{"2361", "Härjedalen", "Sveg", "Härjedalens kommun, Komvux", "Lärcentrum Sveg", "23611",
		"SFA SFB SFC SFD GRSV1 GRSV2 GRSA1 GREN1 GRMA1 SVE1 SVA1 ENG5 ENG6.d MA1A MA1B.d MA2B.d SAM1 HIS1.d NAK1.d " +
			"REL1.d PSY1.d BIO1.d USK BUS.c VOO1 MED1.q"},
	{"2326", "Berg", "Svenstavik", "Bergs kommun, Lärcentrum", "", "",
		"SFA SFB SFC GRSV1 GRSA1 GREN1 GRMA1 SVE1 SVA1 ENG5.d ENG6.d MA1A.d MA1B.d SAM1.d HIS1.d NAK1.d VOO1 USK"},
	{"2305", "Bräcke", "Bräcke", "Bräcke kommun, Lärcentrum", "", "",
		"SFA SFB SFC SFD GRSV1 GRSA1 GRSA2 GREN1 GRMA1 SVE1 SVA1 ENG5 ENG5.d ENG6.d MA1A MA1B.d SAM1.d HIS1.d NAK1.d " +
			"SKOG LAG VOO1.p"},
	{"2303", "Ragunda", "Hammarstrand", "Ragunda kommun, Lärcentrum", "Lärcentrum Hammarstrand", "23031",
		"SFA SFB SFC SFD GRSV1 GRSA1 GREN1 GRMA1 SVE1 SVA1 ENG5 ENG6.d MA1A MA1B.d SAM1.d HIS1.d PSY1.d USK STAD VOO1.q"},
}

// events builds the municipality's events in the API's sort order.
func (m municipality) events() []wireEvent {
	var out []wireEvent
	distanceSchools := []string{"Hermods AB", "NTI-skolan"}
	for i, tok := range strings.Fields(m.offers) {
		key, flags, _ := strings.Cut(tok, ".")
		if sp, ok := specials[key]; ok {
			out = append(out, m.special(sp))
			continue
		}
		c, ok := courses[key]
		if !ok {
			panic("unknown course " + key)
		}
		e := wireEvent{
			ProviderName: m.provider, County: "Jämtlands län", Municipality: m.name, GeographicalAreaCode: m.code,
			Town: m.town, ContactInfoAddressCity: m.town, TypeOfSchool: c.kind, TitleSv: c.title,
			PaceOfStudy: "100.0", ExecutionCondition: 1,
		}
		if c.credits != "" {
			e.Credits, e.CreditsSystem = str(c.credits), str("gy")
		}
		if m.contractor != "" {
			e.Contractor = str(m.contractor)
		}
		rolling := c.kind == sfi || c.kind == gr || c.kind == gran
		start, deadline := "2027-01-11", m.deadline("2026-11-30")
		for _, f := range flags {
			switch f {
			case 'd':
				rolling, e.Distance = true, true
				e.Contractor = str(distanceSchools[i%2])
			case 'p':
				start, deadline = "2027-03-22", m.deadline("2027-02-28")
			case 'h':
				e.PaceOfStudy = "50.0"
			case 'q':
				e.PaceOfStudy = "25.0"
			case 'c':
				e.ExecutionCondition, start, deadline = 3, "", ""
			case 'w':
				e.TitleSv = " " + c.title + "  "
			}
		}
		if rolling {
			e.ExecutionCondition, e.PaceOfStudy, start, deadline = 2, "null", "", "2099-12-31T00:00:00"
		}
		if start != "" {
			e.SemesterStartFrom = str(start)
		}
		if deadline != "" {
			e.LastApplicationDate = str(deadline)
		}
		e.EducationEventID = m.id(i, c.code, rolling, start == "2027-03-22", e.Distance)
		if m.ist != "" {
			// The IST export wraps titles in CDATA; other systems do not.
			e.TitleSv = "<![CDATA[" + e.TitleSv + "]]>"
		}
		e.Links = map[string]href{e.EducationEventID: {eventURL(e.EducationEventID)}}
		out = append(out, e)
	}
	sortEvents(out)
	return out
}

// deadline writes a last application day the way the municipality's school
// system does: IST as local time without zone, the others as zoned midnight
// of the next day.
func (m municipality) deadline(day string) string {
	if m.ist != "" {
		return day + "T23:59:59"
	}
	next := map[string]string{"2026-11-30": "2026-12-01", "2027-02-28": "2027-03-01"}[day]
	return next + "T00:00:00.000+01:00"
}

func (m municipality) id(i int, code string, rolling, period2, distance bool) string {
	if m.ist == "" {
		return fmt.Sprintf("e.vux.%s%03d", m.code, 101+i*7)
	}
	kind := "VUXY271"
	if period2 {
		kind = "VUXY272"
	}
	if rolling {
		kind = "VUXFLEX"
	}
	if distance {
		code += "D"
	}
	return "e.IST." + m.ist + kind + code
}

func (m municipality) special(sp special) wireEvent {
	e := wireEvent{
		EducationEventID: sp.id, ProviderName: sp.provider, County: "Jämtlands län", Municipality: m.name,
		GeographicalAreaCode: m.code, Credits: str(sp.credits), CreditsSystem: str(sp.system), Town: sp.town,
		ContactInfoAddressCity: sp.town, TypeOfSchool: sp.kind, SemesterStartFrom: str(sp.start),
		PaceOfStudy: sp.pace, TitleSv: sp.title, Distance: sp.distance, ExecutionCondition: 1,
	}
	if sp.last != "" {
		e.LastApplicationDate = str(sp.last)
	}
	e.Links = map[string]href{sp.id: {eventURL(sp.id)}}
	return e
}

func eventURL(id string) string {
	return "https://api.skolverket.se/planned-educations/v3/adult-education-events/" + id
}
