package gtfs

import "testing"

// FuzzParse checks that no zip, however broken, panics the parser, and that
// a feed it accepts has trips of at least two stops in order.
func FuzzParse(f *testing.F) {
	f.Add(feedZip(f, tinyFeed()))
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := Parse(body)
		if err != nil {
			return
		}
		for id, sts := range feed.StopTimes {
			if len(sts) < 2 {
				t.Errorf("trip %s has %d stop times", id, len(sts))
			}
			for i := 1; i < len(sts); i++ {
				if sts[i].Sequence < sts[i-1].Sequence {
					t.Errorf("trip %s out of order", id)
				}
			}
		}
	})
}
