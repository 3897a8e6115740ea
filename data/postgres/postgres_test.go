package postgres

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"kurskatalog/data/catalog"
	"kurskatalog/data/postgres/pgtest"
	"kurskatalog/data/storetest"
)

// A record PostgreSQL refuses (text cannot hold a NUL byte), written after
// the batch's updates, fails the batch: its transaction changes nothing.
func TestRefusedRecordChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	storetest.Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
		storetest.Offering("e.1", "Svenska 1"), storetest.Offering("e.2", "Engelska 5")}})
	_, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
		storetest.Offering("e.1", "Svenska 2"), storetest.Offering("e.\x00", "Kemi 1")}})
	if err == nil || !strings.Contains(err.Error(), "postgres: apply susa-navet") {
		t.Fatalf("a record with a NUL byte in its id: %v, want the source's apply to fail", err)
	}
	if o, err := db.FindOfferingByID(ctx, "e.1"); err != nil || o.Title != "Svenska 1" {
		t.Errorf("e.1 after a failed batch: %v %+v", err, o)
	}
	if _, err := db.FindOfferingByID(ctx, "e.2"); err != nil {
		t.Errorf("e.2 was removed by a failed batch: %v", err)
	}
	if _, seq, _ := db.Seq(ctx); seq != 1 {
		t.Errorf("seq %d after a failed batch, want 1", seq)
	}
}

// Machines that start at once on a new database migrate it once, one after
// the other, and agree on its identity.
func TestOpenConcurrently(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	stores := make([]string, 4)
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range stores {
		wg.Go(func() {
			db, err := Open(ctx, url)
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			stores[i], _, errs[i] = db.Seq(ctx)
		})
	}
	wg.Wait()
	for i := range stores {
		if errs[i] != nil || stores[i] == "" || stores[i] != stores[0] {
			t.Errorf("open %d: store %q, %v; want %q", i, stores[i], errs[i], stores[0])
		}
	}
	db := openTest(t)
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != 10 {
		t.Errorf("%d migrations recorded (%v), want 10", n, err)
	}
}

// Two writers (two crawlers by mistake) apply batches one after the other:
// every batch gets a change number of its own.
func TestConcurrentWriters(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for w := range 2 {
		db, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		wg.Go(func() {
			for i := range 5 {
				o := storetest.Offering(fmt.Sprintf("e.%d.%d", w, i), "Svenska 1")
				if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: fmt.Sprint("s", w), Offerings: []catalog.Offering{o}}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	check, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	if _, seq, _ := check.Seq(ctx); seq != 10 {
		t.Errorf("seq %d after 10 batches, want 10", seq)
	}
}

// A national batch is written in a few statements, not one per record.
func TestLargeBatch(t *testing.T) {
	db := openTest(t)
	const n = 10000
	offs := make([]catalog.Offering, n)
	for i := range offs {
		offs[i] = storetest.Offering(fmt.Sprintf("e.%06d", i), fmt.Sprintf("Kurs %d", i), "2380")
	}
	start := time.Now()
	res := storetest.Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: offs})
	added := time.Since(start)
	for i := 0; i < n; i += 2 {
		offs[i].Title += " (ny)"
	}
	start = time.Now()
	again := storetest.Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: offs[:n-1000]})
	changed := time.Since(start)
	if len(res.Added) != n || len(again.Changed) != (n-1000)/2 || len(again.Removed) != 1000 || again.Unchanged != (n-1000)/2 {
		t.Errorf("added %d; then changed %d, removed %d, unchanged %d", len(res.Added), len(again.Changed), len(again.Removed), again.Unchanged)
	}
	t.Logf("%d offerings added in %v; %d changed, %d unchanged and %d removed in %v", n, added.Round(time.Millisecond),
		len(again.Changed), again.Unchanged, len(again.Removed), changed.Round(time.Millisecond))
}

// Every text key of the catalogue's tables sorts byte by byte, as in
// SQLite, whatever the database's locale: the shared queries order by them.
func TestKeysSortByteByByte(t *testing.T) {
	db := openTest(t)
	rows, err := db.db.QueryContext(context.Background(), `SELECT c.table_name || '.' || c.column_name
		FROM information_schema.table_constraints k
		JOIN information_schema.key_column_usage u USING (constraint_schema, constraint_name)
		JOIN information_schema.columns c ON (c.table_schema, c.table_name, c.column_name) = (u.table_schema, u.table_name, u.column_name)
		WHERE k.constraint_type = 'PRIMARY KEY' AND k.table_schema = current_schema() AND c.data_type = 'text'
			AND c.table_name <> 'schema_migrations' AND coalesce(c.collation_name, '') <> 'C'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var column string
		if err := rows.Scan(&column); err != nil {
			t.Fatal(err)
		}
		t.Errorf("key %s is not COLLATE \"C\"", column)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
