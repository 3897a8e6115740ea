package emil3gen

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"

	"kurskatalog/crawler/emil3"
)

// snapshot is the default data set, generated once for all tests.
var snapshot = sync.OnceValue(func() Dataset { return Generate(DefaultConfig()) })

var resources = []string{ResourceEvents, ResourceInfos, ResourceProviders}

func pages(t *testing.T, d *Dataset, res string) [][]byte {
	t.Helper()
	p, err := d.Pages(res, DefaultPageSize)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDeterministic(t *testing.T) {
	a, b := snapshot(), Generate(DefaultConfig())
	for _, res := range resources {
		pa, pb := pages(t, &a, res), pages(t, &b, res)
		if len(pa) != len(pb) {
			t.Fatalf("%s: %d vs %d pages", res, len(pa), len(pb))
		}
		for i := range pa {
			if !bytes.Equal(pa[i], pb[i]) {
				t.Fatalf("%s page %d differs between runs with the same seed", res, i)
			}
		}
	}
	cfg := DefaultConfig()
	cfg.Seed++
	c := Generate(cfg)
	if reflect.DeepEqual(a.Events, c.Events) {
		t.Error("another seed gave the same events")
	}
}

func TestReferences(t *testing.T) {
	d := snapshot()
	infos, provs := map[string]bool{}, map[string]bool{}
	for _, e := range d.Infos {
		if infos[e.ID] {
			t.Errorf("duplicate info %s", e.ID)
		}
		infos[e.ID] = e.Status == emil3.StatusActive && e.Content != nil
	}
	for _, e := range d.Providers {
		if provs[e.ID] {
			t.Errorf("duplicate provider %s", e.ID)
		}
		provs[e.ID] = e.Status == emil3.StatusActive && e.Content != nil
	}
	malformed := map[string]bool{}
	for _, id := range d.Malformed {
		malformed[id] = true
	}
	seen := map[string]bool{}
	for _, e := range d.Events {
		if seen[e.ID] {
			t.Errorf("duplicate event %s", e.ID)
		}
		seen[e.ID] = true
		ev := e.Content
		if ev == nil {
			continue
		}
		if ev.Identifier != e.ID {
			t.Errorf("event %s has identifier %s", e.ID, ev.Identifier)
		}
		if ev.Education == "" {
			if !malformed[e.ID] {
				t.Errorf("event %s without education is not listed as malformed", e.ID)
			}
		} else if !infos[ev.Education] {
			t.Errorf("event %s refers to missing info %s", e.ID, ev.Education)
		}
		if len(ev.Providers) == 0 {
			t.Errorf("event %s has no provider", e.ID)
		}
		for _, p := range ev.Providers {
			if !provs[p] {
				t.Errorf("event %s refers to missing provider %s", e.ID, p)
			}
		}
	}
	if len(d.Malformed) != 3 {
		t.Errorf("%d malformed events, want 3", len(d.Malformed))
	}
}

func TestCounts(t *testing.T) {
	d := snapshot()
	s := d.Summarise()
	if s.Active < 1500 {
		t.Errorf("%d active events, want at least 1500", s.Active)
	}
	if s.Removed == 0 || s.Removed > s.Events/50 {
		t.Errorf("%d removed events of %d, want about 1%%", s.Removed, s.Events)
	}
	have := map[string]int{}
	for _, c := range s.BySchoolType {
		have[c.Key] = c.N
	}
	for _, typ := range []string{"HS", "YH", "FHS", "VUXGR", "VUXGY", "VUXSFI", "VUXGRAN", "VUXGYAN", "AUB", "KKU", "STF"} {
		if have[typ] == 0 {
			t.Errorf("no active %s events", typ)
		}
	}
	for _, a := range s.ByArea {
		switch a.Code {
		case AreaDistance, AreaElsewhere:
			if a.N < s.Active/20 {
				t.Errorf("only %d events in %q", a.N, a.Name)
			}
		default:
			if len(a.Types) < 3 {
				t.Errorf("%s has events of %d school types, want at least 3", a.Name, len(a.Types))
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	d := snapshot()
	var got Dataset
	for _, res := range resources {
		ps := pages(t, &d, res)
		for n, b := range ps {
			var env emil3.Envelope
			if err := json.Unmarshal(b, &env); err != nil {
				t.Fatalf("%s page %d: %v", res, n, err)
			}
			if env.Page.PageNumber != int64(n) || env.Page.TotalPages != int64(len(ps)) || env.Page.Size != DefaultPageSize {
				t.Errorf("%s page %d: metadata %+v", res, n, env.Page)
			}
			if len(env.Links) == 0 || env.Links[0].Rel != "self" || env.Links[0].Href != PageURL(res, n, DefaultPageSize) {
				t.Errorf("%s page %d: links %+v", res, n, env.Links)
			}
			if hasNext := len(env.Links) == 2 && env.Links[1].Rel == "next"; hasNext != (n+1 < len(ps)) {
				t.Errorf("%s page %d of %d: links %+v", res, n, len(ps), env.Links)
			}
			got.Events = append(got.Events, env.EducationEvents...)
			got.Infos = append(got.Infos, env.EducationInfos...)
			got.Providers = append(got.Providers, env.EducationProviders...)
		}
	}
	if !reflect.DeepEqual(got.Events, d.Events) {
		for i := range d.Events {
			if i >= len(got.Events) || !reflect.DeepEqual(got.Events[i], d.Events[i]) {
				t.Fatalf("event %s does not round-trip", d.Events[i].ID)
			}
		}
		t.Fatal("events do not round-trip")
	}
	if !reflect.DeepEqual(got.Infos, d.Infos) {
		t.Error("infos do not round-trip")
	}
	if !reflect.DeepEqual(got.Providers, d.Providers) {
		t.Error("providers do not round-trip")
	}
}

// TestWireQuirks checks that the quirks the importer is tested against are
// actually on the wire.
func TestWireQuirks(t *testing.T) {
	d := snapshot()
	var all strings.Builder
	for _, b := range pages(t, &d, ResourceEvents) {
		all.Write(b)
	}
	wire := all.String()
	for _, want := range []string{
		`"content": null`, `"status": "DELETED"`, `"percentage": "`, `"code": 2`, `"2027-13-45"`,
		`T00:00:00"`, `"2099-12-31"`, `"flexibel"`, `<script>`, `onclick=`, `"isCancelled": true`,
		`"content": "HTML"`, `"country": "NO"`, `"value": "www.`, `"startPeriod"`, `"contractor"`,
		`"isApprenticeship": true`, `"noOfMandatorySessions": 0`,
	} {
		if !strings.Contains(wire, want) {
			t.Errorf("no %s in the event pages", want)
		}
	}
	if strings.Contains(wire, `\u003c`) {
		t.Error("HTML is escaped in the event pages")
	}
}

func TestNational(t *testing.T) {
	d := Generate(NationalConfig(7, 5000))
	if len(d.Events) != 5000 {
		t.Fatalf("%d events, want 5000", len(d.Events))
	}
	munis := map[string]int{}
	for _, e := range d.Events {
		if e.Content != nil && len(e.Content.Locations) > 0 {
			munis[e.Content.Locations[0].AreaCode]++
		}
	}
	if len(munis) < 100 {
		t.Errorf("events in %d municipalities, want most of the 290", len(munis))
	}
	if munis["0180"] <= munis["2303"] {
		t.Errorf("Stockholm has %d events, Ragunda %d: not Zipf-like", munis["0180"], munis["2303"])
	}
}

func BenchmarkGenerateNational(b *testing.B) {
	for b.Loop() {
		Generate(NationalConfig(1, 100_000))
	}
}

// TestTables checks invariants of the tables the generator relies on.
func TestTables(t *testing.T) {
	for k := range stfDefs {
		n := 0
		for _, c := range stfCourses {
			if (c.Weeks+len(c.Title)+k)%3 == 0 {
				n++
			}
		}
		if n < 3 {
			t.Errorf("study association %d offers %d courses", k, n)
		}
	}
	all := [][]course{vuxGY, vuxPackages, vuxGR, vuxSFI, miunCourses, miunSundsvall, fhsCourses, aubCourses, stfCourses, kkuCourses}
	for _, u := range universities {
		all = append(all, otherHS[u.ID])
	}
	for _, r := range yhRows {
		if r.Pace == 0 || r.Credits == 0 || r.Prov == nil {
			t.Errorf("YH row %d lacks pace, points or provider", r.Num)
		}
	}
	for _, tbl := range all {
		if len(tbl) == 0 {
			t.Error("empty table")
		}
		for _, c := range tbl {
			if c.Title == "" || c.SUN == "" {
				t.Errorf("course %q lacks title or SUN code", c.Code)
			}
		}
	}
}

// TestSmall checks that tiny and empty configurations work.
func TestSmall(t *testing.T) {
	for _, cfg := range []Config{{Seed: 1}, {Seed: 1, Events: 10}, NationalConfig(2, 50)} {
		d := Generate(cfg)
		if len(d.Events) != cfg.Events {
			t.Errorf("%+v: %d events", cfg, len(d.Events))
		}
		for _, res := range resources {
			if ps := pages(t, &d, res); len(ps) == 0 {
				t.Errorf("%+v: no %s page", cfg, res)
			}
		}
	}
}
