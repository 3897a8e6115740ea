package plannededu

import "strings"

// schoolTypes maps typeOfSchool to EMIL3 C_SchoolType codes. List records
// carry the display value of the adultTypeOfSchooling code list ("Gymnasial
// vuxenutbildning"), while filters and older data use its ids ("vuxgy") and
// old codes ("komvuxgycourses"), so all three spellings are keys.
var schoolTypes = map[string]string{
	"grundläggande vuxenutbildning": "VUXGR",
	"vuxgr":                         "VUXGR",
	"komvuxbasiccourses":            "VUXGR",
	"gymnasial vuxenutbildning":     "VUXGY",
	"vuxgy":                         "VUXGY",
	"komvuxgycourses":               "VUXGY",
	"svenska för invandrare":        "VUXSFI",
	"vuxsfi":                        "VUXSFI",
	"komvuxsfi/sfi":                 "VUXSFI",
	"komvuxsfi":                     "VUXSFI",
	"sfi":                           "VUXSFI",
	"kommunal vuxenutbildning som anpassad utbildning på grundläggande nivå": "VUXGRAN",
	"vuxgran":     "VUXGRAN",
	"komvuxgrsar": "VUXGRAN",
	"kommunal vuxenutbildning som anpassad utbildning på gymnasial nivå": "VUXGYAN",
	"vuxgyan":     "VUXGYAN",
	"komvuxgysar": "VUXGYAN",
	// A komvux package spans levels; EMIL3 has a code for komvux as a whole.
	"komvuxcoursepackage":     "VUX",
	coursePackage:             "VUX",
	"yrkeshögskoleutbildning": "YH",
	"yrkeshögskoleutbildning (kurs eller kurspaket)": "YH",
	"yrkeshögskoleutbildning (program)":              "YH",
	"yrkeshögskola (allt inom yh)":                   "YH",
	"yh":                                             "YH",
	"yhkurskurspaket":                                "YH",
	"yhprogram":                                      "YH",
	"högskoleutbildning":                             "HS",
	"coursebasic":                                    "HS",
	"courseadvanced":                                 "HS",
	"programbasic":                                   "HS",
	"programadvanced":                                "HS",
	"forutbildning":                                  "HS",
	"folkhögskola":                                   "FHS",
	"fhs":                                            "FHS",
	"fhsk":                                           "FHS",
	// Labour-market training at a folk high school is bought by
	// Arbetsförmedlingen, so it is AUB for the learner.
	"folkhögskola (arbetsmarknadsutbildning)": "AUB",
	"fhsaub":                   "AUB",
	"fhskaub":                  "AUB",
	"arbetsmarknadsutbildning": "AUB",
	"aub":                      "AUB",
	"arbmarknutb":              "AUB",
	"övriga eftergymnasiala konst- och kulturutbildningar": "KKU",
	"kku":                       "KKU",
	"konstkultur":               "KKU",
	"nationell yrkesutbildning": "NY",
	"ny":                        "NY",
	"annan undervisning":        "AU",
	"au":                        "AU",
}

// coursePackage is the display value of komvuxcoursepackage, folded.
const coursePackage = "yrkespaket eller grundläggande vuxenutbildning eller gymnasial vuxenutbildning eller sfi " +
	"eller kommunal vuxenutbildning som anpassad utbildning på grundläggande nivå " +
	"eller kommunal vuxenutbildning som anpassad utbildning på gymnasial nivå"

// schoolType returns the EMIL3 code for a typeOfSchool value.
func schoolType(s string) (string, bool) {
	s = strings.TrimSuffix(strings.Join(strings.Fields(s), " "), ".")
	code, ok := schoolTypes[strings.ToLower(s)]
	return code, ok
}
