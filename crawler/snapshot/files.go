package snapshot

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// Files serves a bundled copy of one or more web sites. A URL maps to the
// file <host>/<path>, with "index.html" for a path ending in "/"; so
// https://www.ragunda.se/larcentrum/kurser/ is
// www.ragunda.se/larcentrum/kurser/index.html. A missing file is a 404, also
// for robots.txt, which then allows everything as on the web.
//
// Responses carry an ETag and Last-Modified and answer conditional
// requests, so the importers' caching works against snapshots as live.
func Files(fsys fs.FS, modified time.Time) http.Handler {
	return FilesBy(fsys, modified, func(u *url.URL) string { return FileFor(u.Host, u.Path) })
}

// FilesBy is Files with another rule from URL to file name, for sources
// whose snapshots are named by query (an API's pages) or by base name.
func FilesBy(fsys fs.FS, modified time.Time, name func(*url.URL) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := *r.URL
		if u.Host == "" {
			u.Host = r.Host
		}
		name := name(&u)
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		sum := sha256.Sum256(b)
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
		http.ServeContent(w, r, path.Base(name), modified, bytes.NewReader(b))
	})
}

// FileFor returns the snapshot file name for a host and URL path.
func FileFor(host, urlPath string) string {
	host = strings.ToLower(host)
	if i := strings.IndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	p := path.Clean("/" + urlPath)
	if strings.HasSuffix(urlPath, "/") || p == "/" {
		p = path.Join(p, "index.html")
	}
	return host + p
}
