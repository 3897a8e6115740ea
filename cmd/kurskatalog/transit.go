package main

import (
	"os"

	"kurskatalog/crawler/fetch"
	"kurskatalog/crawler/gtfs"
	"kurskatalog/data/coverage"
)

// trafiklabKeyEnv holds the Trafiklab API key when the config does not:
// a key is a secret, better kept out of a file that is copied around.
const trafiklabKeyEnv = "KURSKATALOG_TRAFIKLAB_KEY"

// newTransitSource builds a GTFS source whose travel times start from the
// localities of the coverage report (coverage.DefaultPlaces: the county's
// municipality seats; the other municipalities' centroids reach no stop).
func (a *app) newTransitSource(sc SourceConfig, client *fetch.Client) (*gtfs.Source, error) {
	places, err := coverage.DefaultPlaces()
	if err != nil {
		return nil, err
	}
	var origins []gtfs.Origin
	for code, p := range places {
		origins = append(origins, gtfs.Origin{ID: code, Lat: p.Lat, Lon: p.Lon})
	}
	key := sc.Key
	if key == "" {
		key = os.Getenv(trafiklabKeyEnv)
	}
	now, _ := a.cfg.clock()
	return gtfs.New(gtfs.Config{ID: sc.ID, URL: sc.URL, Key: key, Origins: origins, Now: now, Log: a.log}, client), nil
}
