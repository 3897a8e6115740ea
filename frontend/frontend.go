// Package frontend holds the catalogue's web pages: HTML templates, the
// static assets they use and the message catalogue every label comes from,
// all embedded so the binary serves them offline. It also writes the
// "follow a search" formats, Atom and iCalendar. The server's page handlers
// build the view values; this package only renders them.
package frontend

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

//go:embed messages/*.json
var messageFiles embed.FS

// Languages are the page languages, the default first.
var Languages = []string{"sv", "en"}

// DefaultLanguage is the language of a page nobody asked otherwise of.
const DefaultLanguage = "sv"

// static is the static directory with its files' content hashes, which
// go into asset URLs so a browser may cache them for long.
var static, staticVersions = func() (fs.FS, map[string]string) {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic(err) // embedded at build time
	}
	versions := map[string]string{}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		versions[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		panic(err)
	}
	return sub, versions
}()

// AssetURL is the URL of a static file, versioned by its content.
func AssetURL(name string) string {
	return "/static/" + name + "?v=" + staticVersions[name]
}

// StaticHandler serves the static files under /static/. Their URLs carry a
// content hash (AssetURL), so they may be cached for a day; directories are
// not listed.
func StaticHandler() http.Handler {
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/static/")
		if _, ok := staticVersions[name]; !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
}
