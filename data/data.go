// Package data holds the catalogue's embedded files: reference data
// (municipalities) and the bundled snapshots of every source, which the
// default configuration serves to the importers in-process.
package data

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

//go:embed reference snapshots
var files embed.FS

// Snapshot returns the bundled snapshot directory name (e.g. "susa-navet").
func Snapshot(name string) (fs.FS, error) {
	dir := "snapshots/" + name
	if st, err := fs.Stat(files, dir); err != nil || !st.IsDir() || !fs.ValidPath(dir) {
		return nil, fmt.Errorf("no bundled snapshot %q", name)
	}
	return fs.Sub(files, dir)
}

var municipalities = sync.OnceValue(func() map[string]string {
	f, err := files.Open("reference/kommunkoder-kommunnamn.csv")
	if err != nil {
		panic(err) // embedded at build time: cannot be missing
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		panic(err)
	}
	m := make(map[string]string, len(rows))
	for _, r := range rows {
		if len(r) == 2 {
			m[strings.TrimSpace(r[0])] = strings.TrimSpace(r[1])
		}
	}
	return m
})

// MunicipalityName returns the name of the municipality with SCB code code.
func MunicipalityName(code string) (string, bool) {
	n, ok := municipalities()[code]
	return n, ok
}

// JamtlandMunicipalities are the county's eight municipalities, by code.
var JamtlandMunicipalities = []string{"2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380"}
