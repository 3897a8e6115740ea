package server

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"kurskatalog/data/catalog"
	"kurskatalog/frontend"
)

// The web pages are server-rendered from frontend's templates; they read the
// same Index and Store as the API handlers, never the API itself.

// pages renders every page. The templates are embedded, so a broken one
// fails at start-up (and in every test), not on a user's request.
var pages = frontend.MustNewRenderer()

// pageFeatures switches on the pages whose navigation links were hidden
// until they were built.
var pageFeatures = frontend.Features{Occupations: true, Coverage: true}

// langCookie remembers the language chosen with ?lang=.
const langCookie = "lang"

// contentSecurityPolicy allows nothing from elsewhere: the pages use only
// their own scripts, styles and images, which is also what makes them work
// offline.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'; object-src 'none'"

func validLang(l string) bool { return l == "sv" || l == "en" }

// pageLang is the language of a page: ?lang= when given (and remembered in
// a cookie), else the cookie, else Swedish. A lang that is neither sv nor en
// is an invalid parameter.
func pageLang(c *gin.Context) (string, error) {
	if l := strings.TrimSpace(c.Query("lang")); l != "" {
		if !validLang(l) {
			return cookieLang(c), catalog.Invalid("lang", "%q is not sv or en", l)
		}
		rememberLang(c, l)
		return l, nil
	}
	return cookieLang(c), nil
}

func cookieLang(c *gin.Context) string {
	if l, err := c.Cookie(langCookie); err == nil && validLang(l) {
		return l
	}
	return frontend.DefaultLanguage
}

func rememberLang(c *gin.Context, lang string) {
	http.SetCookie(c.Writer, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: c.Request.TLS != nil})
}

// basePage fills what every page's layout needs.
func basePage(c *gin.Context, lang, title string) frontend.Page {
	other := "en"
	if lang == "en" {
		other = "sv"
	}
	v := c.Request.URL.Query()
	v.Set("lang", other)
	return frontend.Page{Lang: lang, Title: title, Path: c.Request.URL.Path, OtherLang: other,
		LangURL: c.Request.URL.Path + "?" + v.Encode(), Features: pageFeatures}
}

// render writes a page. Security headers go on every page; Vary: Cookie
// because the cookie picks the language.
func (s *Server) render(c *gin.Context, status int, name string, p frontend.Page, data any) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	// Shared lists carry notes in their address: never send it to the
	// providers' sites a reader goes on to.
	h.Set("Referrer-Policy", "same-origin")
	h.Add("Vary", "Cookie")
	h.Set("Content-Type", "text/html; charset=utf-8")
	c.Status(status)
	p.DataAsOf = s.DataAsOf
	if err := pages.Render(c.Writer, name, p, data); err != nil {
		// Render writes nothing when it fails, so the status can still change.
		s.Log.Error("Page render failed", "page", name, "error", err)
		c.Status(http.StatusInternalServerError)
		c.Writer.WriteString("internal error")
	}
}

type errorView struct {
	Heading, Message, Detail string
}

// failPage shows err as a page, with the status of the one error mapping
// (statusOf). Internal errors are logged and shown without details.
func (s *Server) failPage(c *gin.Context, p frontend.Page, err error) {
	code := catalog.ErrorCodeOf(err)
	m, lang := pages.Messages, p.Lang
	var v errorView
	var e *catalog.Error
	switch {
	case code == catalog.ENotFound:
		v = errorView{Heading: m.T(lang, "error.not_found.heading"), Message: m.T(lang, "error.not_found.message")}
	case code == catalog.EInvalid && errors.As(err, &e):
		v = errorView{Heading: m.T(lang, "error.invalid.heading"), Message: m.T(lang, "error.invalid.message", e.Parameter),
			Detail: e.Error()}
	case code == catalog.EUnavailable:
		v = errorView{Heading: m.T(lang, "error.unavailable.heading"), Message: m.T(lang, "error.unavailable.message")}
	default:
		s.Log.Error("Page failed", "path", c.Request.URL.Path, "error", err)
		code = catalog.EInternal
		v = errorView{Heading: m.T(lang, "error.internal.heading"), Message: m.T(lang, "error.internal.message")}
	}
	p.Title, p.NoIndex = v.Heading, true
	s.render(c, statusOf[code], "error", p, v)
	c.Abort()
}

// htmlNotFound answers an unknown path with the 404 page when a browser
// asked for it; API clients keep getting the JSON error.
func (s *Server) htmlNotFound(c *gin.Context) bool {
	if strings.HasPrefix(c.Request.URL.Path, "/api/") || !strings.Contains(c.GetHeader("Accept"), "text/html") {
		return false
	}
	s.failPage(c, basePage(c, cookieLang(c), ""), catalog.Errorf(catalog.ENotFound, "no such page"))
	return true
}

// withQuery is path with v as its query, or path alone when v is empty.
func withQuery(path string, v url.Values) string {
	if s := v.Encode(); s != "" {
		return path + "?" + s
	}
	return path
}

// offeringPath is the page of one offering.
func offeringPath(id string) string { return "/kurs/" + url.PathEscape(id) }

var staticFiles = frontend.StaticHandler()

// static serves the pages' embedded styles, scripts and icons.
func (s *Server) static(c *gin.Context) { staticFiles.ServeHTTP(c.Writer, c.Request) }
