package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

//go:embed testdata/axe.min.js
var axeSource string

// chromiumPath finds a Chromium: $KURSKATALOG_CHROMIUM, else Debian's.
func chromiumPath() string {
	if p := os.Getenv("KURSKATALOG_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is one headless Chromium tab on the catalogue.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string
	shots string
}

const stepTimeout = 15 * time.Second

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("no chromium binary found (install Debian's chromium, or set KURSKATALOG_CHROMIUM)")
	}
	// The background-networking flags matter: on a closed network Chromium
	// otherwise waits for services it cannot reach.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// The first Run starts the browser; it must not have a timeout of its own.
	err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		// A headless tab never has the window's focus; keyboard tests need it.
		_, err := cdp.Call(ctx, t, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}))
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	shots := os.Getenv("KURSKATALOG_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, ctx: ctx, base: base, shots: shots}
}

// do runs steps with a timeout, failing the test on error.
func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

func run[T any](b *browser, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("browser: %v", err)
	}
	return v
}

func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	return run(b, chromedp.Evaluate[T](expr))
}

// open loads a page of the site and waits until its script has run.
func (b *browser) open(path string) {
	b.t.Helper()
	b.load(b.base + path)
}

// load navigates to a URL and waits for the whole document and its script.
func (b *browser) load(url string) {
	b.t.Helper()
	b.do(chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("html.js")))
	// html.js is set by a script in the head, before the body may have
	// arrived on a loaded machine.
	b.waitFor("the page", `document.readyState === "complete"`)
}

// arrived waits, after a click or a form that navigates, until expr holds in a
// document loaded whole: the new URL, or an element near the top, shows
// while the rest of the page is still being parsed.
func (b *browser) arrived(what, expr string) {
	b.t.Helper()
	b.waitFor(what, "("+expr+`) && document.readyState === "complete"`)
}

// waitFor polls a JavaScript condition until it holds. It evaluates afresh
// each time, so it survives the navigations a click may start.
func (b *browser) waitFor(what, expr string) {
	b.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	var last error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(25 * time.Millisecond)
	}
	b.t.Fatalf("waiting for %s (%s): %v", what, expr, last)
}

func (b *browser) location() *url.URL {
	b.t.Helper()
	u, err := url.Parse(run(b, chromedp.Location()))
	if err != nil {
		b.t.Fatal(err)
	}
	return u
}

