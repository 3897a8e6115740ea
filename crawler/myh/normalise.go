package myh

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"kurskatalog/data"
	"kurskatalog/data/catalog"
)

// skipError is a row problem: the row is skipped, the run goes on.
type skipError string

func (e skipError) Error() string { return string(e) }

// errOutOfScope marks a valid row the catalogue does not carry: a refusal,
// or a campus programme outside the region.
var errOutOfScope = skipError("out of scope")

// severalMunicipalities is tabell3's Kommun for programmes listed in tabell4.
const severalMunicipalities = "flera kommuner"

// distanceNote says what MYH's Distans does and does not promise: the
// learner may do most of the programme elsewhere, but meetings vary.
const distanceNote = "Distans enligt MYH: merparten av utbildningen kan genomföras på annan plats än " +
	"anordnarens lokaler. Antalet fysiska träffar varierar mellan utbildningar."

// bodyTypes maps Huvudmannatyp to the catalogue's responsible body codes.
var bodyTypes = map[string]string{"privat": "enskild", "kommun": "kommunal", "region": "region", "statlig": "statlig"}

// normalise turns a decision into an offering of a planned programme.
// several holds tabell4's municipality names by diarienummer. It returns
// errOutOfScope for rows outside the catalogue and a skipError for
// malformed ones.
func (s *Source) normalise(d *Decision, several map[string][]string) (catalog.Offering, error) {
	o := catalog.Offering{ID: s.offeringID(d), Code: d.Diarienummer, Municipalities: []string{}}
	if d.Problem != "" {
		return o, skipError(d.Problem)
	}
	switch strings.ToLower(d.Decision) {
	case "beviljad":
	case "avslag":
		return o, errOutOfScope
	default:
		return o, skipError(fmt.Sprintf("unknown Beslut %q", d.Decision))
	}
	switch strings.ToLower(d.StudyForm) {
	case "bunden":
		o.Mode = catalog.ModeOnsite
	case "distans":
		// MYH's Distans has no session count; see distanceNote.
		o.Mode, o.DistanceNote = catalog.ModeOnline, distanceNote
	default:
		return o, skipError(fmt.Sprintf("unknown Studieform %q", d.StudyForm))
	}
	if err := place(d, several, &o); err != nil {
		return o, err
	}
	if o.Mode == catalog.ModeOnsite && !slices.ContainsFunc(o.Municipalities, s.inRegion) {
		return o, errOutOfScope
	}

	if o.Title = strings.Join(strings.Fields(d.Name), " "); o.Title == "" {
		return o, skipError("missing Utbildningsnamn")
	}
	if o.Provider.Name = strings.Join(strings.Fields(d.Provider), " "); o.Provider.Name == "" {
		return o, skipError("missing Utbildningsanordnare")
	}
	o.Provider.ResponsibleBody = bodyTypes[strings.ToLower(d.BodyType)]
	credits, err := strconv.ParseFloat(strings.Replace(d.Credits, ",", ".", 1), 64)
	if err != nil || !(credits > 0 && credits <= 2000) {
		return o, skipError(fmt.Sprintf("bad YH-poäng %q", d.Credits))
	}
	o.Credits, o.CreditSystem = credits, "yh"

	o.SchoolType, o.Configuration = "YH", "program"
	// A decision is not a start: EMIL3's condition 0 is "not planned", and
	// the description says what the record is.
	o.ExecutionCondition = 0
	o.Description = fmt.Sprintf("Beviljad i ansökningsomgång %d", s.cfg.Round)
	o.Pace = percent(d.Pace)
	o.Places = places(d)
	if sun := strings.ToLower(d.SUN5); len(sun) == 5 {
		// SUN 2020 stops at four positions; MYH adds a fifth letter of its
		// own. The four-position code is the one other sources use.
		o.Subjects = []catalog.Code{{Type: "C_Subject_SUN", Code: sun[:4]}, {Type: "MYH_SUN5", Code: sun}}
	}
	if lvl, err := strconv.Atoi(d.SeQF); err == nil && lvl >= 1 && lvl <= 8 {
		o.Levels = []string{"SeQF_" + d.SeQF}
	}
	for _, k := range []string{d.Area, d.SUN5Name} {
		if k = strings.Join(strings.Fields(k), " "); k != "" {
			o.Keywords = append(o.Keywords, k)
		}
	}
	o.Provenance = catalog.Provenance{Source: s.cfg.ID, SourceURL: s.cfg.URL}
	return o, nil
}

// place resolves Kommun, or tabell4's list for "Flera kommuner",
// into codes and town names.
func place(d *Decision, several map[string][]string, o *catalog.Offering) error {
	names := []string{d.Municipality}
	if strings.EqualFold(strings.TrimSpace(d.Municipality), severalMunicipalities) {
		names = several[normDiarienummer(d.Diarienummer)]
		if len(names) == 0 && o.Mode == catalog.ModeOnsite {
			return skipError("Flera kommuner without a tabell4 row")
		}
	}
	for _, name := range names {
		code, ok := data.MunicipalityCode(name)
		if !ok {
			return skipError(fmt.Sprintf("unknown Kommun %q", name))
		}
		if !slices.Contains(o.Municipalities, code) {
			o.Municipalities = append(o.Municipalities, code)
			o.Towns = append(o.Towns, strings.TrimSpace(name))
		}
	}
	return nil
}

func (s *Source) inRegion(code string) bool { return slices.Contains(s.cfg.Region, code) }

// dnrPattern matches MYH's diarienummer, "MYH 2024/3727".
var dnrPattern = regexp.MustCompile(`^(?i:MYH)\s*(\d{4})\s*/\s*(\d+)$`)

// offeringID is myh.<round>.<key>. The key is the diarienummer's serial
// number (with its year when that differs from the round), which MYH never
// reuses; a row without one gets a hash of provider, name and municipality,
// stable as long as those are.
func (s *Source) offeringID(d *Decision) string {
	round := strconv.Itoa(s.cfg.Round)
	if m := dnrPattern.FindStringSubmatch(strings.TrimSpace(d.Diarienummer)); m != nil {
		if m[1] == round {
			return "myh." + round + "." + m[2]
		}
		return "myh." + round + "." + m[1] + "-" + m[2]
	}
	h := sha256.Sum256([]byte(strings.Join([]string{
		data.FoldName(d.Provider), data.FoldName(d.Name), data.FoldName(d.Municipality)}, "\x00")))
	return "myh." + round + ".h" + hex.EncodeToString(h[:6])
}

// percent reads Studietakt %: "100", "50", "75,0". Unknown is 0.
func percent(s string) int {
	f, err := strconv.ParseFloat(strings.Replace(strings.TrimSuffix(strings.TrimSpace(s), "%"), ",", ".", 1), 64)
	if err != nil || !(f > 0 && f <= 100) {
		return 0
	}
	return int(math.Round(f))
}

// places is the number of places of one intake: the first intake with any,
// since an offering stands for one start and intakes usually match.
func places(d *Decision) int {
	for _, p := range d.GrantedPlaces {
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil && n > 0 {
			return n
		}
	}
	return 0
}
