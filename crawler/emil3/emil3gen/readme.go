package emil3gen

import (
	"fmt"
	"strings"
)

// README is the snapshot directory's README: what the files are, how they
// were made and what is in them.
func README(d *Dataset, cfg Config, size int) string {
	s := d.Summarise()
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("# Susa-navet EMIL3 snapshot (generated)\n\n")
	p("Generated data in the exact wire format of Skolverket's Susa-navet EMIL3 API\n")
	p("(`%s`), for the county of Jämtland Härjedalen. It is **not** a copy of live\n", BaseURL)
	p("data: course names, codes, providers and classifications are modelled on real ones\n")
	p("(GY11 course codes, SUN 2020 fields, SSYK 2012 groups, MYH's 2024 decisions for the\n")
	p("county), while dates, ids, addresses and texts are invented.\n\n")
	p("Do not edit by hand. Regenerate with\n\n    go run ./cmd/snapshotgen")
	if cfg.Seed != DefaultSeed {
		p(" -seed %d", cfg.Seed)
	}
	if cfg.Events != DefaultConfig().Events {
		p(" -events %d", cfg.Events)
	}
	if cfg.National {
		p(" -national")
	}
	p("\n\n(package `kurskatalog/crawler/emil3/emil3gen`, seed %d, reference date %s).\n\n", cfg.Seed, RefDate.Format(dateLayout))

	p("## Files\n\n")
	p("`educationEvents/`, `educationInfos/` and `educationProviders/` hold `page-NNNN.json`, each the\n")
	p("full list response to\n\n    GET %s\n\n", strings.Replace(PageURL("<resource>", 0, size), "page=0", "page=N", 1))
	p("with `links` (self, next) and `page` metadata (size %d). Entries are sorted by id.\n\n", size)

	p("## Counts\n\n")
	p("%d event entries: %d active (%d of them malformed on purpose), %d removed (status\n", s.Events, s.Active, s.Malformed, s.Removed)
	p("DELETED or INACTIVE, content null). %d infos, %d providers (removed ones included).\n\n", s.Infos, s.Providers)
	p("Active events by school type (of their info):\n\n| School type | Events |\n|---|---:|\n")
	for _, c := range s.BySchoolType {
		p("| %s | %d |\n", c.Key, c.N)
	}
	p("\nActive events by place (first location):\n\n| Code | Place | Events | School types |\n|---|---|---:|---|\n")
	for _, a := range s.ByArea {
		var ts []string
		for _, t := range a.Types {
			ts = append(ts, fmt.Sprintf("%s %d", t.Key, t.N))
		}
		p("| %s | %s | %d | %s |\n", a.Code, a.Name, a.N, strings.Join(ts, ", "))
	}

	p("\n## Quirks on purpose\n\n")
	p("The data carries what real feeds do, so that the importer is tested against it:\n\n")
	p("- removed entries (status DELETED/INACTIVE, `content: null`) among events, infos and providers;\n")
	p("- on-site events outside the county (to be filtered out), one of them in Norway without area code;\n")
	p("- URLs without scheme, `content: \"HTML\"` descriptions, some with `<script>`, `onclick`,\n")
	p("  `javascript:` links, `<img onerror>` and `<iframe>` that must be sanitised;\n")
	p("- numbers as strings (`paceOfStudy.percentage: \"100.0\"`, `places: \"25\"`), codes as numbers\n")
	p("  (`execution.condition.code: 2`), keywords in both the spec's and the feed's shape;\n")
	p("- dates with times (`2027-01-18T00:00:00`), application deadline `2099-12-31` on rolling starts,\n")
	p("  an unknown `timeOfStudy` code (`flexibel`), padded titles, missing description/pace/time of\n")
	p("  study, cancelled events (`isCancelled: true`);\n")
	p("- malformed active events an importer must skip and count:\n")
	for _, id := range d.Malformed {
		p("  `%s`", id)
	}
	p("\n  (missing `education`, missing `execution`, start date `2027-13-45`).\n\n")

	p("## Beyond the importer's wire structs\n\n")
	p("Records are built from `crawler/emil3`'s wire structs; the encoder adds what the specification\n")
	p("has and those structs do not model: `examiningBodies` and the UHEventExtension's `startPeriod`\n")
	p("and `courseRound` on university events, `resultIsDegree` and `isVocational` on infos.\n")
	return b.String()
}
