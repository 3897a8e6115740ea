// Package coverage answers "which occupations can a resident of each
// municipality train for, and how": for every municipality and occupation it
// counts the starts a resident can reach in a time window (on site at home,
// on site within a travel distance, blended with few sessions, online), with
// the county's shortage signal, and lists the shortage occupations without a
// reachable start. Everything is a pure function of offerings, their
// occupation matches, demand rows and parameters.
package coverage

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// Point is a WGS84 position.
type Point struct{ Lat, Lon float64 }

// Places locates municipalities by SCB code.
type Places map[string]Point

//go:embed places.csv
var placesCSV string

var defaultPlaces = sync.OnceValues(func() (Places, error) { return ReadPlaces(placesCSV) })

// DefaultPlaces returns the embedded places: the county's eight municipalities
// at their main locality (Hammarstrand, Bräcke, Krokom, Strömsund, Järpen,
// Svenstavik, Sveg, Östersund) and the country's other municipalities at
// their centroid.
func DefaultPlaces() (Places, error) { return defaultPlaces() }

// ReadPlaces reads places.csv's format: ';'-separated, '#' comments, columns
// code;municipality;place;lat;lon;kind.
func ReadPlaces(text string) (Places, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.Comment = ';', '#'
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("coverage: places: %w", err)
	}
	p := Places{}
	for i, rec := range recs {
		if i == 0 || len(rec) < 5 {
			continue // header
		}
		lat, err1 := strconv.ParseFloat(rec[3], 64)
		lon, err2 := strconv.ParseFloat(rec[4], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("coverage: places: line %d: bad coordinates", i+1)
		}
		p[rec[0]] = Point{lat, lon}
	}
	return p, nil
}

// DistanceKm is the great-circle distance between a and b.
func DistanceKm(a, b Point) float64 {
	const earthRadiusKm = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (b.Lat-a.Lat)*rad, (b.Lon-a.Lon)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}
