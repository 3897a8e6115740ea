package server

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/occupation"
	"kurskatalog/frontend"
)

// The county as the occupation and coverage pages show it: its eight
// municipalities in the order a Swedish reader expects, the map of their
// gaps, and their learning centres with the distance courses one can take
// there.

// onlyParams rejects a query parameter a page does not take, naming it.
func onlyParams(v url.Values, accepted ...string) error {
	for name := range v {
		if !slices.Contains(accepted, name) {
			return catalog.Invalid(name, "unknown parameter; accepted: %s", strings.Join(accepted, ", "))
		}
	}
	return nil
}

// countyMunicipality reads an optional municipality of the county, by SCB
// code or name, into its code.
func countyMunicipality(v url.Values, name string) (string, error) {
	raw, err := single(v, name)
	if err != nil || raw == "" {
		return "", err
	}
	code, err := municipalityParam(name, raw)
	if err != nil {
		return "", err
	}
	if !slices.Contains(data.JamtlandMunicipalities, code) {
		return "", catalog.Invalid(name, "%q is not one of the county's municipalities (%s)", raw,
			strings.Join(data.JamtlandMunicipalities, ", "))
	}
	return code, nil
}

// municipalityOptions are the county's municipalities for a select, by
// name, after a first option for none.
func municipalityOptions(chosen, none string) []option {
	out := []option{{Value: "", Label: none, Selected: chosen == ""}}
	for _, code := range countyByName() {
		n, _ := data.MunicipalityName(code)
		out = append(out, option{Value: code, Label: n, Selected: code == chosen})
	}
	return out
}

// countyByName is the county's municipalities in alphabetical order, the
// Swedish way (Å, Ä, Ö last).
func countyByName() []string {
	codes := slices.Clone(data.JamtlandMunicipalities)
	slices.SortFunc(codes, func(a, b string) int {
		na, _ := data.MunicipalityName(a)
		nb, _ := data.MunicipalityName(b)
		return compareSwedish(na, nb)
	})
	return codes
}

// swedishOrder maps å, ä and ö to the three bytes after z, in that order,
// and é to e, so that byte order is Swedish alphabetical order.
var swedishOrder = strings.NewReplacer("å", "{", "ä", "|", "ö", "}", "é", "e")

// compareSwedish orders strings as a Swedish reader expects: å, ä, ö after z.
func compareSwedish(a, b string) int {
	return strings.Compare(swedishOrder.Replace(strings.ToLower(a)), swedishOrder.Replace(strings.ToLower(b)))
}

// chosenView is the distance courses a resident of the chosen municipality
// can take, through its learning centres.
type chosenView struct {
	Code, Name string
	Count      int
	Items      []resultItem
	SearchURL  string
}

type centreGroup struct {
	Code, Name string
	Centres    []centreView
	ChooseURL  string // the page with the municipality chosen
}

type centreView struct {
	Name, Place string
	Services    []string
	Distance    int // distance courses one can take there in the window
}

type mapView struct {
	ViewBox string
	Regions []mapRegionView
	Legend  []legendItem
}

type mapRegionView struct {
	Code, Name, D, URL, Title string
	Gaps                      int
	Shade                     int // 0 (fewest gaps) to 3 (most)
	Chosen                    bool
	LabelX, NameY, CountY     float64
}

type legendItem struct {
	Shade int
	Text  string
}

// coverageMap colours the county map by each municipality's gaps, in up
// to four equal steps between the fewest and the most.
func coverageMap(columns []coverageColumn, f coverageFilter, lang string) (mapView, error) {
	m := pages.Messages
	cm, err := frontend.LoadCountyMap()
	if err != nil {
		return mapView{}, err
	}
	gaps := map[string]int{}
	lo, hi := -1, 0
	for _, c := range columns {
		gaps[c.Code] = c.Gaps
		if lo < 0 || c.Gaps < lo {
			lo = c.Gaps
		}
		hi = max(hi, c.Gaps)
	}
	lo = max(lo, 0)
	steps := min(4, hi-lo+1)
	width := (hi - lo + steps) / steps // ceil((hi-lo+1)/steps)
	shade := func(step int) int {
		if steps == 1 {
			return 2
		}
		return step * 3 / (steps - 1)
	}
	v := mapView{ViewBox: cm.ViewBox}
	regions := slices.Clone(cm.Regions)
	slices.SortFunc(regions, func(a, b frontend.MapRegion) int { return compareSwedish(a.Name, b.Name) })
	for i := range steps {
		from, to := lo+i*width, min(hi, lo+(i+1)*width-1)
		if from > hi {
			break
		}
		text := strconv.Itoa(from)
		if to > from {
			text = fmt.Sprintf("%d–%d", from, to)
		}
		v.Legend = append(v.Legend, legendItem{Shade: shade(i), Text: m.T(lang, "coverage.map.legend_item", text)})
	}
	for _, r := range regions {
		n := gaps[r.Code]
		q := f.query(lang)
		q.Set("municipality", r.Code)
		v.Regions = append(v.Regions, mapRegionView{Code: r.Code, Name: r.Name, D: r.D, Gaps: n,
			URL: withQuery("/tackning", q) + "#vald-kommun", Title: m.N(lang, "coverage.map.title", n, r.Name),
			Shade: shade((n - lo) / width), Chosen: r.Code == f.Municipality,
			LabelX: r.LabelX, NameY: r.LabelY - 3, CountY: r.LabelY + 13})
	}
	return v, nil
}

