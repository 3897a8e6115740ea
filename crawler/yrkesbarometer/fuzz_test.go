package yrkesbarometer

import (
	"os"
	"regexp"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the parser: no input may panic, and
// every row it keeps must be usable by the store and the coverage report.
func FuzzParse(f *testing.F) {
	b, err := os.ReadFile(sample)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`[{"yb_yrke":"Kockar","lan":"23","ssyk":"5120, 5120","omgang":"2025-2","rekryteringssituation":null,"paradox":null}]`))
	f.Add([]byte(`[null, 1, "x", {"lan": 23}]`))
	code := regexp.MustCompile(`^\d{4}$`)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(data, nil)
		if err != nil {
			return
		}
		for _, d := range res.Rows {
			if d.Occupation == "" || len(d.Region) != 2 || d.Round != res.Round || len(d.SSYK) == 0 {
				t.Errorf("unusable row kept: %+v", d)
			}
			for _, c := range d.SSYK {
				if !code.MatchString(c) {
					t.Errorf("bad SSYK code kept: %q", c)
				}
			}
		}
	})
}
