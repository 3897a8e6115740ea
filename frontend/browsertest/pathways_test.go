package browsertest

import (
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// pathwayFromStartingPoint chooses a starting point on the occupation
// page: the steps before it go, the municipality stays, the steps agree
// with the API, and the section passes axe.
func pathwayFromStartingPoint(b *browser) {
	b.open("/yrke/5321?municipality=2361")
	b.do(chromedp.WaitReady(chromedp.ID("pathways-heading")))
	if first := eval[string](b, `document.querySelector(".pathway-step h3").textContent`); !strings.Contains(first, "Svenska för invandrare") {
		b.t.Errorf("with no starting point the first step is %q, want SFI", first)
	}
	b.do(chromedp.SetValue(chromedp.ID("from"), "gymnasium"),
		chromedp.Click(chromedp.CSS(`.pathways button[type="submit"]`)))
	b.arrived("the starting point applied", `location.search.includes("from=gymnasium") && location.search.includes("municipality=2361")`)
	b.do(chromedp.WaitReady(chromedp.ID("pathways-heading")))
	steps := eval[[]string](b, `[...document.querySelectorAll(".pathway-step")].map(s => s.id || s.getAttribute("aria-labelledby").replace(/^step-|-heading$/g, ""))`)
	api := run(b, chromedp.Evaluate[[]string](`fetch("/api/v1/occupations/5321/pathways?municipality=2361&from=gymnasium").then(r => r.json()).
		then(j => j.steps.map(s => s.step))`, chromedp.EvalAwaitPromise))
	if fmt.Sprint(steps) != fmt.Sprint(api) {
		b.t.Errorf("page steps %v, API steps %v", steps, api)
	}
	if len(steps) == 0 || steps[0] == "sfi" {
		b.t.Errorf("from a diploma the steps are %v, want no SFI", steps)
	}
	if !eval[bool](b, `document.getElementById("validation-none") !== null`) {
		b.t.Error("the page does not say that no validation is offered")
	}
	b.checkAxe("occupation-pathway")
	b.screenshot("occupation-pathway")
}
