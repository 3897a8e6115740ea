package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
	"kurskatalog/data/occupation"
	"kurskatalog/data/sqlite"
	"kurskatalog/server"
)

// newBundledServer serves the bundled Susa-navet snapshot, mapped to
// occupations as at import, on the snapshot's day.
func newBundledServer(t *testing.T) string {
	t.Helper()
	offerings, err := emil3test.ImportBundledMapped(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tax, err := occupation.Load()
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 20, 12, 0, 0, 0, catalog.Stockholm)
	srv := serveCatalogue(t, server.Deps{Taxonomy: tax, Now: func() time.Time { return day }}, func(ctx context.Context, db *sqlite.DB) error {
		_, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: offerings})
		return err
	})
	return srv.URL
}

func TestPathwaysAPI(t *testing.T) {
	base := newBundledServer(t)
	var body struct {
		Occupation, Municipality, From string
		Steps                          []struct {
			Step   string
			Label  string
			Groups []struct {
				SchoolType   string `json:"school_type"`
				CoursesTotal int    `json:"courses_total"`
				Requirement  *struct{ Label string }
				Courses      []struct {
					ID, Title, Reach string
					SchoolType       string `json:"school_type"`
					Intakes          []struct{ ID string }
					IntakesTotal     int `json:"intakes_total"`
				}
				Nearest []struct {
					ID string
					Km int
				}
			}
		}
		Error struct{ Parameter string }
	}
	get := func(path string, status int) {
		t.Helper()
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body.Steps, body.Error.Parameter = nil, ""
		if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != status {
			t.Fatalf("GET %s: %d, want %d (%+v)", path, res.StatusCode, status, body.Error)
		}
	}

	get("/api/v1/occupations/5321/pathways?municipality=H%C3%A4rjedalen&from=grundskola", 200)
	if body.Municipality != "2361" || body.From != "grundskola" || len(body.Steps) == 0 {
		t.Fatalf("got %+v", body)
	}
	var steps []string
	aubNearest := false
	for _, s := range body.Steps {
		steps = append(steps, s.Step)
		for _, g := range s.Groups {
			for _, c := range g.Courses {
				if c.Reach == "" || c.SchoolType != g.SchoolType {
					t.Errorf("%s: course %s (%s) without reach or in the wrong group %s", s.Step, c.ID, c.SchoolType, g.SchoolType)
				}
			}
			if g.SchoolType == "AUB" && len(g.Courses) == 0 && len(g.Nearest) > 0 && g.Nearest[0].Km > 60 {
				aubNearest = true
			}
		}
	}
	if want := "eligibility vocational higher"; strings.Join(steps, " ") != want {
		t.Errorf("steps %q, want %q", strings.Join(steps, " "), want)
	}
	if !aubNearest {
		t.Error("labour-market training from Härjedalen: want none reached and the nearest beyond 60 km")
	}

	// Each group lists its first courses, each course its first intakes
	// in the window, and both count them all.
	for _, tc := range []struct {
		query            string
		perGroup, perHit int
	}{{"", 50, 10}, {"&courses_per_group=1", 1, 10}, {"&intakes_per_hit=1", 50, 1}} {
		get("/api/v1/occupations/5321/pathways?municipality=2361&from=grundskola"+tc.query, 200)
		groupsCut, coursesCut := 0, 0
		for _, s := range body.Steps {
			for _, g := range s.Groups {
				if want := min(g.CoursesTotal, tc.perGroup); len(g.Courses) != want {
					t.Errorf("%q: %s lists %d of %d courses, want %d", tc.query, g.SchoolType, len(g.Courses), g.CoursesTotal, want)
				}
				if g.CoursesTotal > len(g.Courses) {
					groupsCut++
				}
				for _, c := range g.Courses {
					if want := min(c.IntakesTotal, tc.perHit); len(c.Intakes) != want || c.Intakes[0].ID != c.ID {
						t.Errorf("%q: %s lists %d of %d intakes, want %d led by itself", tc.query, c.ID, len(c.Intakes), c.IntakesTotal, want)
					}
					if c.IntakesTotal > len(c.Intakes) {
						coursesCut++
					}
				}
			}
		}
		if (tc.perGroup == 1 && groupsCut == 0) || (tc.perHit == 1 && coursesCut == 0) {
			t.Errorf("%q: nothing has more than it lists; the check checks nothing", tc.query)
		}
	}

	for _, tc := range []struct{ path, param string }{
		{"/api/v1/occupations/5321/pathways", "municipality"},
		{"/api/v1/occupations/5321/pathways?municipality=Atlantis", "municipality"},
		{"/api/v1/occupations/5321/pathways?municipality=2361&from=phd", "from"},
		{"/api/v1/occupations/5321/pathways?municipality=2361&lang=fi", "lang"},
		{"/api/v1/occupations/5321/pathways?municipality=2361&kommun=2361", "kommun"},
		{"/api/v1/occupations/5321/pathways?municipality=2361&intakes_per_hit=0", "intakes_per_hit"},
		{"/api/v1/occupations/5321/pathways?municipality=2361&courses_per_group=10001", "courses_per_group"},
	} {
		get(tc.path, 400)
		if body.Error.Parameter != tc.param {
			t.Errorf("%s: error names %q, want %q", tc.path, body.Error.Parameter, tc.param)
		}
	}
	get("/api/v1/occupations/9999/pathways?municipality=2361", 404)
	get("/api/v1/occupations/53/pathways?municipality=2361", 404)
}

func TestPathwaysSection(t *testing.T) {
	base := newBundledServer(t)
	for _, tc := range []struct {
		path     string
		status   int
		contains []string
		lacks    []string
	}{
		{"/yrke/5321?municipality=2361&from=grundskola", 200, []string{"Vägen till yrket",
			"Steg 1: Komvux på gymnasial nivå: behörighet", "Matematik 1a/1b/1c (krävs av", "Ingen kurs går att nå från Härjedalen.",
			"Närmast:", `<option value="grundskola" selected>grundskola</option>`, `<input type="hidden" name="from" value="grundskola">`,
			"Ingen validering mot yrket erbjuds just nu."}, []string{"Svenska för invandrare, kurs A"}},
		{"/yrke/5321?municipality=2361", 200, []string{"Steg 1: Svenska för invandrare (sfi)", "Svenska för invandrare, kurs"}, nil},
		{"/yrke/5321?municipality=2380&from=gymnasium&lang=en", 200, []string{"The way to the occupation", "an upper secondary diploma",
			"No validation towards the occupation is offered at present."}, []string{"Engelska 5–6"}},
		{"/yrke/5321", 200, []string{"Välj en kommun ovan", `id="validation-none"`}, nil},
		{"/yrke/2611?municipality=2380", 200, []string{"så det finns ingen väg att visa"}, nil},
		{"/yrke/5321?municipality=2361&from=phd", 400, []string{"from"}, nil},
	} {
		res, err := http.Get(base + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tc.status {
			t.Errorf("GET %s: %d, want %d", tc.path, res.StatusCode, tc.status)
		}
		page := string(b)
		for _, want := range tc.contains {
			if !strings.Contains(page, want) {
				t.Errorf("GET %s lacks %q", tc.path, want)
			}
		}
		for _, bad := range tc.lacks {
			if strings.Contains(page, bad) {
				t.Errorf("GET %s has %q", tc.path, bad)
			}
		}
	}
}
