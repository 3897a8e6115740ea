package emil3gen

import (
	"hash/fnv"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"

	"kurskatalog/crawler/emil3"
)

// The facts a learner decides on (entry requirements, fees) are drawn from
// a stream of their own per record, seeded by the record's id, so that they
// leave every other value of the data set as the main stream made it.

// side is the random stream for the facts of record id.
func (g *gen) side(id string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(id))
	return rand.New(rand.NewPCG(uint64(g.cfg.Seed), h.Sum64()))
}

// infoFacts sets the entry requirement and recommended prior knowledge of
// an info the way each school type words them. About one info in ten says
// nothing, as in real data.
func (g *gen) infoFacts(in *emil3.Info, p *plan) {
	r := g.side(in.Identifier)
	if r.Float64() < 0.1 {
		return
	}
	if e := eligibility(r, p); e != "" {
		in.Eligibility = sv(e)
	}
	if k := priorKnowledge(p); k != "" && r.Float64() < 0.7 {
		in.RecommendedPriorKnowledge = sv(k)
	}
}

// eligibility is an entry requirement in the wording of p's school type.
func eligibility(r *rand.Rand, p *plan) string {
	c := p.c
	switch p.school {
	case "HS":
		switch {
		case strings.HasPrefix(c.Level, "A"):
			return "Kandidatexamen om 180 hp inom huvudområdet samt Engelska 6."
		case c.Level == "G1F" || c.Level == "G2F":
			return "Grundläggande behörighet samt 15 hp inom huvudområdet."
		case strings.HasPrefix(c.SUN, "72"):
			return "Grundläggande behörighet samt Matematik 2a/2b/2c, Naturkunskap 2 och Samhällskunskap 1b/1a1+1a2."
		case strings.HasPrefix(c.SUN, "4") || strings.HasPrefix(c.SUN, "5"):
			return "Grundläggande behörighet samt Matematik 3b/3c och Fysik 1a/1b1+1b2."
		}
		return "Grundläggande behörighet."
	case "YH":
		s := "Grundläggande behörighet för yrkeshögskoleutbildning: gymnasieexamen eller motsvarande kunskaper, eller förutsättningar att tillgodogöra dig utbildningen genom arbetslivserfarenhet."
		if r.Float64() < 0.5 {
			s += " Särskilda förkunskaper: " + []string{"Engelska 6.", "Matematik 2a/2b/2c.", "Engelska 5 och Matematik 1a/1b/1c."}[r.IntN(3)]
		}
		return s
	case "VUXGY", "VUXGR", "VUXSFI", "VUXGRAN", "VUXGYAN":
		home := residence(p.prov)
		switch p.school {
		case "VUXGR":
			return "Du ska vara bosatt i " + home + ", ha fyllt 20 år och sakna de kunskaper som grundskolan ger."
		case "VUXSFI":
			return "Du ska vara bosatt i " + home + ", ha fyllt 16 år och sakna grundläggande kunskaper i svenska språket."
		case "VUXGRAN", "VUXGYAN":
			return "Du ska vara bosatt i " + home + ", ha fyllt 20 år och ha en intellektuell funktionsnedsättning eller en förvärvad hjärnskada."
		}
		return "Du ska vara bosatt i " + home + " och ha fyllt 20 år, eller ha avslutat gymnasieskolan. Du får inte redan ha betyg i kursen."
	case "FHS":
		switch {
		case strings.HasPrefix(c.Code, "ALLM"):
			return "Du ska ha fyllt 18 år under kalenderåret och sakna gymnasieexamen."
		case c.Weeks >= 60:
			return "Gymnasieexamen eller motsvarande kunskaper. Du ska ha fyllt 20 år; antagning efter intervju."
		case c.Weeks <= 1:
			return "Inga förkunskaper krävs. Du ska ha fyllt 18 år."
		}
		return "Du ska ha fyllt 18 år under kalenderåret."
	case "KKU":
		return "Antagning sker efter arbetsprover och intervju."
	case "AUB":
		return "Du ska vara inskriven som arbetssökande hos Arbetsförmedlingen och ha anvisats till utbildningen."
	case "STF":
		if r.Float64() < 0.5 {
			return "Inga förkunskaper krävs."
		}
	}
	return ""
}

