package emil3gen

import (
	"strings"

	"kurskatalog/crawler/emil3"
)

// info adds the info of p on first use. Several events share one info when
// a course has several starts.
func (g *gen) info(p *plan) {
	if _, ok := g.infoSeen[p.infoID]; ok {
		return
	}
	g.infoSeen[p.infoID] = len(g.ds.Infos)
	c := p.c
	in := &emil3.Info{
		Identifier:    p.infoID,
		Code:          infoCode(p),
		LastEdited:    g.lastEdited(),
		Expires:       "2028-06-30T00:00:00",
		Title:         svEn(c.Title, c.Eng),
		Description:   sv(infoText(p)),
		URL:           link(p.url),
		Type:          code("C_SchoolType", p.school),
		Configuration: code("C_Configuration", c.config()),
	}
	if c.Lang == "eng" {
		in.Title = &emil3.LangString{Strings: []emil3.LangNode{{Lang: "eng", Value: c.Eng}, {Lang: "swe", Value: c.Title}}}
	}
	if lvl := iscedLevel(p.school, c); lvl != "" {
		in.EducationLevels = []emil3.CodeValue{*code("C_EducationLevel", lvl)}
	}
	if p.school == "HS" && c.Level != "" {
		in.EducationLevels = append(in.EducationLevels, *code("UH_EducationLevel", c.Level))
	}
	if c.SUN != "" {
		in.Subjects = []emil3.CodeValue{*code("C_Subject_SUN", c.SUN)}
	}
	if c.Subject != "" {
		switch p.school {
		case "HS":
			in.Subjects = append(in.Subjects, *code("UH_Subject", c.Subject))
		case "AUB":
			in.Subjects = append(in.Subjects, *code("AUB_Subject", c.Subject))
		case "FHS", "KKU":
			in.Subjects = append(in.Subjects, *code("FH_Subject", c.Subject))
		}
	}
	if sys := creditSystem(p.school); sys != "" && c.Credits > 0 {
		in.Credits = &emil3.Credits{System: code("C_Credits", sys), Credits: emil3.Num(c.Credits)}
	}
	if aid := studentAid(p.school, c); aid != "" {
		in.EligibleForStudentAid = code("C_StudentAid", aid)
	}
	if q := qualification(p.school, c); q != "" {
		in.QualificationLevel = code("C_Qualification", q)
	}
	g.infoFacts(in, p)
	g.ds.Infos = append(g.ds.Infos, emil3.InfoEntry{ID: p.infoID, Status: emil3.StatusActive, Content: in})
}

// infoCode is the course code, or for courses without one (labour-market
// training, study circles) a local code made from the title, since the
// specification requires one.
func infoCode(p *plan) string {
	if p.c.Code != "" {
		return p.c.Code
	}
	s := strings.ToUpper(asciiSlug(p.c.Title))
	return p.school + "-" + s[:min(len(s), 12)]
}

func iscedLevel(school string, c *course) string {
	switch school {
	case "HS":
		if strings.HasPrefix(c.Level, "A") {
			return "ISCED_7"
		}
		return "ISCED_6"
	case "YH":
		return "ISCED_5"
	case "VUXGY", "VUXGYAN", "AUB":
		return "ISCED_3"
	case "VUXGR", "VUXGRAN", "VUXSFI":
		return "ISCED_2"
	case "FHS":
		if strings.HasPrefix(c.Code, "ALLM") {
			return "ISCED_3"
		}
		return "ISCED_4"
	case "KKU":
		return "ISCED_4"
	}
	return ""
}

func creditSystem(school string) string {
	switch school {
	case "HS":
		return "hp"
	case "YH":
		return "yh"
	case "VUXGY", "VUXGYAN":
		return "gy"
	case "VUXGR", "VUXGRAN":
		return "vp"
	}
	return ""
}

func studentAid(school string, c *course) string {
	switch school {
	case "HS", "YH", "KKU", "VUXGRAN", "VUXGYAN":
		return "ja"
	case "VUXGY":
		return "A 1 gy"
	case "VUXGR":
		return "A 1 gr"
	case "FHS":
		if c.Weeks >= 3 {
			return "A 1"
		}
		return "nej"
	case "VUXSFI", "AUB", "STF":
		return "nej"
	}
	return ""
}

func qualification(school string, c *course) string {
	switch school {
	case "HS":
		if strings.HasPrefix(c.Level, "A") {
			return "7"
		}
		return "6"
	case "YH":
		return c.Level
	}
	return ""
}
