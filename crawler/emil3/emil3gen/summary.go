package emil3gen

import (
	"cmp"
	"slices"
	"strings"

	"kurskatalog/crawler/emil3"
)

// Summary counts a Dataset, for the snapshot's README and for tests.
type Summary struct {
	Events, Active, Removed, Malformed int
	Infos, Providers                   int
	// BySchoolType counts active events per C_SchoolType of their info.
	BySchoolType []Count
	// ByArea counts active events per place: the county's municipalities,
	// then distance and on-site events elsewhere.
	ByArea []AreaCount
}

// Count is a number of events of one key.
type Count struct {
	Key string
	N   int
}

// AreaCount is the events of one municipality or group of places, with
// their school types.
type AreaCount struct {
	Code, Name string
	N          int
	Types      []Count
}

// NoInfo is the school type key of events whose info is missing.
const NoInfo = "(no info)"

// Area groups for events outside the county.
const (
	AreaDistance  = "distans"
	AreaElsewhere = "utanför"
)

// Summarise counts d.
func (d *Dataset) Summarise() Summary {
	s := Summary{Events: len(d.Events), Malformed: len(d.Malformed), Infos: len(d.Infos), Providers: len(d.Providers)}
	types := map[string]string{}
	for _, e := range d.Infos {
		if e.Content != nil && e.Content.Type != nil {
			types[e.ID] = string(e.Content.Type.Code)
		}
	}
	var areas []AreaCount
	for _, m := range county {
		areas = append(areas, AreaCount{Code: m.Code, Name: m.Name})
	}
	areas = append(areas, AreaCount{Code: AreaDistance, Name: "Distans, anordnare utanför länet"},
		AreaCount{Code: AreaElsewhere, Name: "På plats utanför länet"})
	var byType []Count
	for _, e := range d.Events {
		if e.Status != emil3.StatusActive || e.Content == nil {
			s.Removed++
			continue
		}
		s.Active++
		t := types[e.Content.Education]
		if t == "" {
			t = NoInfo
		}
		byType = addCount(byType, t)
		a := AreaElsewhere
		if len(e.Content.Locations) > 0 && inCounty(e.Content.Locations[0].AreaCode) {
			a = e.Content.Locations[0].AreaCode
		} else if e.Content.Distance != nil {
			a = AreaDistance
		}
		for i := range areas {
			if areas[i].Code == a {
				areas[i].N++
				areas[i].Types = addCount(areas[i].Types, t)
			}
		}
	}
	byCount := func(a, b Count) int { return cmp.Or(b.N-a.N, strings.Compare(a.Key, b.Key)) }
	slices.SortFunc(byType, byCount)
	for i := range areas {
		slices.SortFunc(areas[i].Types, byCount)
	}
	s.BySchoolType, s.ByArea = byType, areas
	return s
}

func addCount(cs []Count, key string) []Count {
	for i := range cs {
		if cs[i].Key == key {
			cs[i].N++
			return cs
		}
	}
	return append(cs, Count{Key: key, N: 1})
}
