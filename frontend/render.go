package frontend

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"time"
)

// Page is what every page's layout needs: its language, title, the same
// page in the other language, and the features that are switched on.
type Page struct {
	Lang      string // sv or en
	Title     string // the page's own part of the document title, localised
	Path      string // the current path, to mark the current navigation link
	OtherLang string // the language the switch offers
	LangURL   string // this page in OtherLang
	FeedURL   string // an Atom feed of this page's search, if it has one
	NoIndex   bool   // keep search engines off (error pages, shared lists)
	Features  Features
	// DataAsOf is the day the bundled snapshots were taken when the
	// catalogue serves them instead of live sources; zero otherwise.
	DataAsOf time.Time
}

// Features switch on pages that are not built yet, so that their navigation
// links stay hidden until they exist.
type Features struct {
	Occupations bool // /yrke/{ssyk}
	Coverage    bool // /tackning
}

// Pages are the page templates, one set per language.
var pageNames = []string{"search", "offering", "list", "error", "occupation", "occupations", "coverage"}

// Renderer renders the page templates with the message catalogue.
type Renderer struct {
	Messages Messages
	sets     map[string]map[string]*template.Template // lang -> page -> template
}

// NewRenderer parses the embedded templates once per language.
func NewRenderer() (*Renderer, error) {
	msgs, err := LoadMessages()
	if err != nil {
		return nil, err
	}
	r := &Renderer{Messages: msgs, sets: map[string]map[string]*template.Template{}}
	shared, err := fs.Glob(templateFiles, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	for _, lang := range Languages {
		r.sets[lang] = map[string]*template.Template{}
		for _, name := range pageNames {
			files := append([]string{"templates/" + name + ".html"}, shared...)
			t, err := template.New(name+".html").Funcs(r.funcs(lang)).ParseFS(templateFiles, files...)
			if err != nil {
				return nil, fmt.Errorf("frontend: template %s: %w", name, err)
			}
			r.sets[lang][name] = t
		}
	}
	return r, nil
}

// MustNewRenderer is NewRenderer for package initialisation: the templates
// are embedded, so an error is a programming error caught by any test.
func MustNewRenderer() *Renderer {
	r, err := NewRenderer()
	if err != nil {
		panic(err)
	}
	return r
}

// Render writes page name with p and data. It renders into a buffer first
// so that a failing template never sends half a page.
func (r *Renderer) Render(w io.Writer, name string, p Page, data any) error {
	set, ok := r.sets[p.Lang]
	if !ok {
		set = r.sets[DefaultLanguage]
	}
	t, ok := set[name]
	if !ok {
		return fmt.Errorf("frontend: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", view{Page: p, Data: data}); err != nil {
		return fmt.Errorf("frontend: render %s: %w", name, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

type view struct {
	Page Page
	Data any
}

func (r *Renderer) funcs(lang string) template.FuncMap {
	m := r.Messages
	return template.FuncMap{
		"t":     func(key string, args ...any) string { return m.T(lang, key, args...) },
		"n":     func(key string, n int, args ...any) string { return m.N(lang, key, n, args...) },
		"label": func(key, fallback string) string { return m.Label(lang, key, fallback) },
		"date":  func(t time.Time) string { return FormatDate(m, lang, t) },
		"iso":   func(t time.Time) string { return t.Format(time.DateOnly) },
		"asset": AssetURL,
		"href":  func(path string) string { return Href(lang, path) },
		"join":  strings.Join,
	}
}

// Href is an internal link in lang: the default language's links are bare,
// the other's carry lang= so that the page stays in the language the
// reader chose even without the cookie.
func Href(lang, path string) string {
	if lang == DefaultLanguage || lang == "" {
		return path
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "lang=" + lang
}

// FormatDate writes a calendar date the way the language does: "17 augusti
// 2026", "17 August 2026". The zero time is the empty string.
func FormatDate(m Messages, lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", t.Day(), m.T(lang, fmt.Sprintf("month.%d", int(t.Month()))), t.Year())
}
