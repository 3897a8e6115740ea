package insights_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"maps"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/insights"
	"kurskatalog/data/sqlite"
)

// monday is Monday 23 November 2026 in Sweden: ISO week 2026-W48.
var monday = time.Date(2026, 11, 23, 10, 0, 0, 0, catalog.Stockholm)

func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "kurskatalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func clockAt(t time.Time) func() time.Time { return func() time.Time { return t } }

// record makes a recorder at now, records each search n times and closes
// it, which writes them.
func record(t *testing.T, db *sqlite.DB, now time.Time, searches map[[3]string]int) {
	t.Helper()
	r := insights.NewRecorder(db, insights.Options{Now: clockAt(now), FlushEvery: time.Hour})
	r.Start()
	for s, n := range searches {
		for range n {
			if !r.Record(s[0], s[1], s[2], 0) {
				t.Fatalf("search %v dropped", s)
			}
		}
	}
	r.Close()
}

func stored(t *testing.T, db *sqlite.DB) map[string]int {
	t.Helper()
	groups, err := db.SearchGroups(context.Background(), catalog.SearchGroupFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, g := range groups {
		out[g.Municipality+"|"+g.Week+"|"+g.Words+"|"+g.Filters] = g.Searches
	}
	return out
}

func TestWeek(t *testing.T) {
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{monday, "2026-W48"},
		// Sunday 23:30 in Sweden is still the week before, though UTC is 22:30.
		{time.Date(2026, 11, 22, 23, 30, 0, 0, catalog.Stockholm), "2026-W47"},
		{time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC), "2026-W48"}, // 00:30 on Monday in Sweden
		// 1 January 2027 is a Friday: the last week of 2026 (which has 53).
		{time.Date(2027, 1, 1, 12, 0, 0, 0, catalog.Stockholm), "2026-W53"},
		{time.Date(2027, 1, 4, 12, 0, 0, 0, catalog.Stockholm), "2027-W01"},
	} {
		if got := insights.Week(tc.at); got != tc.want {
			t.Errorf("Week(%v) = %s, want %s", tc.at, got, tc.want)
		}
	}
	if got := insights.WeeksBack(monday, 1); got != "2026-W48" {
		t.Errorf("WeeksBack(1) = %s, want the current week", got)
	}
	if got := insights.WeeksBack(monday, 52); got != "2025-W49" {
		t.Errorf("WeeksBack(52) = %s, want 2025-W49", got)
	}
}