// residence is where a komvux learner must live: the municipality of a
// municipal provider, the learner's own one for a distance school.
func residence(d *providerDef) string {
	if strings.HasSuffix(d.ID, "komvux") {
		for _, m := range nationalMunis() {
			if m.Code == d.Muni {
				return municipalityBody(&m)
			}
		}
	}
	return "en kommun som har avtal med " + d.Name + " (du söker via din hemkommun)"
}

var stepped = regexp.MustCompile(`^(.*\D)(\d)([a-c]?)$`)

// priorKnowledge recommends the step before a stepped course ("Matematik
// 3c" builds on "Matematik 2c"); other courses recommend nothing.
func priorKnowledge(p *plan) string {
	if p.school != "VUXGY" {
		return ""
	}
	m := stepped.FindStringSubmatch(p.c.Title)
	if m == nil {
		return ""
	}
	n, _ := strconv.Atoi(m[2])
	first := 1
	if strings.HasPrefix(p.c.Title, "Engelska") {
		first = 5
	}
	if n <= first {
		return ""
	}
	return m[1] + strconv.Itoa(n-1) + m[3] + " eller motsvarande kunskaper."
}

// eventFees are an event's fees: what the plan says it costs, and for the
// school types that are free for the learner a free fee in about three
// records of four; the rest say nothing, as many real records do.
func (g *gen) eventFees(id string, p *plan) []emil3.Fee {
	r := g.side(id)
	x := r.Float64()
	free := emil3.Fee{TotalAmount: emil3.Num(0), Currency: "SEK"}
	if r.Float64() < 0.4 {
		free = emil3.Fee{Condition: sv("Avgiftsfri")}
	}
	var out []emil3.Fee
	switch p.school {
	case "HS", "VUXGY", "VUXGR", "VUXSFI", "VUXGRAN", "VUXGYAN":
		if x < 0.75 {
			out = append(out, free)
		}
	case "YH":
		if x < 0.7 {
			out = append(out, emil3.Fee{TotalAmount: emil3.Num(0), Currency: "SEK",
				Condition: sv("Utbildningen är avgiftsfri. Kurslitteratur och eventuella resor till LIA bekostar du själv.")})
		}
	case "AUB":
		if x < 0.7 {
			out = append(out, emil3.Fee{Condition: sv("Kostnadsfri för dig som anvisas av Arbetsförmedlingen.")})
		}
	case "FHS":
		if p.fee == 0 && x < 0.6 {
			out = append(out, emil3.Fee{TotalAmount: emil3.Num(float64(100 * (15 + r.IntN(26)))), Currency: "SEK",
				Condition: sv("Materialavgift per termin för studiematerial, studieresor och försäkring. Kost och logi tillkommer vid internatboende.")})
		} else if p.fee == 0 && x < 0.75 {
			out = append(out, emil3.Fee{TotalAmount: emil3.Num(0), Currency: "SEK", Condition: sv("Undervisningen är avgiftsfri.")})
		}
	case "STF":
		if p.fee == 0 && x < 0.8 {
			out = append(out, free)
		}
	}
	if p.fee > 0 {
		f := emil3.Fee{TotalAmount: emil3.Num(float64(p.fee)), Currency: "SEK"}
		if p.feeCond != "" {
			f.Condition = sv(p.feeCond)
		}
		out = append(out, f)
	}
	return out
}

// streetOf is prov's street in municipality code, where it has one there:
// events held at the provider's own address carry it.
func streetOf(prov *providerDef, code string) string {
	if prov.Muni == code {
		return prov.Street
	}
	for _, a := range prov.More {
		if a.Muni == code && !strings.HasPrefix(a.Street, "Campus") {
			return a.Street
		}
	}
	return ""
}
