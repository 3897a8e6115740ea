package sqlite

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kurskatalog/data/catalog"
)

// Opening a migrated database only reads: a reader beside a service (gaps)
// does not queue behind an import's long write transaction.
func TestOpenBesideAWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	writer, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	tx, err := writer.db.BeginTx(context.Background(), nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	reader, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open beside a writer: %v after %v", err, time.Since(start))
	}
	defer reader.Close()
	if _, _, err := reader.Seq(ctx); err != nil {
		t.Errorf("read beside a writer: %v", err)
	}
}

// A new store is made with pageSize pages, in WAL mode; a store made with
// SQLite's default pages (every store before pageSize) opens, migrates and
// stores as before, keeping its pages. MaxSize counts in either.
func TestPageSize(t *testing.T) {
	ctx := context.Background()
	pragmas := func(t *testing.T, db *sql.DB) (size int, mode string) {
		t.Helper()
		if err := db.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		return size, mode
	}
	// MaxSize caps the bytes, whatever the pages.
	maxPages := func(t *testing.T, db *sql.DB) (n int64) {
		t.Helper()
		if err := db.QueryRowContext(ctx, `PRAGMA max_page_count`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	const capped = 64 << 20
	fresh, err := Open(ctx, filepath.Join(t.TempDir(), "new.db"), MaxSize(capped))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if size, mode := pragmas(t, fresh.db); size != pageSize || mode != "wal" {
		t.Errorf("a new store: %d-byte pages in %s mode, want %d in wal", size, mode, pageSize)
	}
	if n := maxPages(t, fresh.db); n != capped/pageSize {
		t.Errorf("a new store capped at 64 MiB: at most %d pages, want %d", n, capped/pageSize)
	}

	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`PRAGMA page_size = 4096`, `PRAGMA journal_mode = WAL`, `CREATE TABLE made_before (x)`} {
		if _, err := old.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	db, err := Open(ctx, path, MaxSize(capped))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := maxPages(t, db.db); n != capped/4096 {
		t.Errorf("a store with 4 KiB pages capped at 64 MiB: at most %d pages, want %d", n, capped/4096)
	}
	o := catalog.Offering{ID: "o1", Title: "Svenska 1", Provenance: catalog.Provenance{Source: "a"}}
	if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "a", Complete: true, Offerings: []catalog.Offering{o}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.OfferingsByIDs(ctx, []string{"o1"})
	if err != nil || len(got) != 1 || got[0].Title != "Svenska 1" {
		t.Errorf("a store with 4 KiB pages: read back %v, %v", got, err)
	}
	if size, mode := pragmas(t, db.db); size != 4096 || mode != "wal" {
		t.Errorf("a store with 4 KiB pages: %d-byte pages in %s mode after opening, want 4096 in wal", size, mode)
	}
}

// Every connection of the pool maps as much of the file as MapSize says,
// and the store reads and writes the same without the map.
func TestMapSize(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		opts []Option
		want int64
	}{
		{"default", nil, 0},
		{"none", []Option{MapSize(0)}, 0},
		{"64 MiB", []Option{MapSize(64 << 20)}, 64 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(ctx, filepath.Join(t.TempDir(), "k.db"), tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			o := catalog.Offering{ID: "o1", Title: "Svenska 1", Provenance: catalog.Provenance{Source: "a"}}
			if _, err := db.ApplyBatch(ctx, &catalog.Batch{Source: "a", Complete: true, Offerings: []catalog.Offering{o}}); err != nil {
				t.Fatal(err)
			}
			// Two connections at once: each has the pragma.
			conns := make([]*sql.Conn, 2)
			for i := range conns {
				if conns[i], err = db.db.Conn(ctx); err != nil {
					t.Fatal(err)
				}
				defer conns[i].Close()
				var got int64
				if err := conns[i].QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != tc.want {
					t.Errorf("connection %d maps %d bytes, want %d", i, got, tc.want)
				}
			}
			got, err := db.OfferingsByIDs(ctx, []string{"o1"})
			if err != nil || len(got) != 1 || got[0].Title != "Svenska 1" {
				t.Errorf("read back %v, %v", got, err)
			}
		})
	}
}

// Reading every offering of a mapped file, as a start does, leaves no more
// of the file mapped into the process than before: mapped, a national
// store's pages all stayed in serve's resident size. The connection still
// maps the file for the reads after.
func TestEachOfferingLetsGoOfTheMap(t *testing.T) {
	if _, err := os.Stat("/proc/self/smaps"); err != nil {
		t.Skip("needs /proc/self/smaps")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	const mapped = 1 << 30
	db, err := Open(ctx, path, MapSize(mapped))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b catalog.Batch
	b.Source, b.Complete = "a", true
	text := strings.Repeat("Kursen ger dig grunderna i svenska språket och samhället. ", 40)
	for i := range 3000 {
		b.Offerings = append(b.Offerings, catalog.Offering{ID: fmt.Sprintf("o%d", i), Title: "Svenska 1",
			Description: text + strconv.Itoa(i), Provenance: catalog.Provenance{Source: "a"}})
	}
	if _, err := db.ApplyBatch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err) // the records in the file itself, where the map reads them
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	before := mappedKB(t, path)
	n := 0
	if err := db.EachOffering(ctx, func(catalog.Offering) error { n++; return nil }); err != nil || n != 3000 {
		t.Fatalf("read %d offerings, %v", n, err)
	}
	after := mappedKB(t, path)
	if grew := after - before; grew > info.Size()/1024/10 {
		t.Errorf("after reading every offering %d KB more of the %d KB file are mapped and resident", grew, info.Size()/1024)
	}
	var size int64
	if err := db.db.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&size); err != nil || size != mapped {
		t.Errorf("the pool's connection maps %d bytes (%v), want %d", size, err, mapped)
	}
}

// mappedKB is how much of the file at path is mapped into this process and
// resident, by /proc/self/smaps.
func mappedKB(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var kb int64
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-"): // a mapping's first line
			in = fields[len(fields)-1] == path
		case in && len(fields) == 3 && fields[0] == "Rss:":
			n, _ := strconv.ParseInt(fields[1], 10, 64)
			kb += n
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return kb
}
