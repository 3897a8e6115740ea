package yrkesbarometer

// Row mirrors one element of yrkesbarometer.json, the array Arbetsförmedlingen
// publishes. Assessments are null when Arbetsförmedlingen had too little data
// to make one, hence the pointers.
type Row struct {
	Yrkesomrade               string   `json:"yrkesomrade"`
	YBYrke                    string   `json:"yb_yrke"`
	YBConceptID               string   `json:"yb_concept_id"`
	Lan                       string   `json:"lan"`
	AntalSSYK                 int      `json:"antal_ssyk"`
	DelAvSSYK                 int      `json:"del_av_ssyk"`
	SSYK                      string   `json:"ssyk"` // one code, or several joined by ", "
	SSYKText                  string   `json:"ssyk_text"`
	YBBeskrivning             *string  `json:"yb_beskrivning"`
	Jobbmojligheter           *string  `json:"jobbmojligheter"`
	Rekryteringssituation     *string  `json:"rekryteringssituation"`
	Paradox                   []string `json:"paradox"`
	Prognos                   *string  `json:"prognos"`
	TextJobbmojligheter       string   `json:"text_jobbmojligheter"`
	TextRekryteringssituation string   `json:"text_rekryteringssituation"`
	HogstaBedomningsniva      *string  `json:"hogsta_bedomningsniva"`
	DelvisHelt                *string  `json:"delvis_helt"`
	Omgang                    string   `json:"omgang"`
	TaxonomiVersion           int      `json:"taxonomi_version"`
}
