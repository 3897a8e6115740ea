package catalog

// Occupation is a group of the Swedish occupational classification SSYK 2012,
// at any of its four levels ("5", "53", "532", "5321").
type Occupation struct {
	SSYK   string `json:"ssyk"`
	Level  int    `json:"level"`
	Parent string `json:"parent,omitempty"`
	Name   Label  `json:"name"`
	// Group is the code Arbetsförmedlingen's taxonomy files the group under.
	// It differs from SSYK where the taxonomy merged SCB's groups (5322 is
	// filed under 5321), and the barometer and job ads use Group.
	Group     string `json:"group"`
	ConceptID string `json:"concept_id,omitempty"` // JobTech taxonomy concept id
}

// OccupationMatch says that an offering prepares for an occupation, and why,
// so that a counsellor can judge the match ("AUB_Subject 5321",
// "title rule 'undersköterska'", "SUN 723o -> 5321").
type OccupationMatch struct {
	SSYK   string `json:"ssyk"`
	Reason string `json:"reason"`
}

// The recruitment situations of Arbetsförmedlingen's Yrkesbarometer.
const (
	RecruitmentShortage = "brist"     // employers find too few applicants
	RecruitmentParadox  = "paradox"   // hard to recruit although there are applicants
	RecruitmentBalance  = "balans"    // balance
	RecruitmentSurplus  = "överskott" // more applicants than jobs
)

// Demand is one row of Arbetsförmedlingen's Yrkesbarometer: the outlook of
// one barometer occupation in one region, in one round. Empty strings mean
// that Arbetsförmedlingen made no assessment.
type Demand struct {
	Round      string   `json:"round"`  // omgang, e.g. "2025-2"
	Region     string   `json:"region"` // lan: "00" the nation, "23" Jämtlands län
	Area       string   `json:"area"`   // yrkesomrade
	Occupation string   `json:"occupation"`
	ConceptID  string   `json:"concept_id,omitempty"`
	SSYK       []string `json:"ssyk"`
	SSYKText   string   `json:"ssyk_text,omitempty"`
	// PartOfSSYK is set when the occupation shares its SSYK groups with
	// other barometer occupations (del_av_ssyk).
	PartOfSSYK           bool     `json:"part_of_ssyk,omitempty"`
	JobOpportunities     string   `json:"job_opportunities,omitempty"` // små, medelstora, stora
	Recruitment          string   `json:"recruitment,omitempty"`       // brist, paradox, balans, överskott
	Paradox              []string `json:"paradox,omitempty"`           // the potential supply behind a paradox
	Forecast             string   `json:"forecast,omitempty"`          // five years: öka, vara oförändrad, minska
	JobOpportunitiesText string   `json:"job_opportunities_text,omitempty"`
	RecruitmentText      string   `json:"recruitment_text,omitempty"`
	// AssessmentLevel is the highest geographic level the assessment rests
	// on (län, nuts2, nuts1, nationellt); Partial says it borrows from a
	// larger area.
	AssessmentLevel string `json:"assessment_level,omitempty"`
	Partial         bool   `json:"partial,omitempty"`
}

// Shortage reports whether the row says that the occupation is short of
// workers.
func (d *Demand) Shortage() bool { return d.Recruitment == RecruitmentShortage }

// Reach says how a resident can take an offering.
type Reach string

// The ways to reach an offering, from the most to the least travel.
const (
	ReachLocal   Reach = "local"   // on site in the resident's municipality
	ReachNearby  Reach = "nearby"  // on site within the travel distance
	ReachBlended Reach = "blended" // distance with few mandatory sessions, or sessions within reach
	ReachOnline  Reach = "online"  // distance without mandatory sessions
)

// CoverageCell counts the starts of one occupation that a resident of one
// municipality can take in the coverage window, by how they reach them, and
// carries the county's demand signal for the occupation.
type CoverageCell struct {
	Municipality string   `json:"municipality"`
	SSYK         string   `json:"ssyk"`
	Occupation   string   `json:"occupation,omitempty"` // the group's Swedish name
	Local        int      `json:"local"`
	Nearby       int      `json:"nearby"`
	Blended      int      `json:"blended"`
	Online       int      `json:"online"`
	Total        int      `json:"total"`
	OfferingIDs  []string `json:"offering_ids,omitempty"`
	// Recruitment is the most pressing county assessment among the
	// barometer occupations filed under the group (brist before paradox
	// before balans before överskott); Barometer names them.
	Recruitment string   `json:"recruitment,omitempty"`
	Shortage    bool     `json:"shortage"`
	Barometer   []string `json:"barometer,omitempty"`
}

// Gap is a shortage occupation that a resident of a municipality cannot
// start training for within the coverage window.
type Gap struct {
	Municipality string   `json:"municipality"`
	Occupation   string   `json:"occupation"` // barometer occupation (yb_yrke)
	ConceptID    string   `json:"concept_id,omitempty"`
	SSYK         []string `json:"ssyk"`
	Recruitment  string   `json:"recruitment"`
	Forecast     string   `json:"forecast,omitempty"`
	// NearestID and NearestKm name the closest on-site start in the window
	// that lies beyond the travel distance; empty when there is none.
	NearestID string  `json:"nearest_id,omitempty"`
	NearestKm float64 `json:"nearest_km,omitempty"`
	// NearestBusMinutes, in a report by bus, is the journey to NearestID,
	// then the start the bus reaches soonest (NearestKm stays its
	// straight-line distance); 0 when the bus reaches none by 10:00.
	NearestBusMinutes int `json:"nearest_bus_minutes,omitempty"`
}

// LearningCentre is a municipality's lärcentrum: a place where adults study
// at a distance, with rooms, exam proctoring and guidance.
type LearningCentre struct {
	Name         string   `json:"name"`
	Municipality string   `json:"municipality"`
	Place        string   `json:"place"`
	Lat          float64  `json:"lat"`
	Lon          float64  `json:"lon"`
	Services     []string `json:"services"` // tentamensskrivning, studierum, videolänk, vägledning, datorer
}
