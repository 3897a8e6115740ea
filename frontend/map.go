package frontend

//go:generate go run ./internal/mapgen -in internal/mapgen/jamtland_municipalities_okfse.geojson -out static/jamtland.svg

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"sync"
)

// CountyMap is the county's municipalities as SVG paths. It is read from
// static/jamtland.svg, which internal/mapgen draws from their boundaries,
// so that a page can inline the map and colour and label each region.
type CountyMap struct {
	ViewBox       string
	Width, Height float64
	Regions       []MapRegion // by SCB code
}

// MapRegion is one municipality on the map.
type MapRegion struct {
	Code, Name string
	D          string // SVG path data
	// LabelX and LabelY are a point inside the region for its label.
	LabelX, LabelY float64
}

var countyMap = sync.OnceValues(func() (CountyMap, error) {
	b, err := staticFiles.ReadFile("static/jamtland.svg")
	if err != nil {
		return CountyMap{}, err
	}
	var doc struct {
		ViewBox string  `xml:"viewBox,attr"`
		Width   float64 `xml:"width,attr"`
		Height  float64 `xml:"height,attr"`
		Paths   []struct {
			ID     string `xml:"id,attr"`
			Name   string `xml:"data-name,attr"`
			D      string `xml:"d,attr"`
			LabelX string `xml:"data-label-x,attr"`
			LabelY string `xml:"data-label-y,attr"`
		} `xml:"g>path"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return CountyMap{}, fmt.Errorf("frontend: county map: %w", err)
	}
	m := CountyMap{ViewBox: doc.ViewBox, Width: doc.Width, Height: doc.Height}
	for _, p := range doc.Paths {
		x, err1 := strconv.ParseFloat(p.LabelX, 64)
		y, err2 := strconv.ParseFloat(p.LabelY, 64)
		if p.ID == "" || p.D == "" || err1 != nil || err2 != nil {
			return CountyMap{}, fmt.Errorf("frontend: county map: region %q lacks its code, outline or label point", p.ID)
		}
		m.Regions = append(m.Regions, MapRegion{Code: p.ID, Name: p.Name, D: p.D, LabelX: x, LabelY: y})
	}
	return m, nil
})

// LoadCountyMap returns the county map. It is read once and shared;
// callers must not modify it.
func LoadCountyMap() (CountyMap, error) { return countyMap() }