// key presses keys in whatever has focus.
func (b *browser) key(keys string, opts ...chromedp.KeyOption) {
	b.t.Helper()
	b.do(chromedp.KeyEvent(keys, opts...))
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// checkAxe runs axe-core on the current page: WCAG 2.0, 2.1 A and AA and
// axe's best practices. Any violation fails the test.
func (b *browser) checkAxe(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
		b.t.Fatalf("inject axe: %v", err)
	}
	js := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
		resultTypes: ["violations"]}).then(r => JSON.stringify({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id,
		impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)}))}))`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("run axe: %v", err)
	}
	var res struct {
		Passes     int            `json:"passes"`
		Violations []axeViolation `json:"violations"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		b.t.Fatal(err)
	}
	if res.Passes < 10 {
		b.t.Errorf("axe on %s passed only %d rules: did it run?", name, res.Passes)
	}
	for _, v := range res.Violations {
		b.t.Errorf("axe on %s: %s (%s): %s\n\t%s", name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
}

// screenshot saves the whole page at a phone's and a desktop's width.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	for _, w := range []struct {
		label         string
		width, height int64
	}{{"phone", 375, 812}, {"desktop", 1280, 900}} {
		b.do(chromedp.EmulateViewport(w.width, w.height))
		// A page must fit the width: nothing may scroll sideways.
		if over := eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth + 1`); over {
			b.t.Errorf("%s at %d px scrolls sideways", name, w.width)
		}
		png := run(b, chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(b.shots, fmt.Sprintf("%s-%s.png", name, w.label)), png, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
	b.do(chromedp.EmulateReset(), chromedp.EmulateViewport(1280, 900))
}

func TestPagesInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests")
	}
	if chromiumPath() == "" {
		t.Skip("no chromium binary found (install Debian's chromium, or set KURSKATALOG_CHROMIUM)")
	}
	// Crawl while Chromium starts.
	start := time.Now()
	type served struct {
		srv, later *httptest.Server
		err        error
	}
	catalogue := make(chan served, 1)
	dir := t.TempDir()
	go func() {
		srv, later, err := serveCatalogue(t, dir)
		catalogue <- served{srv, later, err}
	}()
	b := newBrowser(t, "")
	t.Logf("chromium started in %s", time.Since(start).Round(time.Millisecond))
	c := <-catalogue
	if c.err != nil {
		t.Fatal(c.err)
	}
	b.base = c.srv.URL
	t.Logf("catalogue crawled and served in %s", time.Since(start).Round(time.Millisecond))
	t.Logf("screenshots in %s", b.shots)

	t.Run("months later: current intakes, one card per course", func(t *testing.T) { b.t = t; monthsLater(b, c.later.URL) })
	t.Run("search, filter and paginate", func(t *testing.T) { b.t = t; searchFilterPaginate(b) })
	t.Run("open an offering", func(t *testing.T) { b.t = t; openOffering(b) })
	t.Run("switch language", func(t *testing.T) { b.t = t; switchLanguage(b) })
	t.Run("build and share a shortlist", func(t *testing.T) { b.t = t; shortlist(b) })
	t.Run("keyboard only", func(t *testing.T) { b.t = t; keyboardOnly(b) })
	t.Run("suggestions work or stay out of the way", func(t *testing.T) { b.t = t; suggestions(b) })
	t.Run("occupation from an offering", func(t *testing.T) { b.t = t; occupationFromOffering(b) })
	t.Run("coverage: map, filter, municipality", func(t *testing.T) { b.t = t; coverageFilterAndMap(b) })
	t.Run("pathway from a starting point", func(t *testing.T) { b.t = t; pathwayFromStartingPoint(b) })
	t.Run("every page passes axe and fits a phone", func(t *testing.T) { b.t = t; everyPage(b) })
}

// resultCount reads the results heading, once the page (or the instant
// search replacing the results) has put it there.
func resultCount(b *browser) string {
	b.t.Helper()
	b.waitFor("the result count", `document.getElementById("results-heading") !== null`)
	return eval[string](b, `document.getElementById("results-heading").textContent`)
}

// card is a result card as a learner reads it.
type card struct {
	Title, Provider string
	Dates           []string // every date on the card: its intakes' starts and deadlines
	Passed          int      // deadlines marked passed
}

// monthsLater opens the catalogue with its clock months after the
// snapshots' day: the first results without words are intakes one can
// still start and apply to, each course once across the first pages, and
// the page says the data is as of the snapshots' day.
func monthsLater(b *browser, later string) {
	today := laterDay.Format(time.DateOnly)
	seen := map[string]int{}
	for page := 1; page <= 3; page++ {
		b.load(fmt.Sprintf("%s/?page=%d", later, page))
		if note := eval[string](b, `document.querySelector(".data-note")?.textContent ?? ""`); !strings.Contains(note, "20 november 2026") {
			b.t.Errorf("page %d does not say the data is as of the snapshots' day: %q", page, note)
		}
		cards := eval[[]card](b, `[...document.querySelectorAll(".result-card")].map(c => ({
			Title: c.querySelector(".result-title").textContent.trim(),
			Provider: c.querySelector(".result-provider").textContent.trim(),
			Dates: [...c.querySelectorAll(".intakes time, .result-facts time")].map(t => t.getAttribute("datetime")),
			Passed: c.querySelectorAll(".badge-passed").length}))`)
		if len(cards) != 20 {
			b.t.Errorf("page %d has %d results, want 20", page, len(cards))
		}
		for _, c := range cards {
			if seen[c.Title+" | "+c.Provider]++; seen[c.Title+" | "+c.Provider] > 1 {
				b.t.Errorf("page %d: %s (%s) shown twice", page, c.Title, c.Provider)
			}
			for _, d := range c.Dates {
				if d < today {
					b.t.Errorf("page %d: %s (%s) shows %s, before %s", page, c.Title, c.Provider, d, today)
				}
			}
			if c.Passed > 0 {
				b.t.Errorf("page %d: %s (%s) has a passed deadline", page, c.Title, c.Provider)
			}
		}
	}
	b.screenshot("search-months-later")
}

func searchFilterPaginate(b *browser) {
	b.open("/")
	all := resultCount(b)
	if !strings.Contains(all, "utbildningar") {
		b.t.Fatalf("start page heading %q", all)
	}

	// Typing searches as you type, and the address follows.
	b.do(chromedp.SendKeys(chromedp.ID("q"), "svenska"))
	b.waitFor("the text in the address", `location.search.includes("q=svenska")`)
	b.waitFor("new results", fmt.Sprintf(`document.getElementById("results-heading").textContent !== %q`, all))
	withText := resultCount(b)
	b.waitFor("the count announced", `document.getElementById("status").textContent === document.getElementById("results-heading").textContent`)

	// A facet filters at once; a chip shows it. (Leave the search box
	// first: its suggestions, when the server has them, cover the facets.)
	b.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("q").blur()`))
	b.waitFor("no suggestions", `document.getElementById("q-suggestions").hidden`)
	b.do(chromedp.Click(chromedp.ID("f-municipality-2380")))
	b.waitFor("the municipality in the address", `location.search.includes("municipality=2380")`)
	b.waitFor("the chip", `[...document.querySelectorAll(".chips .chip")].some(c => c.textContent.includes("Östersund"))`)
	filtered := resultCount(b)
	if filtered == withText {
		b.t.Errorf("choosing Östersund left the count at %q", filtered)
	}
	if !eval[bool](b, `[...document.querySelectorAll(".result-card")].every(r => /Östersund|Distans/.test(r.textContent))`) {
		b.t.Error("a result outside Östersund")
	}

	// The address alone reproduces the page, without the script's help.
	state := b.location().String()
	b.load(state)
	if got := resultCount(b); got != filtered {
		b.t.Errorf("reloaded %s shows %q, want %q", state, got, filtered)
	}
	if !eval[bool](b, `document.getElementById("f-municipality-2380").checked && document.getElementById("q").value === "svenska"`) {
		b.t.Error("reloaded page lost the filter or the text")
	}

	// A chip removes its filter.
	b.do(chromedp.Click(chromedp.CSS(`.chips a[href*="q=svenska"]:not([href*="municipality"])`)))
	b.waitFor("the filter gone", `!location.search.includes("municipality")`)
	if got := resultCount(b); got != withText {
		b.t.Errorf("after removing the chip: %q, want %q", got, withText)
	}

	// Sorting and paging.
	b.open("/?sort=title")
	first := eval[string](b, `document.querySelector(".result-title a").textContent`)
	b.do(chromedp.Click(chromedp.CSS(`.pagination a[rel="next"]`)))
	b.arrived("page 2", `location.search.includes("page=2")`)
	b.do(chromedp.WaitReady(chromedp.CSS("html.js")))
	if got := eval[string](b, `document.querySelector(".result-list").getAttribute("start")`); got != "21" {
		b.t.Errorf("page 2 numbers from %s", got)
	}
	if second := eval[string](b, `document.querySelector(".result-title a").textContent`); second == first {
		b.t.Error("page 2 shows the first page's results")
	}
	if cur := eval[string](b, `document.querySelector('.pagination a[aria-current="page"]').textContent`); !strings.HasSuffix(cur, "2") {
		b.t.Errorf("current page link %q", cur)
	}
}

