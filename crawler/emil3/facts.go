package emil3

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"kurskatalog/crawler/clean"
	"kurskatalog/data/catalog"
)

// freeWords are how fee conditions say that there is no fee.
var freeWords = regexp.MustCompile(`(?i)\b(?:` + clean.FreeWords + `)`)

// fees normalises an event's fees. A fee of 0, or one whose condition says
// it is free, is free; a fee with neither amount nor condition says nothing
// and is dropped.
func fees(in []Fee) []catalog.Fee {
	var out []catalog.Fee
	for _, f := range in {
		c := catalog.Fee{Currency: strings.ToUpper(strings.TrimSpace(f.Currency)), Condition: text(f.Condition)}
		amount := f.TotalAmount != nil && f.TotalAmount.Valid && f.TotalAmount.Value >= 0 && !math.IsInf(f.TotalAmount.Value, 0)
		switch {
		case amount && f.TotalAmount.Value == 0, !amount && freeWords.MatchString(c.Condition):
			c.Free = true
			c.Currency = ""
		case amount:
			c.Amount = f.TotalAmount.Value
			if c.Currency == "" {
				c.Currency = "SEK"
			}
			if n := f.FirstInstallment; n != nil && n.Valid && n.Value > 0 && n.Value < c.Amount {
				c.FirstInstallment = n.Value
			}
		case c.Condition == "":
			continue
		}
		if c.Free && freeWords.MatchString(c.Condition) && len(c.Condition) < 20 {
			c.Condition = "" // "Avgiftsfri" says no more than Free
		}
		out = append(out, c)
	}
	return out
}

// locations are the event's addresses that say more than a town, which
// Offering.Towns already has.
func locations(in []Address) []catalog.Location {
	var out []catalog.Location
	for _, a := range in {
		if l, ok := location(a); ok && (l.Street != "" || l.Name != "" || l.HasCoordinates()) {
			out = append(out, l)
		}
	}
	return out
}

// location normalises one address; ok is false when it has nothing.
func location(a Address) (catalog.Location, bool) {
	l := catalog.Location{
		Name:       text(a.StudyLocation),
		Street:     strings.TrimSpace(a.StreetAddress),
		PostalCode: postalCode(a.PostalCode),
		Town:       strings.TrimSpace(a.Town),
	}
	if code, ok := clean.Municipality(a.AreaCode); ok {
		l.Municipality = code
	}
	l.Lat, l.Lon, _ = wgs84(a.WGS84)
	return l, l.Name != "" || l.Street != "" || l.PostalCode != "" || l.Town != "" || l.HasCoordinates()
}

// postalCode writes a Swedish postcode as "831 30"; anything else is kept.
func postalCode(s string) string {
	s = strings.TrimSpace(s)
	digits := strings.ReplaceAll(s, " ", "")
	if len(digits) == 5 && strings.Trim(digits, "0123456789") == "" {
		return digits[:3] + " " + digits[3:]
	}
	return s
}

var number = regexp.MustCompile(`-?\d+(?:[.,]\d+)?`)

// wgs84 reads a coordinate pair: "63.1766,14.6361", "63.1766 14.6361", or
// WKT "POINT (14.6361 63.1766)", which puts longitude first. A pair out of
// range is no pair.
func wgs84(s string) (lat, lon float64, ok bool) {
	nums := number.FindAllString(s, 3)
	if len(nums) != 2 {
		return 0, 0, false
	}
	var v [2]float64
	for i, n := range nums {
		f, err := strconv.ParseFloat(strings.Replace(n, ",", ".", 1), 64)
		if err != nil {
			return 0, 0, false
		}
		v[i] = f
	}
	lat, lon = v[0], v[1]
	if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s)), "POINT") {
		lat, lon = lon, lat
	}
	if lat < -90 || lat > 90 || lon < -180 || lon > 180 || lat == 0 && lon == 0 {
		return 0, 0, false
	}
	return lat, lon, true
}

// text is a LangString's Swedish text without markup.
func text(s *LangString) string {
	node, ok := s.Node("swe")
	if !ok {
		return ""
	}
	v := node.Value
	if strings.EqualFold(node.Content, "HTML") {
		v = catalog.PlainText(clean.HTML(v))
	}
	return strings.Join(strings.Fields(v), " ")
}
