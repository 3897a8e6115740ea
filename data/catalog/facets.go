package catalog

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Facet names, as they appear in the API (as facets and as parameters).
const (
	FacetMunicipality    = "municipality"
	FacetMode            = "mode"
	FacetSchoolType      = "school_type"
	FacetPace            = "pace"
	FacetStartPeriod     = "start_period"
	FacetTimeOfStudy     = "time_of_study"
	FacetLanguage        = "language"
	FacetLevel           = "level"
	FacetCreditSystem    = "credit_system"
	FacetStudentAid      = "student_aid"
	FacetApplicationOpen = "application_open"
	FacetOccupation      = "occupation"
	FacetValidation      = "validation"
)

// Facet defines one facet: which values an offering has, how they are named
// and ordered, and which parameter values select them. It is the one
// definition the index, the API and any other facet engine share.
type Facet struct {
	Name string
	// Values returns the offering's values. Only a Dated facet depends on
	// today; the others can be computed once, when the offering is indexed.
	Values func(o *Offering, today time.Time) []string
	Dated  bool
	// Labels names the values; a value without a label is its own name.
	Labels map[string]Label
	// Order lists the values in display order; nil orders them by count.
	Order []string
	// Parse reads a parameter value into the facet's value, or reports
	// false; Accepts says what it accepts, for error messages.
	Parse   func(string) (string, bool)
	Accepts string
}

// Label names value in lang.
func (f *Facet) Label(value, lang string) string {
	if l, ok := f.Labels[value]; ok {
		return l.In(lang)
	}
	if f.Name == FacetPace {
		return value + " %"
	}
	return value
}

// Start periods, relative to today: the values of FacetStartPeriod.
const (
	StartStarted = "started"         // already started (or over)
	StartWithin3 = "within_3_months" // starts in less than 3 months
	Start3To6    = "3_to_6_months"   // in 3 to 6 months
	StartLater   = "later"           // in 6 months or more
	StartRolling = "rolling"         // rolling start: begin when you like
)

// Values of FacetStudentAid and FacetApplicationOpen.
const (
	StudentAidYes     = "eligible"     // qualifies for CSN student aid
	StudentAidNo      = "not_eligible" // does not
	ApplicationIsOpen = "true"         // open for application today
	ValidationOffered = "true"         // validation of prior learning (Offering.Validation)
)

// StartPeriod returns the offering's start period on day today, or "" when
// its start is unknown.
func StartPeriod(o *Offering, today time.Time) string {
	switch {
	case o.RollingStart:
		return StartRolling
	case o.Start.IsZero():
		return ""
	case o.Start.Before(today):
		return StartStarted
	case o.Start.Before(today.AddDate(0, 3, 0)):
		return StartWithin3
	case o.Start.Before(today.AddDate(0, 6, 0)):
		return Start3To6
	}
	return StartLater
}

// OpenForApplication reports whether one can apply to o on day: its last
// application day is known and not before day, and its first is not after.
func OpenForApplication(o *Offering, day time.Time) bool {
	return !o.ApplicationLast.IsZero() && !o.ApplicationLast.Before(day) &&
		(o.ApplicationFirst.IsZero() || !o.ApplicationFirst.After(day))
}

// IsCurrent reports whether a learner can still start o on day today, which
// is what a search shows unless history is asked for: a fixed start that
// has not passed, a rolling start that has not ended, and in both cases an
// application period that has not closed. An offering without dates is
// current: nothing says it is not.
func IsCurrent(o *Offering, today time.Time) bool {
	switch {
	case !o.ApplicationLast.IsZero() && o.ApplicationLast.Before(today):
		return false
	case o.RollingStart || o.Start.IsZero():
		return o.End.IsZero() || !o.End.Before(today)
	}
	return !o.Start.Before(today)
}

// TimeOfStudyValue maps EMIL3's time-of-study codes (dag, kväll, veckoslut,
// blandat) onto the facet's values: day, evening, weekend, mixed, and other
// for any other code. An unknown time of study has no value.
func TimeOfStudyValue(code string) string {
	switch strings.ToLower(strings.TrimSpace(code)) {
	case "":
		return ""
	case "dag", "dagtid":
		return "day"
	case "kväll", "kvällstid":
		return "evening"
	case "veckoslut", "helg", "helger":
		return "weekend"
	case "blandat", "blandad":
		return "mixed"
	}
	return "other"
}

