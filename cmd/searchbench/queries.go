package main

import (
	"strconv"
	"time"

	"kurskatalog/crawler/emil3/emil3gen"
	"kurskatalog/data/catalog"
)

// Query is one query of the mix, with the category it reports under.
type Query struct {
	Category string
	Name     string
	Q        catalog.SearchQuery
}

// Categories in report order.
var Categories = []string{"match-all", "filters", "rare word", "common word", "very common word",
	"2-3 words", "text+filters", "compound", "typo", "deep page"}

// refDay is the generated data's reference day, midnight in Sweden.
var refDay = time.Date(emil3gen.RefDate.Year(), emil3gen.RefDate.Month(), emil3gen.RefDate.Day(), 0, 0, 0, 0, catalog.Stockholm)

// perPage is the server's default page size.
const perPage = 20

// Mix is the fixed query mix. The words are chosen by document frequency
// in the generated national data (100k: "vätgasproduktion" 150 offerings,
// "svenska" 12,700, "distans" 28,000, "undervisningen" 60,000). Every query
// includes past offerings and has no dated filter, so that all contenders
// answer the same question: the static facets of catalog.Facets, counted
// disjunctively, cancelled offerings left out. Today is the data's
// reference day, so that the dated facets the index also counts do not
// drift with the calendar.
func Mix() []Query {
	q := func(category, text string, filters map[string][]string, sort string, page int) Query {
		name := text
		if name == "" {
			name = "*"
		}
		for k, v := range filters {
			name += " " + k + "=" + v[0]
			if len(v) > 1 {
				name += "+"
			}
		}
		if page > 1 {
			name += " p" + strconv.Itoa(page)
		}
		if sort != catalog.SortRelevance {
			name += " by " + sort
		}
		return Query{category, name, catalog.SearchQuery{Text: text, Filters: filters, Sort: sort, Page: page,
			PerPage: perPage, IncludePast: true, Group: catalog.GroupIntake, Today: refDay}}
	}
	type f = map[string][]string
	rel, start, title := catalog.SortRelevance, catalog.SortStart, catalog.SortTitle
	return []Query{
		q("match-all", "", nil, rel, 1),
		q("match-all", "", nil, title, 1),
		q("match-all", "", nil, start, 2),
		q("filters", "", f{"municipality": {"0180"}}, rel, 1),
		q("filters", "", f{"mode": {"online"}}, rel, 1),
		q("filters", "", f{"school_type": {"HS", "YH"}}, rel, 1),
		q("filters", "", f{"municipality": {"2380"}, "pace": {"100"}}, rel, 1),
		q("filters", "", f{"municipality": {"1480"}, "mode": {"onsite"}, "school_type": {"VUXGY"}}, title, 1),
		q("filters", "", f{"language": {"eng"}, "level": {"bachelor"}}, rel, 1),
		q("rare word", "vätgasproduktion", nil, rel, 1),
		q("rare word", "trafiksäkerhet", nil, rel, 1),
		q("rare word", "skinnskatteberg", nil, rel, 1),
		q("common word", "matematik", nil, rel, 1),
		q("common word", "svenska", nil, rel, 1),
		q("common word", "stockholm", nil, rel, 1),
		q("very common word", "distans", nil, rel, 1),
		q("very common word", "kursen", nil, rel, 1),
		q("very common word", "undervisningen", nil, rel, 1),
		q("2-3 words", "svenska som andraspråk", nil, rel, 1),
		q("2-3 words", "vård omsorg", nil, rel, 1),
		q("2-3 words", "matematik grundläggande", nil, rel, 1),
		q("2-3 words", "projektledning distans", nil, rel, 1),
		q("text+filters", "svenska", f{"municipality": {"0180"}}, rel, 1),
		q("text+filters", "distans", f{"school_type": {"HS"}}, rel, 1),
		q("text+filters", "matematik", f{"mode": {"online"}, "pace": {"50"}}, start, 1),
		q("text+filters", "kursen", f{"municipality": {"0180", "1480"}, "level": {"upper_secondary"}}, rel, 1),
		q("compound", "sjuksköterskeprogrammet", nil, rel, 1),
		q("compound", "fritidsledarutbildning", nil, rel, 1),
		q("compound", "vårdadministratör", nil, rel, 1),
		q("typo", "matematk", nil, rel, 1),
		q("typo", "programering", nil, rel, 1),
		q("typo", "sjuksköterka", nil, rel, 1),
		q("deep page", "", nil, start, 50),
		q("deep page", "distans", nil, start, 20),
		q("deep page", "svenska", nil, rel, 10),
	}
}
