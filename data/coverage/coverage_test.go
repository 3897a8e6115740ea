package coverage

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

var (
	testGroups = []string{"5321", "5323", "8332", "5120", "2512", "7411"}
	testPlaces = []string{"2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380", "2281", "0180", "2480"}
)

// randomWorld makes offerings in every mode, place, state and date a feed
// can have, random occupation matches, and county and national demand of
// two rounds.
func randomWorld(rng *rand.Rand, n int) ([]catalog.Offering, map[string][]catalog.OccupationMatch, []catalog.Demand) {
	today := date(2026, 11, 20)
	modes := []catalog.Mode{catalog.ModeOnsite, catalog.ModeOnsite, catalog.ModeBlended, catalog.ModeOnline}
	var offerings []catalog.Offering
	matches := map[string][]catalog.OccupationMatch{}
	for i := range n {
		o := catalog.Offering{ID: fmt.Sprintf("e.%03d", i), Mode: modes[rng.IntN(len(modes))]}
		for range rng.IntN(3) {
			o.Municipalities = append(o.Municipalities, testPlaces[rng.IntN(len(testPlaces))])
		}
		if o.Mode == catalog.ModeBlended {
			o.MandatorySessions = 1 + rng.IntN(10)
		}
		if rng.IntN(10) > 0 {
			o.Start = today.AddDate(0, 0, rng.IntN(900)-300)
		}
		if rng.IntN(4) == 0 {
			o.RollingStart = true
			if rng.IntN(2) == 0 {
				o.End = o.Start.AddDate(0, 0, rng.IntN(400))
			}
		}
		if rng.IntN(5) == 0 {
			o.ApplicationLast = o.Start.AddDate(0, 0, -rng.IntN(120))
		}
		o.Cancelled = rng.IntN(15) == 0
		offerings = append(offerings, o)
		for _, g := range testGroups {
			if rng.IntN(5) == 0 {
				matches[o.ID] = append(matches[o.ID], catalog.OccupationMatch{SSYK: g, Reason: "test"})
			}
		}
	}
	situations := []string{"brist", "brist", "balans", "överskott", "paradox", ""}
	var demand []catalog.Demand
	for i, g := range testGroups {
		for _, region := range []string{"23", "00"} {
			demand = append(demand, catalog.Demand{Round: "2025-2", Region: region, Occupation: "Yrke " + g,
				SSYK: []string{g}, Recruitment: situations[rng.IntN(len(situations))]})
		}
		// An older round that must not count.
		demand = append(demand, catalog.Demand{Round: "2025-1", Region: "23", Occupation: "Gammalt " + g,
			SSYK: []string{g}, Recruitment: "brist"})
		if i == 0 { // a barometer occupation covering two groups, and one no offering trains for
			demand = append(demand, catalog.Demand{Round: "2025-2", Region: "23", Occupation: "Yrke 5321+5323",
				SSYK: []string{"5321", "5323"}, Recruitment: "brist"},
				catalog.Demand{Round: "2025-2", Region: "23", Occupation: "Skogsarbetare", SSYK: []string{"6210"}, Recruitment: "brist"})
		}
	}
	return offerings, matches, demand
}