func openOffering(b *browser) {
	b.open("/?q=svenska")
	title := eval[string](b, `document.querySelector(".result-title a").textContent`)
	b.do(chromedp.Click(chromedp.CSS(".result-title a")), chromedp.WaitReady(chromedp.ID("offering-title")))
	if got := eval[string](b, `document.getElementById("offering-title").textContent`); got != title {
		b.t.Errorf("offering page %q, clicked %q", got, title)
	}
	var ld struct {
		Type      string `json:"@type"`
		Name      string `json:"name"`
		Instances []struct {
			Type string `json:"@type"`
			URL  string `json:"url"`
		} `json:"hasCourseInstance"`
	}
	raw := eval[string](b, `document.querySelector('script[type="application/ld+json"]').textContent`)
	if err := json.Unmarshal([]byte(raw), &ld); err != nil {
		b.t.Fatalf("JSON-LD: %v\n%s", err, raw)
	}
	if ld.Type != "Course" || ld.Name != title || len(ld.Instances) == 0 || ld.Instances[0].Type != "CourseInstance" {
		b.t.Errorf("JSON-LD %+v", ld)
	}
	for _, section := range []string{"facts-heading", "contact-heading", "provenance-heading", "related-heading"} {
		if !eval[bool](b, fmt.Sprintf(`!!document.getElementById(%q)`, section)) {
			b.t.Errorf("no %s", section)
		}
	}
	if !eval[bool](b, `document.querySelector(".provenance").textContent.includes("Susa-navet")`) {
		b.t.Error("provenance does not name the source")
	}
	// An offering with other intakes links to them.
	b.open("/kurs/e.uoh.miun.dt071g.10185.20272")
	if n := eval[int](b, `document.querySelectorAll(".related-list a").length`); n < 2 {
		b.t.Errorf("%d other intakes of DT071G", n)
	}
}

