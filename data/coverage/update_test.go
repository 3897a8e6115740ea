package coverage_test

import (
	"context"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
	"kurskatalog/data/coverage"
	"kurskatalog/data/sqlite"
	"kurskatalog/data/sqlite/sqlitetest"
)

// countingStore counts the whole-store reads.
type countingStore struct {
	*sqlite.DB
	reads int
}

func (s *countingStore) EachOffering(ctx context.Context, fn func(catalog.Offering) error) error {
	s.reads++
	return s.DB.EachOffering(ctx, fn)
}

// TestUpdateAsLoad changes the bundled catalogue as a run would (a title,
// an offering gone, one new, one cancelled, one's occupations) and checks
// that Data brought up to date on a later day equals Data read whole on
// that day, having read only what changed; and that a run that changed
// most of the store is read whole.
func TestUpdateAsLoad(t *testing.T) {
	ctx := context.Background()
	offerings, err := emil3test.ImportBundledMapped(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kurskatalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store := &countingStore{DB: db}
	if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: offerings, Complete: true}); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm)
	before, err := coverage.Load(ctx, store, "23", day)
	if err != nil {
		t.Fatal(err)
	}
	kept := coverage.Collect(before)

	// The current offerings with occupations, whose changes show.
	var current []int
	for i := range offerings {
		if catalog.IsCurrent(&offerings[i], day) && len(offerings[i].Occupations) > 0 && !offerings[i].Cancelled {
			current = append(current, i)
		}
	}
	if len(current) < 10 {
		t.Fatalf("only %d current offerings with occupations", len(current))
	}
	changed := slices.Clone(offerings)
	changed[current[0]].Title += " (ny titel)"
	changed[current[1]].Cancelled = true
	changed[current[2]].Occupations = changed[current[3]].Occupations
	added := changed[current[4]]
	added.ID += "-ny"
	changed = slices.Delete(changed, current[5], current[5]+1) // gone from the source
	changed = append(changed, added)
	if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: changed, Complete: true}); err != nil {
		t.Fatal(err)
	}

	later := day.AddDate(0, 2, 0) // some of what was current is not
	got := updateAsLoad(t, store, before, later, 0)
	if got.Len() >= before.Len() {
		t.Errorf("two months on, %d offerings are current against %d: the test does not drop the past", got.Len(), before.Len())
	}
	if !reflect.DeepEqual(coverage.Collect(before), kept) {
		t.Error("Update changed the Data it started from, which requests may be reading")
	}

	// A run that changed every offering: read whole.
	for i := range changed {
		changed[i].Title += "!"
	}
	if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Offerings: changed, Complete: true}); err != nil {
		t.Fatal(err)
	}
	updateAsLoad(t, store, got, later, 1)
}

// updateAsLoad brings from up to date for day, checks that it read the
// whole store wholeReads times and that it equals the store read whole,
// and returns it.
func updateAsLoad(t *testing.T, store *countingStore, from *coverage.Data, day time.Time, wholeReads int) *coverage.Data {
	t.Helper()
	ctx := context.Background()
	store.reads = 0
	got, err := coverage.Update(ctx, store, from, "23", day)
	if err != nil {
		t.Fatal(err)
	}
	if store.reads != wholeReads {
		t.Errorf("Update read the whole store %d times, want %d", store.reads, wholeReads)
	}
	want, err := coverage.Load(ctx, store, "23", day)
	if err != nil {
		t.Fatal(err)
	}
	sameData(t, got, want)
	return got
}

func sameData(t *testing.T, got, want *coverage.Data) {
	t.Helper()
	gotAll, wantAll := coverage.Collect(got), coverage.Collect(want)
	if len(gotAll) != len(wantAll) {
		t.Fatalf("%d offerings, want %d", len(gotAll), len(wantAll))
	}
	for i := range wantAll {
		if !reflect.DeepEqual(gotAll[i], wantAll[i]) {
			t.Fatalf("offering %d: %s %q, want %s %q", i, gotAll[i].ID, gotAll[i].Title, wantAll[i].ID, wantAll[i].Title)
		}
	}
	if !got.Since.Equal(want.Since) || !reflect.DeepEqual(got.Demand, want.Demand) || !reflect.DeepEqual(got.Transit, want.Transit) {
		t.Error("day, demand or bus times differ")
	}
	ssyk := map[string]bool{}
	for _, o := range wantAll {
		for _, m := range o.Occupations {
			ssyk[m.SSYK] = true
		}
	}
	for _, s := range slices.Sorted(maps.Keys(ssyk)) {
		if g, w := ids(got.Leading(s)), ids(want.Leading(s)); !slices.Equal(g, w) {
			t.Errorf("offerings leading to %s: %v, want %v", s, g, w)
		}
	}
}

func ids(offerings []catalog.Offering) []string {
	var out []string
	for _, o := range offerings {
		out = append(out, o.ID)
	}
	return out
}

// BenchmarkUpdate brings the coverage data of a national store up to date
// after a run that changed 1 % of its offerings, and reads it whole, for
// comparison. It writes to the store: give it a copy, e.g. of the national
// load benchmark's (KURSKATALOG_LOAD_DIR) with serve stopped:
//
//	cp /tmp/load/var/kurskatalog.db /tmp/copy.db
//	KURSKATALOG_BENCH_DB=/tmp/copy.db go test ./data/coverage -run '^$' -bench Update -benchtime 1x
func BenchmarkUpdate(b *testing.B) {
	ctx := context.Background()
	db := sqlitetest.BenchCopy(b)
	today := catalog.Day(time.Now()) // as serve does
	for b.Loop() {
		before, err := coverage.Load(ctx, db, "23", today)
		if err != nil {
			b.Fatal(err)
		}
		// A run: 1 % of the offerings retitled, by their own source.
		var ids []string
		var buf catalog.Offering
		for i := 0; i < before.Len(); i += 100 {
			ids = append(ids, before.At(i, &buf).ID)
		}
		changed, err := db.OfferingsByIDs(ctx, ids)
		if err != nil {
			b.Fatal(err)
		}
		bySource := map[string][]catalog.Offering{}
		for _, o := range changed {
			o.Title += " (ändrad)"
			bySource[o.Provenance.Source] = append(bySource[o.Provenance.Source], o)
		}
		for source, offerings := range bySource {
			if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: source, Offerings: offerings}); err != nil {
				b.Fatal(err)
			}
		}
		start := time.Now()
		if _, err := coverage.Update(ctx, db, before, "23", today); err != nil {
			b.Fatal(err)
		}
		update := time.Since(start)
		start = time.Now()
		if _, err := coverage.Load(ctx, db, "23", today); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(update.Seconds(), "update_s")
		b.ReportMetric(time.Since(start).Seconds(), "load_s")
		b.ReportMetric(float64(len(changed)), "changed")
	}
}
