package frontend

import (
	"strings"
	"testing"
)

func TestCountyMapHasTheEightMunicipalities(t *testing.T) {
	m, err := LoadCountyMap()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range m.Regions {
		got = append(got, r.Code)
		if r.Name == "" || r.LabelX <= 0 || r.LabelX >= m.Width || r.LabelY <= 0 || r.LabelY >= m.Height {
			t.Errorf("region %+v has no name or its label is off the map", r.Code)
		}
	}
	want := "2303 2305 2309 2313 2321 2326 2361 2380"
	if s := strings.Join(got, " "); s != want || m.ViewBox == "" {
		t.Errorf("regions %s, viewBox %q; want %s", s, m.ViewBox, want)
	}
}