func switchLanguage(b *browser) {
	b.open("/?q=svenska")
	b.do(chromedp.Click(chromedp.CSS("[data-lang-switch]")))
	b.waitFor("English", `document.documentElement.lang === "en" && document.documentElement.classList.contains("js")`)
	if h := eval[string](b, `document.querySelector("h1").textContent`); h != "Find a course" {
		b.t.Errorf("English heading %q", h)
	}
	if !strings.Contains(b.location().RawQuery, "q=svenska") {
		b.t.Error("switching language lost the search")
	}
	// The choice is remembered without ?lang=.
	b.open("/lista")
	if lang := eval[string](b, `document.documentElement.lang`); lang != "en" {
		b.t.Errorf("/lista after choosing English is %q", lang)
	}
	b.do(chromedp.Click(chromedp.CSS("[data-lang-switch]")))
	b.waitFor("Swedish", `document.documentElement.lang === "sv"`)
}

func shortlist(b *browser) {
	b.open("/?q=svenska")
	b.do(chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
	b.open("/?q=svenska")
	ids := eval[[]string](b, `[...document.querySelectorAll(".save-button")].slice(0, 2).map(x => x.dataset.saveId)`)
	b.do(chromedp.Click(chromedp.CSS(`.result-list li:nth-child(1) .save-button`)),
		chromedp.Click(chromedp.CSS(`.result-list li:nth-child(2) .save-button`)))
	if got := eval[string](b, `document.querySelector("[data-list-count]").textContent`); got != "2" {
		b.t.Errorf("list count %q after saving two", got)
	}
	if !eval[bool](b, `document.querySelector(".save-button").getAttribute("aria-pressed") === "true"`) {
		b.t.Error("saved button not pressed")
	}

	// The list page shows them from this browser's storage, editable.
	b.do(chromedp.Click(chromedp.CSS(`.site-nav a[href="/lista"]`)))
	b.waitFor("the list", `document.querySelectorAll("[data-note-edit]").length === 2`)
	if got := eval[[]string](b, `[...document.querySelectorAll("li[data-item-id]")].map(li => li.dataset.itemId)`); strings.Join(got, ",") != strings.Join(ids, ",") {
		b.t.Errorf("list holds %v, saved %v", got, ids)
	}
	b.do(chromedp.SendKeys(chromedp.CSS("[data-note-edit]"), "Ring Anna om CSN"))
	b.waitFor("the note in the share link", `document.getElementById("share-url").value.includes("Ring+Anna+om+CSN")`)
	share := eval[string](b, `document.getElementById("share-url").value`)

	// Print: only the list and the notes.
	b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	if !eval[bool](b, `getComputedStyle(document.querySelector(".site-header")).display === "none" &&
		getComputedStyle(document.querySelector("[data-note-text]")).display !== "none" &&
		getComputedStyle(document.querySelector("[data-note-edit]")).display === "none"`) {
		b.t.Error("print style shows the header or hides the note")
	}
	b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		return err
	}))

	// Someone else opens the link, without JavaScript: the server renders it.
	b.do(chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
	b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	b.do(chromedp.Navigate(share), chromedp.WaitReady(chromedp.CSS("li[data-item-id]")))
	if !eval[bool](b, `document.querySelector(".note").textContent === "Ring Anna om CSN" && document.querySelectorAll("li[data-item-id]").length === 2`) {
		b.t.Error("the shared link without JavaScript does not show the list and note")
	}
	b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
		return err
	}))
	// With JavaScript, the recipient can keep it.
	b.load(share)
	b.waitFor("the offer to keep the list", `!document.querySelector("[data-import-hint]").hidden`)
	b.do(chromedp.Click(chromedp.CSS("[data-import]")))
	b.waitFor("the list kept", `document.querySelectorAll("[data-note-edit]").length === 2`)
	if got := eval[string](b, `JSON.parse(localStorage.getItem("kurskatalog.list"))[0].note`); got != "Ring Anna om CSN" {
		b.t.Errorf("imported note %q", got)
	}
	// Removing an item keeps focus in the list.
	b.do(chromedp.Click(chromedp.CSS("[data-remove]")))
	b.waitFor("one left", `document.querySelectorAll("li[data-item-id]").length === 1 && document.activeElement.closest(".result-title") !== null`)
}