// bruteForce restates the rules directly, offering by offering, to check
// Compute against.
func bruteForce(offerings []catalog.Offering, matches map[string][]catalog.OccupationMatch, demand []catalog.Demand, p Params) Report {
	places, _ := DefaultPlaces()
	ymd := func(t time.Time) string { return t.In(catalog.Stockholm).Format(time.DateOnly) }
	today, until := ymd(p.Today), ymd(p.Today.AddDate(1, 0, 0))
	startable := func(o catalog.Offering) bool {
		switch {
		case o.Cancelled:
			return false
		case !o.ApplicationLast.IsZero() && ymd(o.ApplicationLast) < today: // closed, rolling or not
			return false
		case o.RollingStart:
			return (o.Start.IsZero() || ymd(o.Start) <= until) && (o.End.IsZero() || ymd(o.End) >= today)
		}
		return !o.Start.IsZero() && ymd(o.Start) >= today && ymd(o.Start) <= until
	}
	km := func(home string, o catalog.Offering) float64 {
		best := math.Inf(1)
		for _, m := range o.Municipalities {
			if pt, ok := places[m]; ok && DistanceKm(places[home], pt) < best {
				best = DistanceKm(places[home], pt)
			}
		}
		return best
	}
	has := func(o catalog.Offering, g string) bool {
		for _, m := range matches[o.ID] {
			if m.SSYK == g {
				return true
			}
		}
		return false
	}
	var county []catalog.Demand
	for _, d := range demand {
		if d.Region == "23" && d.Round == "2025-2" {
			county = append(county, d)
		}
	}
	var rep Report
	for _, home := range p.Municipalities {
		totals := map[string]int{}
		groups := slices.Clone(testGroups)
		for _, d := range county {
			groups = append(groups, d.SSYK...)
		}
		slices.Sort(groups)
		groups = slices.Compact(groups)
		for _, g := range groups {
			c := catalog.CoverageCell{Municipality: home, SSYK: g}
			for _, d := range county {
				if slices.Contains(d.SSYK, g) {
					c.Barometer = append(c.Barometer, d.Occupation)
					if severity[d.Recruitment] > severity[c.Recruitment] {
						c.Recruitment = d.Recruitment
					}
				}
			}
			c.Shortage = c.Recruitment == "brist"
			for _, o := range offerings {
				if !has(o, g) || !startable(o) {
					continue
				}
				local := slices.Contains(o.Municipalities, home)
				near := local || km(home, o) <= p.MaxKm
				switch {
				case o.Mode == catalog.ModeOnsite && local:
					c.Local++
				case o.Mode == catalog.ModeOnsite && near:
					c.Nearby++
				case o.Mode == catalog.ModeBlended && (o.MandatorySessions <= p.MaxSessions || near):
					c.Blended++
				case o.Mode == catalog.ModeOnline:
					c.Online++
				default:
					continue
				}
				c.Total++
				c.OfferingIDs = append(c.OfferingIDs, o.ID)
			}
			totals[g] = c.Total
			rep.Cells = append(rep.Cells, c)
		}
		var gaps []catalog.Gap
		for _, d := range county {
			sum := 0
			for _, g := range d.SSYK {
				sum += totals[g]
			}
			if d.Recruitment != "brist" || sum > 0 {
				continue
			}
			g := catalog.Gap{Municipality: home, Occupation: d.Occupation, SSYK: d.SSYK, Recruitment: "brist"}
			best := math.Inf(1)
			for _, o := range offerings {
				hit := false
				for _, s := range d.SSYK {
					hit = hit || has(o, s)
				}
				if !hit || o.Mode == catalog.ModeOnline || !startable(o) {
					continue
				}
				if k := km(home, o); k < best || k == best && !math.IsInf(k, 1) && o.ID < g.NearestID {
					best, g.NearestID = k, o.ID
				}
			}
			if g.NearestID != "" {
				g.NearestKm = math.Round(best)
			}
			gaps = append(gaps, g)
		}
		slices.SortFunc(gaps, func(a, b catalog.Gap) int { return strings.Compare(a.Occupation, b.Occupation) })
		rep.Gaps = append(rep.Gaps, gaps...)
	}
	return rep
}