func TestNormaliseWords(t *testing.T) {
	for in, want := range map[string]string{
		"  Svetsning  ":             "svetsning",
		"SVETSNING\tTIG":            "svetsning tig",
		"Undersköterska \n i  Sveg": "undersköterska i sveg",
		"ÅRE":                       "åre",
		"":                          "",
		"   ":                       "",
	} {
		if got := insights.NormaliseWords(in); got != want {
			t.Errorf("NormaliseWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// A group is published from K searches on: four are not shown, the fifth
// shows all five; equal words however written are one group, and other
// filters, municipalities or weeks are other groups.
func TestPublishedFromK(t *testing.T) {
	if insights.K != 5 {
		t.Fatalf("K = %d; this test counts to 5", insights.K)
	}
	ctx := context.Background()
	db := openStore(t)
	record(t, db, monday, map[[3]string]int{
		{"2361", "Svetsning", ""}:            2,
		{"2361", "  svetsning ", ""}:         2,
		{"2361", "svetsning", "mode=onsite"}: 4, // other filters: another group
		{"2380", "svetsning", ""}:            4, // another municipality
	})
	r := insights.NewRecorder(db, insights.Options{Now: clockAt(monday)})
	got, err := r.Published(ctx, "", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Fatalf("groups of 4 searches published: %+v", got)
	}

	record(t, db, monday, map[[3]string]int{{"2361", "SVETSNING", ""}: 1})
	got, err = r.Published(ctx, "", 1)
	if err != nil {
		t.Fatal(err)
	}
	want := catalog.SearchGroup{Municipality: "2361", Week: "2026-W48", Words: "svetsning", Searches: 5}
	if len(got) != 1 || got[0] != want {
		t.Fatalf("published %+v, want only %+v", got, want)
	}
	if other, _ := r.Published(ctx, "2380", 1); len(other) != 0 {
		t.Errorf("Åre's 4 searches published: %+v", other)
	}

	// A week later the group is of last week: in the last two weeks, not in
	// the last one.
	later := insights.NewRecorder(db, insights.Options{Now: clockAt(monday.AddDate(0, 0, 7))})
	if got, _ := later.Published(ctx, "", 1); len(got) != 0 {
		t.Errorf("last week's group is in this week's: %+v", got)
	}
	if got, _ := later.Published(ctx, "2361", 2); len(got) != 1 {
		t.Errorf("last week's group is not in the last two weeks: %+v", got)
	}
}

// Weeks past the retention are deleted when the recorder starts, months
// later; and a finished week's groups below K, which can never be
// published, are deleted the week after.
func TestRetention(t *testing.T) {
	db := openStore(t)
	record(t, db, monday, map[[3]string]int{{"2361", "svetsning", ""}: 6, {"2361", "hovslagare", ""}: 2})
	record(t, db, monday.AddDate(0, 0, 7), map[[3]string]int{{"2361", "svetsning", ""}: 1}) // starts, prunes, records
	want := map[string]int{"2361|2026-W48|svetsning|": 6, "2361|2026-W49|svetsning|": 1}
	if got := stored(t, db); !maps.Equal(got, want) {
		t.Errorf("a week later: %v, want %v (the group below K of the finished week deleted)", got, want)
	}

	// Four months later, keeping 12 weeks: both weeks are gone.
	r := insights.NewRecorder(db, insights.Options{Now: clockAt(monday.AddDate(0, 4, 0)), RetentionWeeks: 12})
	r.Start()
	r.Close()
	if got := stored(t, db); len(got) != 0 {
		t.Errorf("four months later with 12 weeks kept: %v", got)
	}
}

// A full queue drops the search at once and says so; the queued ones are
// written when the recorder closes.
func TestRecordDropsWhenFull(t *testing.T) {
	db := openStore(t)
	r := insights.NewRecorder(db, insights.Options{Now: clockAt(monday), QueueSize: 2})
	for i, want := range []bool{true, true, false} {
		if got := r.Record("2361", "svetsning", "", 0); got != want {
			t.Errorf("search %d queued: %v, want %v", i+1, got, want)
		}
	}
	r.Start()
	r.Close()
	if got := stored(t, db); got["2361|2026-W48|svetsning|"] != 2 {
		t.Errorf("stored %v, want the 2 queued searches", got)
	}
	if r.Record("2361", "svetsning", "", 0) {
		t.Error("a closed recorder took a search")
	}
}

// The CSV's header and rows, byte for byte; words a spreadsheet would run
// as a formula stay text.
func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	err := insights.WriteCSV(&b, []catalog.SearchGroup{
		{Municipality: "2361", Week: "2026-W48", Words: "svetsning tig", Filters: "mode=onsite&pace=50", Searches: 7, Results: 1},
		{Municipality: "", Week: "2026-W48", Words: "=hyperlink(\"x\")", Searches: 5},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "week,municipality,municipality_name,words,filters,searches,results\n" +
		"2026-W48,2361,Härjedalen,svetsning tig,mode=onsite&pace=50,7,1\n" +
		"2026-W48,,,\"'=hyperlink(\"\"x\"\")\",,5,0\n"
	if b.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", b.String(), want)
	}
}

// busyOnce is a store that refuses the first write, as SQLite does while
// another writer holds the database past its busy timeout.
type busyOnce struct {
	*sqlite.DB
	refused atomic.Int32
}

func (b *busyOnce) AddSearches(ctx context.Context, groups []catalog.SearchGroup) error {
	if b.refused.Add(1) == 1 {
		return errors.New("sqlite: database is locked (5) (SQLITE_BUSY)")
	}
	return b.DB.AddSearches(ctx, groups)
}

// Searches a busy store refused are written with the next batch, not
// lost.
func TestRefusedSearchesKept(t *testing.T) {
	db := openStore(t)
	store := &busyOnce{DB: db}
	r := insights.NewRecorder(store, insights.Options{Now: clockAt(monday), FlushEvery: 5 * time.Millisecond,
		Log: slog.New(slog.DiscardHandler)})
	r.Start()
	for range 3 {
		r.Record("2361", "svetsning", "", 4)
	}
	for store.refused.Load() < 1 {
		time.Sleep(time.Millisecond)
	}
	r.Record("2361", "svetsning", "", 4)
	r.Close()
	if got := stored(t, db); got["2361|2026-W48|svetsning|"] != 4 {
		t.Errorf("stored %v, want all 4 searches, the refused ones too", got)
	}
}
