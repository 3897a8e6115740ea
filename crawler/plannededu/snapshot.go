package plannededu

import (
	"net/url"
	"slices"
	"strings"
)

// SnapshotFile names the file that holds the response to u in a bundled
// snapshot (data/snapshots/planned-educations), so that a file-backed
// transport and the snapshot agree on one rule: the last path element, then
// each query parameter sorted by name as _name-value (values URL-decoded,
// repeated parameters in request order), then ".json". For example
// .../adult-education-events?size=20&page=0&geographicalAreaCode=2380 is
// adult-education-events_geographicalAreaCode-2380_page-0_size-20.json.
func SnapshotFile(u *url.URL) string {
	var b strings.Builder
	p := strings.TrimRight(u.Path, "/")
	b.WriteString(p[strings.LastIndex(p, "/")+1:])
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range q[k] {
			b.WriteString("_" + k + "-" + v)
		}
	}
	b.WriteString(".json")
	return b.String()
}