func TestComputeMatchesBruteForce(t *testing.T) {
	// seen counts what the random worlds exercised, so that a generator that
	// stopped producing some case would not pass silently.
	seen := map[string]int{}
	defer func() {
		for _, k := range []string{"local", "nearby", "blended", "online", "gap", "gap with nearest", "gap without"} {
			if seen[k] == 0 {
				t.Errorf("no %s in any random world", k)
			}
		}
	}()
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 2026))
		offerings, matches, demand := randomWorld(rng, 5+rng.IntN(150))
		p := Params{Today: date(2026, 11, 20), MaxKm: float64(rng.IntN(200)), MaxSessions: rng.IntN(6),
			Municipalities: []string{"2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380", "2281"}, Region: "23"}
		in := Input{Offerings: List(offerings), Demand: demand,
			Occupations: func(o catalog.Offering) []catalog.OccupationMatch { return matches[o.ID] }}
		got, err := Compute(in, p)
		if err != nil {
			t.Fatal(err)
		}
		want := bruteForce(offerings, matches, demand, p)
		if !reflect.DeepEqual(got.Cells, want.Cells) {
			for i := range want.Cells {
				if i < len(got.Cells) && !reflect.DeepEqual(got.Cells[i], want.Cells[i]) {
					t.Fatalf("seed %d: cell %d\ngot  %+v\nwant %+v", seed, i, got.Cells[i], want.Cells[i])
				}
			}
			t.Fatalf("seed %d: %d cells, want %d", seed, len(got.Cells), len(want.Cells))
		}
		if !reflect.DeepEqual(got.Gaps, want.Gaps) {
			t.Fatalf("seed %d: gaps\ngot  %+v\nwant %+v", seed, got.Gaps, want.Gaps)
		}
		for _, c := range got.Cells {
			seen["local"] += c.Local
			seen["nearby"] += c.Nearby
			seen["blended"] += c.Blended
			seen["online"] += c.Online
		}
		for _, g := range got.Gaps {
			seen["gap"]++
			if g.NearestID != "" {
				seen["gap with nearest"]++
			} else {
				seen["gap without"]++
			}
		}
	}
}

