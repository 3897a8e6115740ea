package catalog

import "strings"

// packageCredits is the fewest upper-secondary or komvux points (gy, vp)
// that mark an offering of unknown configuration as a package of courses:
// a single komvux course is 50-200 points, a vocational package 400 or
// more. Planned Educations, for one, does not say which it is.
const packageCredits = 400

// IsProgramme reports whether o is a whole education towards an
// occupation rather than a single course: a programme or course package
// (EMIL3's configuration program or kurspaket, or yrkespaket), anything of
// the yrkeshögskola (YH) or labour-market training (AUB), or, when the
// source does not say, a komvux offering worth a package's points.
func IsProgramme(o *Offering) bool {
	switch strings.ToLower(o.Configuration) {
	case "program", "kurspaket", "yrkespaket":
		return true
	case "kurs":
		return o.SchoolType == "YH" || o.SchoolType == "AUB"
	case "":
		switch o.SchoolType {
		case "YH", "AUB":
			return true
		}
		cs := strings.ToLower(o.CreditSystem)
		return (cs == "gy" || cs == "vp") && o.Credits >= packageCredits
	}
	return false
}
