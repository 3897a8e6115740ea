package server

import "testing"

// The reason a regulated occupation gives is Swedish from the mapper and
// said in the page's language.
func TestReasonTextRegulated(t *testing.T) {
	for _, tc := range []struct {
		name, reason, lang, want string
	}{
		{"licence in Swedish", "leder till legitimation som sjuksköterska (Sjuksköterskeprogrammet)", "sv",
			"leder till legitimation som sjuksköterska (Sjuksköterskeprogrammet)"},
		{"licence in English", "leder till legitimation som sjuksköterska (Sjuksköterskeprogrammet); title rule 'sjuksköterskeprogram'", "en",
			"leads to a licence (legitimation) as sjuksköterska (Sjuksköterskeprogrammet); the title contains “sjuksköterskeprogram”"},
		{"qualification in English", "leder till behörighet som socionom (SUN 762d)", "en",
			"leads to a protected qualification (behörighet) as socionom (SUN 762d)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := reasonText(tc.reason, tc.lang); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
