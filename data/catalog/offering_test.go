package catalog

import "testing"

// EMIL3's C_StudentAid: "ja" and CSN's codes qualify, "nej" does not, and
// "saknas" (or nothing) says nothing, which is neither.
func TestStudentAid(t *testing.T) {
	for _, tc := range []struct {
		code             string
		stated, eligible bool
	}{
		{"ja", true, true},
		{"A 1", true, true},
		{"A 1 gy", true, true},
		{"nej", true, false},
		{"Nej", true, false},
		{"saknas", false, false},
		{"", false, false},
	} {
		o := Offering{StudentAid: tc.code}
		if o.StudentAidStated() != tc.stated || o.StudentAidEligible() != tc.eligible {
			t.Errorf("%q: stated %v, eligible %v; want %v, %v", tc.code, o.StudentAidStated(), o.StudentAidEligible(), tc.stated, tc.eligible)
		}
	}
}
