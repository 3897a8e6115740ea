package occupation

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"kurskatalog/data/catalog"
)

// ServiceLabels name the services a learning centre offers.
var ServiceLabels = map[string]catalog.Label{
	"tentamensskrivning": {SV: "Tentamensskrivning", EN: "Exam proctoring"},
	"studierum":          {SV: "Studierum", EN: "Study rooms"},
	"videolänk":          {SV: "Videolänk", EN: "Video link rooms"},
	"vägledning":         {SV: "Studie- och yrkesvägledning", EN: "Study and career guidance"},
	"datorer":            {SV: "Datorer att låna", EN: "Computers to borrow"},
}

var defaultCentres = sync.OnceValues(func() ([]catalog.LearningCentre, error) {
	f, err := files.Open("learning_centres.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLearningCentres(f)
})

// LearningCentres returns the embedded learning centres of the county, by
// municipality. The data is written, not collected: see the file's header.
func LearningCentres() ([]catalog.LearningCentre, error) { return defaultCentres() }

// ReadLearningCentres reads learning_centres.csv's columns.
func ReadLearningCentres(r io.Reader) ([]catalog.LearningCentre, error) {
	var out []catalog.LearningCentre
	err := readTable(r, "learning_centres", []string{"name", "municipality", "place", "lat", "lon", "services"},
		func(line int, row map[string]string) error {
			lat, err1 := strconv.ParseFloat(row["lat"], 64)
			lon, err2 := strconv.ParseFloat(row["lon"], 64)
			if err1 != nil || err2 != nil || lat < 55 || lat > 70 || lon < 10 || lon > 25 {
				return fmt.Errorf("line %d: %q, %q is not a place in Sweden", line, row["lat"], row["lon"])
			}
			c := catalog.LearningCentre{Name: row["name"], Municipality: row["municipality"], Place: row["place"],
				Lat: lat, Lon: lon, Services: strings.Fields(row["services"])}
			if c.Name == "" || len(c.Municipality) != 4 {
				return fmt.Errorf("line %d: a centre needs a name and a municipality code", line)
			}
			for _, s := range c.Services {
				if _, ok := ServiceLabels[s]; !ok {
					return fmt.Errorf("line %d: unknown service %q", line, s)
				}
			}
			out = append(out, c)
			return nil
		})
	return out, err
}
