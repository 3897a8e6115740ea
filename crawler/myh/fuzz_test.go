package myh

import (
	"errors"
	"testing"

	"kurskatalog/data/catalog"
)

// FuzzDecodeDecisions feeds arbitrary bytes to the CSV reader and the
// normaliser. Neither may panic, and whatever is kept must be a usable
// offering of a granted programme.
func FuzzDecodeDecisions(f *testing.F) {
	f.Add(readFile(f, "testdata/tabell3.csv"))
	f.Add(toSemicolons(f, readFile(f, "testdata/tabell3.csv")))
	f.Add([]byte("\uFEFFUtbildningsnamn;Beslut;Kommun;YH-poäng;Studieform;Utbildningsanordnare administrativ enhet\r\n" +
		"\"Lönespecialist\";Beviljad;Östersund;315;Distans;Iterum\r\n;;;;;\r\nx;Beviljad;Flera kommuner;2e9;Bunden;\"y\"\"\r\n"))
	f.Add([]byte{'U', 't', 'b', 0xF6, ',', '"', 0x96, '\n'})
	s := New(Config{ID: "fuzz", Region: county}, nil)
	several := map[string][]string{"MYH 2024/1": {"Östersund", "Nowhere"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := DecodeDecisions(data)
		if err != nil {
			return
		}
		for i := range rows {
			o, err := s.normalise(&rows[i], several)
			if err != nil {
				var skip skipError
				if !errors.As(err, &skip) || skip == "" {
					t.Fatalf("error %v is neither out of scope nor a reason", err)
				}
				continue
			}
			if o.ID == "" || o.Title == "" || o.Provider.Name == "" || o.Credits <= 0 || o.SchoolType != "YH" {
				t.Fatalf("incomplete offering %+v", o)
			}
			if !o.Mode.Valid() || o.Pace < 0 || o.Pace > 100 || o.ExecutionCondition != 0 {
				t.Fatalf("mode %q pace %d condition %d", o.Mode, o.Pace, o.ExecutionCondition)
			}
			if o.Mode == catalog.ModeOnsite && len(o.Municipalities) == 0 {
				t.Fatalf("campus offering without a municipality: %+v", o)
			}
		}
	})
}
