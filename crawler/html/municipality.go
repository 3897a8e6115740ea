package html

import (
	"fmt"
	"regexp"
	"strings"

	"kurskatalog/crawler/clean"
	"kurskatalog/data"
)

// towns maps the county's towns and villages to their municipality, so a
// page that says only where a course is held ("Hammarstrand", "Funäsdalen")
// still lands in the right municipality. Municipality seats that share the
// municipality's name are found by name already.
var towns = map[string]string{
	"hammarstrand": "2303", "bispgården": "2303", "stugun": "2303",
	"kälarne": "2305", "gällö": "2305", "pilgrimstad": "2305", "revsund": "2305",
	"ås": "2309", "nälden": "2309", "föllinge": "2309", "dvärsätt": "2309", "trångsviken": "2309",
	"aspås": "2309", "rödön": "2309", "offerdal": "2309", "ytterån": "2309", "valsjöbyn": "2309",
	"hammerdal": "2313", "hoting": "2313", "gäddede": "2313", "backe": "2313", "rossön": "2313",
	"järpen": "2321", "undersåker": "2321", "duved": "2321", "mörsil": "2321", "hallen": "2321",
	"storlien": "2321", "kall": "2321", "ånn": "2321", "huså": "2321", "edsåsdalen": "2321",
	"vålådalen": "2321", "storulvån": "2321",
	"svenstavik": "2326", "myrviken": "2326", "hackås": "2326", "åsarna": "2326", "ljungdalen": "2326",
	"klövsjö": "2326", "rätan": "2326", "oviken": "2326",
	"sveg": "2361", "funäsdalen": "2361", "vemdalen": "2361", "lillhärdal": "2361", "hede": "2361",
	"ytterhogdal": "2361", "tännäs": "2361", "bruksvallarna": "2361", "ljusnedal": "2361",
	"lofsdalen": "2361", "linsell": "2361", "älvros": "2361",
	"brunflo": "2380", "lit": "2380", "tandsbyn": "2380", "orrviken": "2380", "fåker": "2380",
	"frösön": "2380", "torvalla": "2380", "häggenås": "2380",
}

// placeCode returns the municipality code of a municipality or county town
// name: "Östersund", "Östersunds kommun", "Ragunda kommun", "Sveg".
func placeCode(name string) (string, bool) {
	if code, ok := data.MunicipalityCode(name); ok {
		return code, true
	}
	code, ok := towns[strings.TrimSuffix(fold(name), " kommun")]
	return code, ok
}

// listSeparators split "Sveg, Funäsdalen", "Östersund/Distans" and "Hede
// och Vemdalen".
var listSeparators = regexp.MustCompile(`\s*(?:[,/;&]|\s+och\s+|\s+samt\s+)\s*`)

// splitList splits an enumeration into its trimmed, non-empty parts.
func splitList(s string) []string {
	var out []string
	for _, p := range listSeparators.Split(strings.TrimSpace(s), -1) {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// municipalityCodes reads a municipality field: SCB codes or names,
// possibly several. Unknown names are an error, so that a typo is seen.
func municipalityCodes(s string) ([]string, error) {
	var out []string
	for _, p := range splitList(s) {
		code, ok := clean.Municipality(p)
		if !ok {
			if code, ok = placeCode(p); !ok {
				return nil, fmt.Errorf("unknown municipality %q", p)
			}
		}
		out = appendNew(out, code)
	}
	return out, nil
}

// placeWords introduce a place in a mode or town text: "På plats i
// Hammarstrand", "Ort: Sveg".
var placeWords = regexp.MustCompile(`(?i)^(?:på plats i|på plats|plats:|ort:|studieort:|i)\s+`)

// mentionsPlace reports whether t names nothing but known places, which in
// a mode column means the course is held there.
func mentionsPlace(t string) bool {
	parts := splitList(placeWords.ReplaceAllString(t, ""))
	for _, p := range parts {
		if _, ok := placeCode(p); !ok {
			return false
		}
	}
	return len(parts) > 0
}

// notTowns are what a "where" column says about courses held nowhere.
var notTowns = map[string]bool{
	"distans": true, "på distans": true, "online": true, "webb": true, "webben": true,
	"internet": true, "digitalt": true, "nätbaserad": true, "flex": true, "-": true,
}

// townList reads a town field into place names, leaving out words such as
// "Distans" that listings put in the same column.
func townList(s string) []string {
	var out []string
	for _, p := range splitList(placeWords.ReplaceAllString(strings.TrimSpace(s), "")) {
		if !notTowns[fold(p)] {
			out = appendNew(out, p)
		}
	}
	return out
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
