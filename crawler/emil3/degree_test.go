package emil3

import (
	"encoding/json"
	"testing"

	"kurskatalog/data/catalog"
)

// The degree an info names reaches the offering, so that the occupation
// mapper can tell a nursing programme by its degree; "Ingen examen" is no
// degree.
func TestInfoDegreeReachesOffering(t *testing.T) {
	tests := []struct{ name, info, want string }{
		{"degree", `{"identifier": "i.uoh.miun.vsjkg", "degrees": {"strings": [{"lang": "eng", "value": "Degree of Bachelor of Science in Nursing"}, {"lang": "swe", "value": "Sjuksköterskeexamen"}]}}`, "Sjuksköterskeexamen"},
		{"no degree", `{"identifier": "i.uoh.uu.1te686", "resultIsDegree": false, "degrees": {"strings": [{"lang": "swe", "value": "Ingen examen"}]}}`, ""},
		{"not given", `{"identifier": "i.vux.2380.svesva1"}`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var in Info
			if err := json.Unmarshal([]byte(tc.info), &in); err != nil {
				t.Fatal(err)
			}
			var o catalog.Offering
			fillInfo(&o, &in)
			if o.Degree != tc.want {
				t.Errorf("Degree = %q, want %q", o.Degree, tc.want)
			}
		})
	}
}
