package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kurskatalog/data/catalog"
	"kurskatalog/data/storetest"
)

func titles(t *testing.T, db *DB) []string {
	t.Helper()
	var out []string
	err := db.EachOffering(context.Background(), func(o catalog.Offering) error {
		out = append(out, o.ID+" "+o.Title)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// A backup taken while the store is open and written holds the store as it
// was; restoring it brings exactly that back, and keeps the store it replaced.
func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "kurskatalog.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
		storetest.Offering("e.vux.1", "Svenska 1", "2380"), storetest.Offering("e.vux.2", "Engelska 5", "2380")}})
	want := titles(t, db)

	backup := filepath.Join(t.TempDir(), "backup.db")
	info, err := Backup(ctx, path, backup)
	if err != nil {
		t.Fatal(err)
	}
	if info.Records != 2 || info.Migration == "" {
		t.Errorf("backup info %+v, want 2 records and a migration", info)
	}
	// A second backup over the first replaces it.
	if _, err := Backup(ctx, path, backup); err != nil {
		t.Fatalf("backup over an earlier one: %v", err)
	}

	storetest.Apply(t, db, &catalog.Batch{Source: "susa-navet", Complete: true, Offerings: []catalog.Offering{
		storetest.Offering("e.vux.1", "Svenska 2", "2380"), storetest.Offering("e.vux.3", "Matematik 1a", "2313")}})
	changed := titles(t, db)
	if slices.Equal(changed, want) {
		t.Fatal("the change changed nothing")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	if _, err := Restore(ctx, backup, path); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := titles(t, db); !slices.Equal(got, want) {
		t.Errorf("restored %v, want %v", got, want)
	}
	before, err := Open(ctx, path+".before-restore")
	if err != nil {
		t.Fatal(err)
	}
	defer before.Close()
	if got := titles(t, before); !slices.Equal(got, changed) {
		t.Errorf("kept store has %v, want the replaced %v", got, changed)
	}
}

func TestInspectRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	newer := filepath.Join(dir, "newer.db")
	db, err := Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, `INSERT INTO migrations (name) VALUES ('migrations/9999_future.sql')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, tc := range []struct {
		name, path, want string
	}{
		{"text", write("notes.txt", "not a database at all, but long enough to have a header of sorts..........."), "not an SQLite database"},
		{"empty SQLite", write("empty.db", ""), "not a Kurskatalog store"},
		{"newer schema", newer, "newer Kurskatalog"},
		{"missing", filepath.Join(dir, "nothing.db"), "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Inspect(ctx, tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
}
