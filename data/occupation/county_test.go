package occupation_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"kurskatalog/crawler/emil3"
	"kurskatalog/crawler/emil3/emil3gen"
	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/index"
)

// heldOutCountySeed generates a county corpus other than the bundled
// snapshot (emil3gen.DefaultSeed): other intakes, dates, places and mixes
// of the county's courses, none of them looked at while tuning.
const heldOutCountySeed = 20270315

// minFilterShare is what a counsellor can trust: of the intakes that lead
// to an occupation, the occupation filter must find at least this share.
const minFilterShare = 0.9

// TestOccupationFilterFindsTheCourses generates a held-out county corpus
// (and a national one),
// imports it as the service does, maps it, indexes it in a real Bleve index
// and asks, for every occupation that labelled courses lead to, the search
// with occupation=SSYK: at least 90 % of the intakes that lead there (by the
// labels of testdata/labelled_offerings.csv, judged by title and school
// type, not by the mapper) must come back. The figure per occupation is
// logged (-v).
func TestOccupationFilterFindsTheCourses(t *testing.T) {
	t.Run("county", func(t *testing.T) {
		g := emil3gen.Generate(emil3gen.Config{Seed: heldOutCountySeed, Events: 1800})
		checkFilter(t, &emil3.Dataset{Events: g.Events, Infos: g.Infos, Providers: g.Providers}, data.JamtlandMunicipalities)
	})
	t.Run("national", func(t *testing.T) {
		checkFilter(t, nil, nil)
	})
}

// checkFilter runs the check on ds imported for region; a nil ds is a
// national corpus of 3,000 events (emil3test.National), every municipality
// included.
func checkFilter(t *testing.T, ds *emil3.Dataset, region []string) {
	ctx := context.Background()
	if ds == nil {
		ds, region = emil3test.National(heldOutCountySeed, 3000)
	}
	offerings, err := emil3test.Import(ctx, ds, region)
	if err != nil {
		t.Fatal(err)
	}
	m, tax := mapper(t)
	for i := range offerings {
		offerings[i].Occupations = m.Map(offerings[i])
	}
	ix, _, err := index.Open(t.TempDir() + "/index.bleve")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(ctx, offerings); err != nil {
		t.Fatal(err)
	}
	search := func(filters map[string][]string) map[string]bool {
		t.Helper()
		r, err := ix.Search(ctx, catalog.SearchQuery{Filters: filters, IncludePast: true, Group: catalog.GroupIntake,
			Today: emil3gen.RefDate, PerPage: len(offerings) + 1, Page: 1})
		if err != nil {
			t.Fatal(err)
		}
		out := make(map[string]bool, len(r.IDs))
		for _, id := range r.IDs {
			out[id] = true
		}
		return out
	}
	shown := search(nil) // what the catalogue shows at all: the base of the share

	labels := labelsByTitle(t, tax)
	leadTo := map[string][]string{} // SSYK group -> offering ids labelled with it
	unlabelled := 0
	for _, o := range offerings {
		if !shown[o.ID] {
			continue
		}
		want, ok := labels[titleKey(o.Title, o.SchoolType)]
		if !ok {
			unlabelled++
			continue
		}
		for _, c := range want {
			leadTo[c] = append(leadTo[c], o.ID)
		}
	}
	if unlabelled > len(shown)/20 {
		t.Fatalf("%d of %d offerings have a title no label covers; label them in testdata/labelled_offerings.csv", unlabelled, len(shown))
	}
	codes := make([]string, 0, len(leadTo))
	for c := range leadTo {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var failed []string
	total, found := 0, 0
	for _, c := range codes {
		got := search(map[string][]string{catalog.FacetOccupation: {c}})
		n := 0
		for _, id := range leadTo[c] {
			if got[id] {
				n++
			}
		}
		share := float64(n) / float64(len(leadTo[c]))
		total, found = total+len(leadTo[c]), found+n
		t.Logf("%s %-45s %3d of %3d intakes  %5.1f %%  (filter returns %d)", c, tax.Label(c).SV, n, len(leadTo[c]), 100*share, len(got))
		if share < minFilterShare {
			failed = append(failed, fmt.Sprintf("%s %.0f %%", c, 100*share))
		}
	}
	t.Logf("%d occupations, %d intakes that lead to one (%d unlabelled); the filter finds %d (%.1f %%)",
		len(codes), total, unlabelled, found, 100*float64(found)/float64(max(total, 1)))
	if len(codes) < 20 {
		t.Errorf("only %d occupations have labelled courses; the corpus or the labels are too thin for the check", len(codes))
	}
	if len(failed) > 0 {
		t.Errorf("occupation filter finds less than %.0f %% of the intakes leading to: %s", 100*minFilterShare, strings.Join(failed, ", "))
	}
}

func titleKey(title, schoolType string) string { return strings.ToLower(title) + "\x00" + schoolType }

// labelsByTitle reads testdata/labelled_offerings.csv as labels of a title
// and school type: the generator draws a corpus's courses from the county's
// tables, so a title labelled in the bundled snapshot is the same course in
// another corpus. A title labelled two ways fails the test.
func labelsByTitle(t *testing.T, tax interface{ Canonical(string) string }) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	readLabels(t, "testdata/labelled_offerings.csv", func(row map[string]string) {
		var codes []string
		for _, c := range strings.Fields(row["ssyk"]) {
			if c = tax.Canonical(c); !slices.Contains(codes, c) {
				codes = append(codes, c)
			}
		}
		slices.Sort(codes)
		k := titleKey(row["title"], row["school_type"])
		if before, ok := out[k]; ok && !slices.Equal(before, codes) {
			t.Fatalf("labelled_offerings.csv: %q (%s) is labelled %v and %v", row["title"], row["school_type"], before, codes)
		}
		out[k] = codes
	})
	return out
}