// LevelValue maps an education level code (ISCED_n, the universities' G1N,
// A1N..., MYH's SeQF_n) onto the level facet's values.
func LevelValue(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	switch {
	case strings.HasPrefix(code, "ISCED_"):
		n, _ := strconv.Atoi(strings.TrimPrefix(code, "ISCED_"))
		return levelByISCED[n]
	case strings.HasPrefix(code, "SEQF_"):
		n, _ := strconv.Atoi(strings.TrimPrefix(code, "SEQF_"))
		return levelBySeQF[n]
	case len(code) == 3 && code[0] == 'G':
		return "bachelor"
	case len(code) == 3 && code[0] == 'A':
		return "master"
	}
	return ""
}

var (
	levelByISCED = map[int]string{1: "compulsory", 2: "compulsory", 3: "upper_secondary", 4: "post_secondary",
		5: "short_tertiary", 6: "bachelor", 7: "master", 8: "doctoral"}
	levelBySeQF = map[int]string{1: "compulsory", 2: "compulsory", 3: "upper_secondary", 4: "upper_secondary",
		5: "short_tertiary", 6: "bachelor", 7: "master", 8: "doctoral"}
)

// Facets defines the facets, in display order.
var Facets = []Facet{
	{Name: FacetMunicipality, Accepts: "a municipality code or name (e.g. 2380 or Östersund)",
		Values: func(o *Offering, _ time.Time) []string { return o.Municipalities },
		Parse:  func(s string) (string, bool) { _, err := strconv.Atoi(s); return s, len(s) == 4 && err == nil }},
	{Name: FacetMode, Accepts: "one of onsite, online, blended", Labels: labelsOf(ModeLabels),
		Values: func(o *Offering, _ time.Time) []string { return nonEmpty(string(o.Mode)) },
		Parse:  func(s string) (string, bool) { return s, Mode(s).Valid() }},
	{Name: FacetSchoolType, Accepts: "a known school type (e.g. HS, YH, FHS, VUXGY, VUXSFI, AUB)", Labels: SchoolTypeLabels,
		Values: func(o *Offering, _ time.Time) []string { return nonEmpty(o.SchoolType) },
		Parse: func(s string) (string, bool) {
			s = strings.ToUpper(s)
			_, ok := SchoolTypeLabels[s]
			return s, ok
		}},
	{Name: FacetPace, Accepts: "a percentage between 1 and 100",
		Values: func(o *Offering, _ time.Time) []string {
			if o.Pace <= 0 {
				return nil
			}
			return []string{strconv.Itoa(o.Pace)}
		},
		Parse: func(s string) (string, bool) {
			n, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
			return strconv.Itoa(n), err == nil && n >= 1 && n <= 100
		}},
	{Name: FacetStartPeriod, Dated: true, Order: []string{StartWithin3, Start3To6, StartLater, StartRolling, StartStarted},
		Labels: map[string]Label{
			StartWithin3: {"Startar inom 3 månader", "Starts within 3 months"},
			Start3To6:    {"Startar om 3–6 månader", "Starts in 3–6 months"},
			StartLater:   {"Startar om mer än 6 månader", "Starts in more than 6 months"},
			StartRolling: {"Löpande start", "Rolling start"},
			StartStarted: {"Har redan startat", "Already started"},
		},
		Values: func(o *Offering, today time.Time) []string { return nonEmpty(StartPeriod(o, today)) }},
	{Name: FacetTimeOfStudy, Order: []string{"day", "evening", "weekend", "mixed", "other"},
		Labels: map[string]Label{
			"day":     {"Dagtid", "Daytime"},
			"evening": {"Kvällstid", "Evenings"},
			"weekend": {"Helger", "Weekends"},
			"mixed":   {"Blandat", "Mixed"},
			"other":   {"Annan studietid", "Other times"},
		},
		Values: func(o *Offering, _ time.Time) []string { return nonEmpty(TimeOfStudyValue(o.TimeOfStudy)) }},
	{Name: FacetLanguage, Accepts: "a language code (ISO 639-2, e.g. swe, eng)", Labels: map[string]Label{
		"swe": {"Svenska", "Swedish"}, "eng": {"Engelska", "English"}, "fin": {"Finska", "Finnish"},
		"sma": {"Sydsamiska", "Southern Sami"}, "sme": {"Nordsamiska", "Northern Sami"}, "nor": {"Norska", "Norwegian"},
		"ara": {"Arabiska", "Arabic"}, "som": {"Somaliska", "Somali"}, "tir": {"Tigrinja", "Tigrinya"},
		"deu": {"Tyska", "German"}, "fra": {"Franska", "French"}, "spa": {"Spanska", "Spanish"},
	},
		Values: func(o *Offering, _ time.Time) []string {
			var out []string
			for _, l := range o.Languages {
				if l = strings.ToLower(strings.TrimSpace(l)); l != "" && !slices.Contains(out, l) {
					out = append(out, l)
				}
			}
			return out
		},
		Parse: func(s string) (string, bool) {
			s = strings.ToLower(s)
			return s, len(s) == 3 && strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") == ""
		}},
	{Name: FacetLevel, Order: []string{"compulsory", "upper_secondary", "post_secondary", "short_tertiary", "bachelor", "master", "doctoral"},
		Labels: map[string]Label{
			"compulsory":      {"Grundläggande nivå", "Compulsory school level"},
			"upper_secondary": {"Gymnasial nivå", "Upper secondary level"},
			"post_secondary":  {"Eftergymnasial nivå", "Post-secondary level"},
			"short_tertiary":  {"Kort högre utbildning", "Short-cycle tertiary"},
			"bachelor":        {"Grundnivå (högskola)", "Bachelor's level"},
			"master":          {"Avancerad nivå (högskola)", "Master's level"},
			"doctoral":        {"Forskarnivå", "Doctoral level"},
		},
		Values: func(o *Offering, _ time.Time) []string {
			var out []string
			for _, c := range o.Levels {
				if v := LevelValue(c); v != "" && !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
			return out
		}},
	{Name: FacetCreditSystem, Accepts: "a credit system (hp, yh, gy, vp, fup, nyp)", Labels: map[string]Label{
		"hp": {"Högskolepoäng", "Higher education credits"},
		"yh": {"Yrkeshögskolepoäng", "Higher vocational education credits"},
		"gy": {"Gymnasiepoäng", "Upper secondary credits"},
		"vp": {"Verksamhetspoäng", "Adult education credits"},
	},
		Values: func(o *Offering, _ time.Time) []string { return nonEmpty(strings.ToLower(o.CreditSystem)) },
		Parse: func(s string) (string, bool) {
			s = strings.ToLower(s)
			return s, slices.Contains([]string{"hp", "yh", "gy", "vp", "fup", "nyp"}, s)
		}},
	{Name: FacetStudentAid, Order: []string{StudentAidYes, StudentAidNo},
		Labels: map[string]Label{
			StudentAidYes: {"Ger rätt till studiemedel", "Eligible for student aid"},
			StudentAidNo:  {"Ger inte rätt till studiemedel", "Not eligible for student aid"},
		},
		Values: func(o *Offering, _ time.Time) []string {
			switch {
			case !o.StudentAidStated():
				return nil
			case o.StudentAidEligible():
				return []string{StudentAidYes}
			}
			return []string{StudentAidNo}
		},
		Parse: func(s string) (string, bool) {
			switch strings.ToLower(s) {
			case StudentAidYes, "true", "ja", "yes":
				return StudentAidYes, true
			case StudentAidNo, "false", "nej", "no":
				return StudentAidNo, true
			}
			return s, false
		}},
	{Name: FacetValidation, Order: []string{ValidationOffered},
		Labels: map[string]Label{ValidationOffered: {"Validering av tidigare kunskaper", "Validation of prior learning"}},
		Values: func(o *Offering, _ time.Time) []string {
			if o.Validation {
				return []string{ValidationOffered}
			}
			return nil
		}},
	// Occupations are named from the SSYK taxonomy (data/occupation) by
	// whoever shows them; the catalogue only knows the codes.
	{Name: FacetOccupation, Accepts: "an SSYK 2012 occupation group (4 digits, e.g. 5321)",
		Values: func(o *Offering, _ time.Time) []string {
			var out []string
			for _, m := range o.Occupations {
				if !slices.Contains(out, m.SSYK) {
					out = append(out, m.SSYK)
				}
			}
			return out
		},
		Parse: func(s string) (string, bool) { _, err := strconv.Atoi(s); return s, len(s) == 4 && err == nil }},
	{Name: FacetApplicationOpen, Dated: true, Order: []string{ApplicationIsOpen},
		Labels: map[string]Label{ApplicationIsOpen: {"Öppen för ansökan", "Open for application"}},
		Values: func(o *Offering, today time.Time) []string {
			if OpenForApplication(o, today) {
				return []string{ApplicationIsOpen}
			}
			return nil
		}},
}

// FacetNamed returns the facet called name.
func FacetNamed(name string) (*Facet, bool) {
	for i := range Facets {
		if Facets[i].Name == name {
			return &Facets[i], true
		}
	}
	return nil, false
}

func init() {
	// A facet without its own Parse accepts the values it has labels for.
	for i := range Facets {
		f := &Facets[i]
		if f.Parse != nil {
			continue
		}
		values := f.Order
		f.Accepts = "one of " + strings.Join(values, ", ")
		f.Parse = func(s string) (string, bool) {
			s = strings.ToLower(s)
			return s, slices.Contains(values, s)
		}
	}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func labelsOf[K ~string](m map[K]Label) map[string]Label {
	out := make(map[string]Label, len(m))
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}