func TestComputeChosenOccupations(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	offerings, matches, demand := randomWorld(rng, 100)
	p := DefaultParams(date(2026, 11, 20))
	p.Occupations = []string{"8332"}
	rep, err := Compute(Input{Offerings: List(offerings), Demand: demand, Names: func(s string) string { return "Grupp " + s },
		Occupations: func(o catalog.Offering) []catalog.OccupationMatch { return matches[o.ID] }}, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Cells) != 8 {
		t.Fatalf("%d cells, want one per municipality", len(rep.Cells))
	}
	for _, c := range rep.Cells {
		if c.SSYK != "8332" || c.Occupation != "Grupp 8332" {
			t.Errorf("cell %+v", c)
		}
	}
	for _, g := range rep.Gaps {
		if !slices.Contains(g.SSYK, "8332") {
			t.Errorf("gap outside the chosen groups: %+v", g)
		}
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	cells := []catalog.CoverageCell{{Municipality: "2361", SSYK: "5321", Occupation: "Undersköterskor, hemtjänst", Local: 1, Online: 2,
		Total: 3, Recruitment: "brist", Shortage: true, Barometer: []string{"Undersköterskor inom hemtjänst, hemsjukvård, äldreboende och habilitering"}}}
	if err := WriteCellsCSV(&buf, cells); err != nil {
		t.Fatal(err)
	}
	want := "municipality,ssyk,occupation,local,nearby,blended,online,total,recruitment,shortage,barometer\n" +
		`2361,5321,"Undersköterskor, hemtjänst",1,0,0,2,3,brist,true,"Undersköterskor inom hemtjänst, hemsjukvård, äldreboende och habilitering"` + "\n"
	if buf.String() != want {
		t.Errorf("cells CSV:\n%s\nwant:\n%s", buf.String(), want)
	}
	buf.Reset()
	gaps := []catalog.Gap{{Municipality: "2361", Occupation: "Lastbilsförare", SSYK: []string{"8332"}, Recruitment: "brist", Forecast: "öka",
		NearestID: "e.vux.2380.lastbil", NearestKm: 129}, {Municipality: "2303", Occupation: "Tandläkare", SSYK: []string{"2260"}, Recruitment: "brist"}}
	if err := WriteGapsCSV(&buf, gaps); err != nil {
		t.Fatal(err)
	}
	want = "municipality,occupation,concept_id,ssyk,recruitment,forecast,nearest_id,nearest_km,nearest_bus_minutes\n" +
		"2361,Lastbilsförare,,8332,brist,öka,e.vux.2380.lastbil,129,\n2303,Tandläkare,,2260,brist,,,,\n"
	if buf.String() != want {
		t.Errorf("gaps CSV:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestDistanceOfferings(t *testing.T) {
	funasdalen := catalog.LearningCentre{Name: "Lärcentrum Funäsdalen", Municipality: "2361", Lat: 62.545, Lon: 12.546}
	start := date(2027, 1, 18)
	offerings := []catalog.Offering{
		{ID: "online", Mode: catalog.ModeOnline, Start: start.AddDate(0, 1, 0)},
		{ID: "blended-few", Mode: catalog.ModeBlended, MandatorySessions: 2, Municipalities: []string{"1480"}, Start: start},
		{ID: "blended-many-far", Mode: catalog.ModeBlended, MandatorySessions: 9, Municipalities: []string{"2380"}, Start: start},
		{ID: "blended-many-home", Mode: catalog.ModeBlended, MandatorySessions: 9, Municipalities: []string{"2361"}, Start: start},
		{ID: "onsite-home", Mode: catalog.ModeOnsite, Municipalities: []string{"2361"}, Start: start},
		{ID: "online-past", Mode: catalog.ModeOnline, Start: date(2026, 1, 1)},
	}
	p := DefaultParams(date(2026, 11, 20))
	got, err := DistanceOfferings(funasdalen, List(offerings), p)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, i := range got {
		ids = append(ids, offerings[i].ID)
	}
	if want := []string{"blended-few", "blended-many-home", "online"}; !slices.Equal(ids, want) {
		t.Errorf("got %v, want %v", ids, want)
	}
}

func BenchmarkCompute(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	offerings, matches, demand := randomWorld(rng, 2000)
	in := Input{Offerings: List(offerings), Demand: demand,
		Occupations: func(o catalog.Offering) []catalog.OccupationMatch { return matches[o.ID] }}
	p := DefaultParams(date(2026, 11, 20))
	for b.Loop() {
		if _, err := Compute(in, p); err != nil {
			b.Fatal(err)
		}
	}
}

// sliceStore is a Store over offerings and demand in memory.
type sliceStore struct {
	offerings []catalog.Offering
	demand    []catalog.Demand
}

func (s sliceStore) EachOffering(_ context.Context, fn func(catalog.Offering) error) error {
	for _, o := range s.offerings {
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}

func (s sliceStore) LatestDemand(_ context.Context, regions ...string) ([]catalog.Demand, error) {
	var out []catalog.Demand
	for _, d := range s.demand {
		if d.Round == "2025-2" && slices.Contains(regions, d.Region) {
			out = append(out, d)
		}
	}
	return out, nil
}

// Data loaded as of a day leaves out what can no longer be taken, and
// reports on that day and on later days exactly as all offerings do.
func TestLoadLeavesOutWhatCannotBeTaken(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	offerings, matches, demand := randomWorld(rng, 2000)
	for i := range offerings {
		offerings[i].Occupations = matches[offerings[i].ID]
	}
	loaded := date(2026, 11, 20)
	d, err := Load(context.Background(), sliceStore{offerings, demand}, "23", loaded)
	if err != nil {
		t.Fatal(err)
	}
	kept := Collect(d)
	if len(kept) == 0 || len(kept) >= len(offerings) {
		t.Fatalf("kept %d of %d offerings", len(kept), len(offerings))
	}
	for _, today := range []time.Time{loaded, loaded.AddDate(0, 2, 3)} {
		p := DefaultParams(today)
		got, err := d.Report(nil, p)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Compute(Input{Offerings: List(offerings), Demand: d.Demand,
			Occupations: func(o catalog.Offering) []catalog.OccupationMatch { return o.Occupations }}, p)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("on %s the report of the %d offerings kept differs from that of all %d", today.Format(time.DateOnly), len(kept), len(offerings))
		}
		centre := catalog.LearningCentre{Name: "Lärcentrum Funäsdalen", Municipality: "2361", Lat: 62.545, Lon: 12.546}
		gotList, err := DistanceOfferings(centre, d, p)
		if err != nil {
			t.Fatal(err)
		}
		wantList, err := DistanceOfferings(centre, List(offerings), p)
		if err != nil {
			t.Fatal(err)
		}
		ids := func(of []catalog.Offering, list []int) (out []string) {
			for _, i := range list {
				out = append(out, of[i].ID)
			}
			return out
		}
		if !slices.Equal(ids(kept, gotList), ids(offerings, wantList)) || len(wantList) == 0 {
			t.Errorf("on %s the distance offerings of the %d kept differ from those of all: %d against %d", today.Format(time.DateOnly), len(kept), len(gotList), len(wantList))
		}
	}
}