// learningCentres lists the county's learning centres by municipality,
// each with the number of distance courses one can take there in the
// window.
func (s *Server) learningCentres(cd *coverage.Data, p coverage.Params, f coverageFilter, lang string) ([]centreGroup, error) {
	centres, err := occupation.LearningCentres()
	if err != nil {
		return nil, err
	}
	var out []centreGroup
	for _, code := range countyByName() {
		name, _ := data.MunicipalityName(code)
		q := f.query(lang)
		q.Set("municipality", code)
		g := centreGroup{Code: code, Name: name, ChooseURL: withQuery("/tackning", q) + "#vald-kommun"}
		for _, c := range centres {
			if c.Municipality != code {
				continue
			}
			list, err := s.distanceOfferings(cd, c, p)
			if err != nil {
				return nil, err
			}
			cv := centreView{Name: c.Name, Place: c.Place, Distance: len(list)}
			for _, sv := range c.Services {
				cv.Services = append(cv.Services, occupation.ServiceLabels[sv].In(lang))
			}
			g.Centres = append(g.Centres, cv)
		}
		out = append(out, g)
	}
	return out, nil
}

// chosenMunicipality is the distance courses a resident of code can take
// at the municipality's learning centres (or from its main locality when it
// has none), soonest first.
func (s *Server) chosenMunicipality(cd *coverage.Data, code string, p coverage.Params, lang string) (*chosenView, error) {
	centres, err := occupation.LearningCentres()
	if err != nil {
		return nil, err
	}
	var mine []catalog.LearningCentre
	for _, c := range centres {
		if c.Municipality == code {
			mine = append(mine, c)
		}
	}
	if len(mine) == 0 {
		places, err := coverage.DefaultPlaces()
		if err != nil {
			return nil, err
		}
		pt := places[code]
		mine = append(mine, catalog.LearningCentre{Municipality: code, Lat: pt.Lat, Lon: pt.Lon})
	}
	// By number and start, not as copies: at national size the centres
	// reach tens of thousands, of which the page shows the first.
	type pick struct {
		i   int
		key startKey
	}
	var all []pick
	seen := map[int]bool{}
	var buf catalog.Offering
	for _, c := range mine {
		list, err := s.distanceOfferings(cd, c, p)
		if err != nil {
			return nil, err
		}
		for _, i := range list {
			if !seen[i] {
				seen[i] = true
				all = append(all, pick{i, startKeyOf(cd.At(i, &buf))})
			}
		}
	}
	slices.SortStableFunc(all, func(a, b pick) int { return a.key.compare(b.key) })
	name, _ := data.MunicipalityName(code)
	v := &chosenView{Code: code, Name: name, Count: len(all),
		SearchURL: withQuery("/", langValues(url.Values{"municipality": {code}, "include_distance": {"true"}}, lang))}
	today := s.today()
	for k, pk := range all[:min(len(all), distanceShown)] {
		v.Items = append(v.Items, toResultItem(cd.At(pk.i, &buf), fmt.Sprintf("d%d", k+1), lang, today))
	}
	return v, nil
}

// distanceOfferings is coverage.DistanceOfferings of the data, kept with
// the data: the coverage page asks for every learning centre's.
func (s *Server) distanceOfferings(cd *coverage.Data, c catalog.LearningCentre, p coverage.Params) ([]int, error) {
	kind := fmt.Sprintf("distance %s %v %v", c.Municipality, c.Lat, c.Lon)
	return derive(s, cd, kind, "", p, func() ([]int, error) {
		list, err := coverage.DistanceOfferings(c, cd, p)
		return slices.Clip(list), err
	})
}
