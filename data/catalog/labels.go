package catalog

// Label is a value's name in Swedish and English.
type Label struct{ SV, EN string }

// In returns the label in lang ("en" or Swedish for anything else).
func (l Label) In(lang string) string {
	if lang == "en" && l.EN != "" {
		return l.EN
	}
	return l.SV
}

// ModeLabels name the modes.
var ModeLabels = map[Mode]Label{
	ModeOnsite:  {"På plats", "On site"},
	ModeBlended: {"Distans med träffar", "Distance with meetings"},
	ModeOnline:  {"Distans", "Online"},
}

// SchoolTypeLabels name EMIL3's school types (C_SchoolType).
var SchoolTypeLabels = map[string]Label{
	"AUB":     {"Arbetsmarknadsutbildning", "Labour market training"},
	"FHS":     {"Folkhögskola", "Folk high school"},
	"HS":      {"Universitet och högskola", "University"},
	"KKU":     {"Konst- och kulturutbildning", "Arts and culture education"},
	"STF":     {"Studieförbund", "Study association"},
	"VUX":     {"Komvux", "Municipal adult education"},
	"VUXGR":   {"Komvux grundläggande nivå", "Adult education, compulsory level"},
	"VUXGRAN": {"Komvux anpassad, grundläggande", "Adapted adult education, compulsory level"},
	"VUXGY":   {"Komvux gymnasial nivå", "Adult education, upper secondary level"},
	"VUXGYAN": {"Komvux anpassad, gymnasial", "Adapted adult education, upper secondary level"},
	"VUXSFI":  {"Svenska för invandrare (sfi)", "Swedish for immigrants (SFI)"},
	"YH":      {"Yrkeshögskola", "Higher vocational education"},
	"NY":      {"Nationell yrkesutbildning", "National vocational training"},
	"AU":      {"Annan undervisning", "Other education"},
}