// focused describes the element that has focus.
func focused(b *browser) string {
	return eval[string](b, `(e => e.id ? "#" + e.id : e.tagName.toLowerCase() + (e.className ? "." + e.className.split(" ")[0] : ""))(document.activeElement || {tagName: "NONE"})`)
}

// focusKey tells focused elements apart: tag, id, link and saved offering.
func focusKey(b *browser) string {
	return eval[string](b, `(e => e ? [e.tagName, e.id, e.getAttribute("href"), e.getAttribute("data-save-id")].join("|") : "")(document.activeElement)`)
}

func keyboardOnly(b *browser) {
	b.open("/")
	b.key(kb.Tab)
	if f := focused(b); f != "a.skip-link" {
		b.t.Fatalf("first Tab focuses %s, want the skip link", f)
	}
	if !eval[bool](b, `document.querySelector(".skip-link").getBoundingClientRect().top >= 0`) {
		b.t.Error("the focused skip link is not on screen")
	}
	b.key(kb.Enter)
	b.waitFor("focus on main", `document.activeElement.id === "main"`)
	b.key(kb.Tab)
	if f := focused(b); f != "#q" {
		b.t.Fatalf("Tab after the skip link focuses %s, want the search box", f)
	}
	for _, r := range "matematik" {
		b.key(string(r))
	}
	b.waitFor("results for matematik", `location.search.includes("q=matematik")`)

	// Tab to the first municipality and tick it with the space bar: the
	// results update and focus stays on the box.
	var seen []string
	for i := 0; i < 20 && !strings.HasPrefix(focused(b), "#f-municipality-"); i++ {
		b.key(kb.Tab)
		seen = append(seen, focused(b))
	}
	box := focused(b)
	if !strings.HasPrefix(box, "#f-municipality-") {
		b.t.Fatalf("no municipality reached by Tab: %v", seen)
	}
	if style := eval[string](b, `getComputedStyle(document.activeElement).outlineStyle`); style == "none" {
		b.t.Error("the focused checkbox has no visible outline")
	}
	b.key(" ")
	b.waitFor("the filter applied", `location.search.includes("municipality=")`)
	b.waitFor("focus kept", fmt.Sprintf(`document.activeElement.id === %q && document.activeElement.checked`, strings.TrimPrefix(box, "#")))

	// Keep tabbing: every control is reachable and none traps focus, down
	// to the last section of the page.
	// (A date field takes a Tab per part: day, month, year.)
	repeats := 0
	for i := 0; i < 250 && !eval[bool](b, `!!document.activeElement.closest("#follow")`); i++ {
		prev := focusKey(b)
		b.key(kb.Tab)
		if f := focusKey(b); f == prev {
			if repeats++; repeats > 3 {
				b.t.Fatalf("focus stuck on %s", f)
			}
		} else {
			repeats = 0
		}
	}
	if !eval[bool](b, `!!document.activeElement.closest("#follow")`) {
		b.t.Errorf("Tab never reached the end of the page; stopped at %s", focused(b))
	}
	// And back with Shift+Tab.
	b.key(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
	if f := focused(b); f == "body" {
		b.t.Error("Shift+Tab lost focus")
	}
}

// suggestions checks the search box against /api/v1/suggest, which another
// part of the service provides: without it the box is a plain search box;
// with it, a combobox whose choices work by keyboard.
func suggestions(b *browser) {
	b.open("/")
	status := run(b, chromedp.Evaluate[int](`fetch("/api/v1/suggest?q=sv").then(r => r.status)`, chromedp.EvalAwaitPromise))
	b.do(chromedp.SendKeys(chromedp.ID("q"), "sven"))
	b.waitFor("the search done", `location.search.includes("q=sven")`)
	if status != 200 {
		b.do(chromedp.Sleep(300 * time.Millisecond))
		if eval[bool](b, `document.getElementById("q").hasAttribute("role") || !document.getElementById("q-suggestions").hidden`) {
			b.t.Errorf("suggest answers %d, yet the box offers suggestions", status)
		}
		return
	}
	b.waitFor("suggestions", `!document.getElementById("q-suggestions").hidden`)
	if !eval[bool](b, `(q => q.getAttribute("role") === "combobox" && q.getAttribute("aria-expanded") === "true")(document.getElementById("q"))`) {
		b.t.Error("the open suggestions are not announced as an expanded combobox")
	}
	b.key(kb.ArrowDown)
	b.waitFor("an active option", `document.getElementById("q").getAttribute("aria-activedescendant") === "q-suggestion-0"`)
	before := b.location().RawQuery
	b.key(kb.Enter)
	b.waitFor("the choice applied", fmt.Sprintf(`document.getElementById("q-suggestions").hidden && location.search.slice(1) !== %q`, before))
}

func everyPage(b *browser) {
	b.open("/?q=svenska")
	b.do(chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
	id := eval[string](b, `document.querySelector(".save-button").dataset.saveId`)
	related := "e.uoh.miun.dt071g.10185.20272"
	// Swedish pages first: an English one leaves the language cookie set.
	pages := []struct{ name, path, lang string }{
		{"search", "/", "sv"},
		{"search-filtered", "/?q=svenska&municipality=2380&sort=deadline", "sv"},
		{"offering", "/kurs/" + url.PathEscape(related), "sv"},
		{"list-shared", "/lista?id=" + url.QueryEscape(id) + "&note=" + url.QueryEscape("Jämför med distans") + "&id=" + url.QueryEscape(related) + "&note=", "sv"},
		{"list-empty", "/lista", "sv"},
		{"not-found", "/kurs/e.finns.inte", "sv"},
		{"bad-request", "/?municipality=abc", "sv"},
		{"occupations", "/yrke", "sv"},
		{"occupation", "/yrke/5321?municipality=2361", "sv"},
		{"coverage", "/tackning", "sv"},
		{"coverage-filtered", "/tackning?visa=alla&falt=5&months=6&municipality=2380", "sv"},
		{"coverage-bus", "/tackning?max_bus_minutes=60&municipality=2305", "sv"},
		{"occupation-bus", "/yrke/7231?municipality=2305&max_bus_minutes=90", "sv"},
		{"search-en", "/?lang=en&mode=online", "en"},
		{"offering-en", "/kurs/" + url.PathEscape(related) + "?lang=en", "en"},
		{"occupation-en", "/yrke/5321?lang=en", "en"},
		{"coverage-en", "/tackning?lang=en&falt=Transport", "en"},
		{"occupation-bus-en", "/yrke/7231?municipality=2305&max_bus_minutes=90&lang=en", "en"},
	}
	for _, p := range pages {
		b.open(p.path)
		if lang := eval[string](b, `document.documentElement.lang`); lang != p.lang {
			b.t.Errorf("%s is lang=%q, want %q", p.path, lang, p.lang)
		}
		b.checkAxe(p.name)
		b.screenshot(p.name)
	}
	// The autocomplete state (with or without the suggest endpoint) too.
	b.open("/")
	b.do(chromedp.SendKeys(chromedp.ID("q"), "sv"))
	b.do(chromedp.Sleep(400 * time.Millisecond))
	b.checkAxe("search-typing")
}
