package emil3gen

import (
	"strconv"
	"strings"

	"kurskatalog/crawler/emil3"
)

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }

// numberWord spells small numbers the way Swedish prose does.
func numberWord(n int) string {
	if n >= 0 && n <= 6 {
		return [...]string{"Noll", "En", "Två", "Tre", "Fyra", "Fem", "Sex"}[n]
	}
	return itoa(n)
}

// swedishDate is "18 januari 2027".
func swedishDate(s string) string {
	t := day(s)
	months := [...]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
		"september", "oktober", "november", "december"}
	return itoa(t.Day()) + " " + months[t.Month()-1] + " " + itoa(t.Year())
}

// keywords are the course's keywords plus words a learner searches for.
func (g *gen) keywords(p *plan) emil3.Keywords {
	var k emil3.Keywords
	for i, w := range p.c.keywords() {
		if i == 3 {
			break
		}
		k = append(k, emil3.LangNode{Lang: "swe", Value: w})
	}
	if p.distance != nil {
		k = append(k, emil3.LangNode{Lang: "swe", Value: "distans"})
	}
	if p.tos == "kväll" {
		k = append(k, emil3.LangNode{Lang: "swe", Value: "kvällskurs"})
	}
	if p.c.Lang == "eng" {
		k = append(k, emil3.LangNode{Lang: "eng", Value: "taught in English"})
	}
	return k
}

// infoText describes the course itself.
func infoText(p *plan) string {
	c := p.c
	if c.About != "" {
		return c.About
	}
	switch p.school {
	case "VUXGY", "VUXGYAN":
		return "Kursen följer Skolverkets ämnesplan och omfattar " + ftoa0(c.Credits) + " gymnasiepoäng."
	case "VUXGR", "VUXGRAN":
		return "Kursen inom grundläggande vuxenutbildning motsvarar grundskolans kunskapsnivå."
	case "AUB":
		return "Arbetsmarknadsutbildning: " + c.Title + ". Teori varvas med praktik hos arbetsgivare."
	case "STF":
		return "Studiecirkel i " + strings.ToLower(c.Title) + " för dig som vill lära dig i en liten grupp."
	}
	return c.Title + "."
}

func ftoa0(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// description is the event's text: the course, then how this start is run.
// A share is sent as HTML the way many providers' systems do.
func (g *gen) description(p *plan, title string) *emil3.LangString {
	town := ""
	if p.where != nil {
		town = p.where.Town
	}
	lead := infoText(p)
	var how []string
	switch p.school {
	case "AUB":
		lead = "Utbildningen är en arbetsmarknadsutbildning upphandlad av Arbetsförmedlingen. Du anvisas av din handläggare. " + lead
	case "STF":
		lead = title + " i " + town + " – i en liten grupp med erfaren cirkelledare."
		if p.fee == 0 {
			how = append(how, "Kursen är kostnadsfri.")
		}
	case "FHS":
		if p.fee == 0 {
			how = append(how, "Studierna är avgiftsfria; du betalar för material och eventuellt boende.")
		}
	case "YH":
		how = append(how, "Utbildningen innehåller lärande i arbete (LIA) hos arbetsgivare i regionen.")
	case "KKU":
		how = append(how, "Ansökan sker med arbetsprover.")
	}
	switch {
	case p.distance != nil:
		how = append(how, "Utbildningen ges på distans.")
	case town != "":
		how = append(how, "Undervisningen sker i "+town+".")
	}
	if p.continuous && (p.school == "VUXGY" || p.school == "VUXGR" || p.school == "VUXSFI") {
		how = append(how, "Du kan börja när du vill; kontakta studie- och yrkesvägledningen.")
	} else if !p.start.IsZero() && g.chance(0.5) {
		how = append(how, "Start "+swedishDate(ymd(p.start))+".")
	}
	if !p.html {
		return sv(strings.TrimSpace(lead + " " + strings.Join(how, " ")))
	}
	var b strings.Builder
	b.WriteString("<p>" + lead + "</p>")
	if len(how) > 0 {
		b.WriteString("<ul>")
		for _, h := range how {
			b.WriteString("<li>" + h + "</li>")
		}
		b.WriteString("</ul>")
	}
	if p.url != "" && g.chance(0.3) {
		u := p.url
		if !strings.HasPrefix(u, "http") {
			u = "https://" + u
		}
		b.WriteString(`<p><a href="` + u + `">Läs mer på vår webbplats</a></p>`)
	}
	return html(b.String())
}
