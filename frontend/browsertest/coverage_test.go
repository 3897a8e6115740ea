package browsertest

import (
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// The occupation and coverage pages in the browser: reached from an
// offering, driven by their forms (which need no script), and checked
// against the coverage API the same server answers.

// occupationFromOffering opens an assistant-nurse course, follows its
// occupation link, and chooses a municipality.
func occupationFromOffering(b *browser) {
	b.open("/?occupation=5321&sort=title")
	b.do(chromedp.Click(chromedp.CSS(".result-title a")), chromedp.WaitReady(chromedp.ID("offering-title")))
	link := `.occupation-links a[href="/yrke/5321"]`
	if !eval[bool](b, fmt.Sprintf(`!!document.querySelector(%q)`, link)) {
		b.t.Fatalf("the offering %s does not link occupation 5321", b.location().Path)
	}
	if reason := eval[string](b, `document.querySelector(".occupation-links .reason").textContent`); len(reason) < 5 {
		b.t.Errorf("the occupation link gives no reason: %q", reason)
	}
	b.do(chromedp.Click(chromedp.CSS(link)))
	b.arrived("the occupation page", `location.pathname === "/yrke/5321" && !!document.getElementById("occupation-title")`)
	b.do(chromedp.WaitReady(chromedp.CSS("html.js")))
	if h := eval[string](b, `document.getElementById("occupation-title").textContent`); !strings.HasPrefix(h, "Undersköterskor") {
		b.t.Errorf("occupation page heading %q", h)
	}
	if !eval[bool](b, `document.getElementById("demand-heading").parentElement.textContent.includes("2025-2")`) {
		b.t.Error("the demand panel does not name the Yrkesbarometer round")
	}

	// Choose Härjedalen: the page groups the courses by how a resident
	// reaches them, and the counts are the coverage API's.
	b.do(chromedp.SetValue(chromedp.ID("kommun"), "2361"),
		chromedp.Click(chromedp.CSS(`.inline-form button[type="submit"]`)))
	b.arrived("Härjedalen chosen", `location.search.includes("municipality=2361") && !!document.getElementById("reach-local-heading")`)
	b.do(chromedp.WaitReady(chromedp.CSS("html.js")))
	counts := eval[[]int](b, `["local", "nearby", "blended", "online"].map(g =>
		+document.getElementById("reach-" + g + "-heading").querySelector(".count").textContent.replace(/\D/g, ""))`)
	api := run(b, chromedp.Evaluate[[]int](`fetch("/api/v1/coverage?municipality=2361&occupation=5321&view=cells").then(r => r.json()).
		then(j => [j.cells[0].local, j.cells[0].nearby, j.cells[0].blended, j.cells[0].online])`, chromedp.EvalAwaitPromise))
	if fmt.Sprint(counts) != fmt.Sprint(api) {
		b.t.Errorf("from Härjedalen the page counts %v, the API %v", counts, api)
	}
	if !eval[bool](b, `document.getElementById("kommun").value === "2361"`) {
		b.t.Error("the select does not keep the chosen municipality")
	}
}

// coverageFilterAndMap opens the coverage page, checks its map and grid,
// filters it and chooses a municipality on the map.
func coverageFilterAndMap(b *browser) {
	b.do(chromedp.Click(chromedp.CSS(`.site-nav a[href="/tackning"]`)))
	b.arrived("the coverage page", `location.pathname === "/tackning" && !!document.querySelector(".coverage-grid")`)
	b.do(chromedp.WaitReady(chromedp.CSS("html.js")))

	// Eight municipalities, each a path named by its SCB code inside a
	// link whose title says its gaps.
	regions := eval[[]string](b, `[...document.querySelectorAll(".county-map svg path[id]")].map(p =>
		p.id + "|" + (p.closest("a") && p.closest("a").querySelector("title") ? p.closest("a").querySelector("title").textContent : ""))`)
	if len(regions) != 8 {
		b.t.Fatalf("%d municipalities on the map, want 8: %v", len(regions), regions)
	}
	for _, r := range regions {
		code, title, _ := strings.Cut(r, "|")
		if len(code) != 4 || !strings.HasPrefix(code, "23") || !strings.Contains(title, "bristyrke") {
			b.t.Errorf("map region %q has title %q", code, title)
		}
	}
	if n := eval[int](b, `document.querySelectorAll(".coverage-grid thead th[scope=col]").length`); n != 9 {
		b.t.Errorf("grid has %d column headers, want the occupation and 8 municipalities", n)
	}
	if !eval[bool](b, `[...document.querySelectorAll(".coverage-grid td.gap")].every(td => /Saknas/.test(td.textContent))`) {
		b.t.Error("a gap cell is marked by colour alone")
	}

	// The searches that found nothing: a row with its words, linking the
	// same search.
	if row := eval[string](b, `(document.querySelector("#sokningar tbody th a") || {}).textContent || ""`); row != "hovslagare" {
		b.t.Errorf("the searches section's first row is %q, want hovslagare", row)
	}

	// Filter: all occupations of SSYK major group 5, six months.
	b.do(chromedp.Click(chromedp.ID("visa-alla")),
		chromedp.SetValue(chromedp.ID("falt"), "5"),
		chromedp.SetValue(chromedp.ID("manader"), "6"),
		chromedp.Click(chromedp.CSS(`.coverage-filters button[type="submit"]`)))
	b.arrived("the filter applied", `location.search.includes("falt=5") && location.search.includes("months=6") && !!document.querySelector(".coverage-grid")`)
	b.do(chromedp.WaitReady(chromedp.CSS("html.js")))
	codes := eval[[]string](b, `[...document.querySelectorAll(".coverage-grid tbody th .ssyk-code")].map(s => s.textContent)`)
	if len(codes) == 0 {
		b.t.Fatal("no occupations in major group 5")
	}
	for _, c := range codes {
		if !strings.HasPrefix(c, "5") {
			b.t.Errorf("occupation %s outside major group 5", c)
		}
	}
	csvURL := eval[string](b, `document.querySelector(".downloads a").href`)
	if !strings.Contains(csvURL, "format=csv") || !strings.Contains(csvURL, "occupation=5") {
		b.t.Errorf("CSV link %s does not carry the filter", csvURL)
	}
	rows := run(b, chromedp.Evaluate[int](fmt.Sprintf(`fetch(%q).then(r => r.text()).then(t => t.trim().split("\n").length - 1)`, csvURL),
		chromedp.EvalAwaitPromise))
	if rows != 8*len(codes) {
		b.t.Errorf("the CSV has %d rows, the page %d occupations in 8 municipalities", rows, len(codes))
	}

	// A municipality on the map shows its distance courses.
	b.do(chromedp.Click(chromedp.CSS(`.county-map a:has(path[id="2361"])`)))
	b.arrived("Härjedalen chosen", `location.search.includes("municipality=2361") && !!document.getElementById("vald-kommun")`)
	b.do(chromedp.WaitReady(chromedp.CSS("html.js")))
	if !eval[bool](b, `!!document.querySelector('#vald-kommun a[href="/?include_distance=true&municipality=2361"]')`) {
		b.t.Error("no link to the search of Härjedalen with distance courses")
	}
	if !eval[bool](b, `location.search.includes("falt=5")`) {
		b.t.Error("choosing a municipality lost the filter")
	}
}
