package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

func suggest(t testing.TB, ix *Index, prefix string, limit int) []catalog.Suggestion {
	t.Helper()
	got, err := ix.Suggest(context.Background(), prefix, limit, snapshotDay)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestSuggest(t *testing.T) {
	ix := snapshotIndex(t)
	for _, tc := range []struct {
		name, prefix string
		want         catalog.Suggestion // among the suggestions
		first        bool               // and first
	}{
		{"title by its start", "sjuksköt", catalog.Suggestion{Text: "Sjuksköterskeprogrammet", Kind: catalog.SuggestTitle}, true},
		{"a later word", "invandr", catalog.Suggestion{Text: "Svenska för invandrare, kurs C", Kind: catalog.SuggestTitle}, false},
		// Counted as courses with a current intake, kurs D has the most.
		{"several words", "svenska för inv", catalog.Suggestion{Text: "Svenska för invandrare, kurs D", Kind: catalog.SuggestTitle}, true},
		{"provider", "mittuni", catalog.Suggestion{Text: "Mittuniversitetet", Kind: catalog.SuggestProvider}, true},
		{"municipality without diacritics", "oster", catalog.Suggestion{Text: "Östersund", Kind: catalog.SuggestMunicipality, Value: "2380"}, true},
		{"case and punctuation", "VÅRD- OCH", catalog.Suggestion{Text: "Vård- och omsorgsarbete 1", Kind: catalog.SuggestTitle}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := suggest(t, ix, tc.prefix, 10)
			i := slices.IndexFunc(got, func(s catalog.Suggestion) bool {
				return s.Text == tc.want.Text && s.Kind == tc.want.Kind && s.Value == tc.want.Value
			})
			if i < 0 || (tc.first && i != 0) {
				t.Errorf("%q: %+v not %s in %+v", tc.prefix, tc.want, map[bool]string{true: "first", false: "there"}[tc.first], got)
			}
			if i >= 0 && got[i].Count == 0 {
				t.Errorf("%q: %+v has no count", tc.prefix, got[i])
			}
		})
	}
	if got := suggest(t, ix, "s", 5); len(got) != 5 {
		t.Errorf("limit 5: %d suggestions", len(got))
	}
	for _, prefix := range []string{"", "  ", "xyzzy"} {
		if got := suggest(t, ix, prefix, 5); got == nil || len(got) != 0 {
			t.Errorf("%q: %+v, want none", prefix, got)
		}
	}
	// Whole-text completions come before later words, then by count.
	got := suggest(t, ix, "svenska", 20)
	for i, s := range got {
		if !strings.HasPrefix(normalise(s.Text), "svenska") {
			t.Errorf("%q is suggested at %d before whole-text ones end", s.Text, i)
			break
		}
		if i > 0 && s.Count > got[i-1].Count {
			t.Errorf("%q (%d) after %q (%d)", s.Text, s.Count, got[i-1].Text, got[i-1].Count)
		}
	}
}

// The completions follow the index: a new title is suggested after Put,
// and no more after Delete; what is over is not suggested.
func TestSuggestFollowsChanges(t *testing.T) {
	ix := newTestIndex(t, offering("a", "Keramik", "", snapshotDay), offering("over", "Fjällräddning för barn", "", day(2025, 1, 1)))
	if got := suggest(t, ix, "fjällr", 5); len(got) != 0 {
		t.Fatalf("before: %+v", got)
	}
	if err := ix.Put(context.Background(), []catalog.Offering{offering("b", "Fjällräddning med lavinhundar", "", snapshotDay)}); err != nil {
		t.Fatal(err)
	}
	if got := suggest(t, ix, "fjällr", 5); len(got) != 1 || got[0].Text != "Fjällräddning med lavinhundar" || got[0].Count != 1 {
		t.Errorf("after Put: %+v", got)
	}
	if err := ix.Delete([]string{"b"}); err != nil {
		t.Fatal(err)
	}
	if got := suggest(t, ix, "fjällr", 5); len(got) != 0 {
		t.Errorf("after Delete: %+v", got)
	}
}

// BenchmarkSuggest measures a completion as the user types, on the
// snapshot (the structure is built before the timer starts):
//
//	go test ./index -run XXX -bench Suggest
func BenchmarkSuggest(b *testing.B) {
	ix := snapshotIndex(b)
	prefixes := []string{"s", "sv", "sve", "svenska f", "under", "oster", "mittuni", "xyz"}
	suggest(b, ix, "s", 8)
	for b.Loop() {
		for _, p := range prefixes {
			suggest(b, ix, p, 8)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(prefixes)), "ns/suggest")
}

// BenchmarkSuggestBuild measures building the completions from the offerings kept,
// which happens on the first suggestion after a change.
func BenchmarkSuggestBuild(b *testing.B) {
	ix := snapshotIndex(b)
	for b.Loop() {
		ix.suggest.invalidate()
		suggest(b, ix, "s", 8)
	}
}

// Suggestions asked while offerings are written answer at once, from the
// completions before the writes if need be, and the first after the
// writes sees them all.
func TestSuggestWhileWriting(t *testing.T) {
	ix := newTestIndex(t, offering("a", "Svetsning grund", "", snapshotDay.AddDate(0, 1, 0)))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 30 {
			o := offering(fmt.Sprintf("w%d", i), fmt.Sprintf("Svetsteknik %d", i), "", snapshotDay.AddDate(0, 1, 0))
			if err := ix.Put(context.Background(), []catalog.Offering{o}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for {
		select {
		case <-done:
			got := suggest(t, ix, "svetstekn", 50)
			if len(got) != 30 {
				t.Errorf("after the writes: %d suggestions, want all 30: %v", len(got), got)
			}
			return
		default:
			suggest(t, ix, "svets", 5)
		}
	}
}

// A suggestion counts an intake on the days a search shows it: its one
// instant says so for every shape of dates an offering has.
func TestCurrentUntilIsCurrent(t *testing.T) {
	at := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 0, 0, 0, 0, catalog.Stockholm) }
	dates := []time.Time{{}, at(1, 10), at(2, 1), at(2, 15), at(3, 1).Add(-time.Minute), at(6, 30)}
	var days []time.Time
	for d := at(1, 1); d.Before(at(8, 1)); d = d.AddDate(0, 0, 1) {
		days = append(days, d)
	}
	for _, start := range dates {
		for _, end := range dates {
			for _, last := range dates {
				for _, rolling := range []bool{false, true} {
					o := catalog.Offering{Start: start, End: end, ApplicationLast: last, RollingStart: rolling}
					in := intakeRef{until: currentUntil(&o)}
					for _, day := range days {
						if got, want := in.current(day), catalog.IsCurrent(&o, day); got != want {
							t.Fatalf("start %v end %v last %v rolling %v on %v: current %v, IsCurrent %v",
								start, end, last, rolling, day, got, want)
						}
					}
				}
			}
		}
	}
}
