package facet

import (
	"fmt"
	"testing"
)

// The id table finds every doc by its ID as it grows, finds among an older
// snapshot's ids only the docs that snapshot has, and tells an ID given
// twice.
func TestIDTable(t *testing.T) {
	var (
		tb  idTable
		ids []string
	)
	id := func(i int) string { return fmt.Sprintf("e.uoh.miun.ga%03d.%05d.20262", i%997, i) }
	for i := range 5000 {
		if _, ok := tb.get(id(i), ids); ok {
			t.Fatalf("%s found before it was added", id(i))
		}
		ids = append(ids, id(i))
		tb.add(uint32(i), ids)
		if i == 1000 {
			// A snapshot of 1,001 docs, looked up after more were added.
			defer func(old []string) {
				for _, j := range []int{0, 500, 1000, 1001, 4999} {
					doc, ok := tb.get(id(j), old)
					if want := j <= 1000; ok != want || ok && doc != uint32(j) {
						t.Errorf("in a snapshot of 1,001 docs, %s: doc %d, %v", id(j), doc, ok)
					}
				}
			}(ids)
		}
	}
	if len(tb.slots) < 2*len(ids) {
		t.Errorf("%d slots for %d ids: more than half full", len(tb.slots), len(ids))
	}
	for i := range ids {
		if doc, ok := tb.get(id(i), ids); !ok || doc != uint32(i) {
			t.Fatalf("%s: doc %d, %v, want %d", id(i), doc, ok, i)
		}
		if doc, ok := tb.getBytes([]byte(id(i)), ids); !ok || doc != uint32(i) {
			t.Fatalf("%s as bytes: doc %d, %v, want %d", id(i), doc, ok, i)
		}
	}
	if _, ok := tb.get("e.not.there", ids); ok {
		t.Error("an ID never added was found")
	}
	built, once := newIDTable(ids, len(ids))
	if !once {
		t.Error("newIDTable saw an ID twice in ids given once each")
	}
	if doc, ok := built.get(id(4321), ids); !ok || doc != 4321 {
		t.Errorf("built table: %s: doc %d, %v", id(4321), doc, ok)
	}
	if _, once := newIDTable(append(ids[:10:10], id(3)), 11); once {
		t.Error("newIDTable did not see an ID given twice")
	}
}
