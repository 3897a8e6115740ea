package index

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"kurskatalog/crawler/emil3/emil3test"
	"kurskatalog/data/catalog"
)

// The tests search the bundled Susa-navet snapshot, imported by the real
// EMIL3 importer over an in-process transport: the words, compounds and
// facet values are the catalogue's own.

// snapshotDay is the snapshot's reference date (see its README): "today"
// in every test, so that the past and the start periods do not drift.
var snapshotDay = time.Date(2026, 11, 20, 0, 0, 0, 0, catalog.Stockholm)

// As at import: every offering with the occupations it leads to.
var snapshotOfferings = sync.OnceValues(func() ([]catalog.Offering, error) {
	return emil3test.ImportBundledMapped(context.Background())
})

// loadSnapshot returns the snapshot's offerings, imported once per run.
func loadSnapshot(tb testing.TB) []catalog.Offering {
	tb.Helper()
	offerings, err := snapshotOfferings()
	if err != nil {
		tb.Fatalf("load snapshot: %v", err)
	}
	return offerings
}

var (
	sharedOnce sync.Once
	sharedIx   *Index
	sharedDir  string
	sharedErr  error
)

// snapshotIndex returns an index of the whole snapshot, built once per test
// binary and shared by the tests that only read it.
func snapshotIndex(tb testing.TB) *Index {
	tb.Helper()
	offerings := loadSnapshot(tb)
	sharedOnce.Do(func() {
		sharedDir, sharedErr = os.MkdirTemp("", "kurskatalog-index-")
		if sharedErr != nil {
			return
		}
		ix, _, err := Open(filepath.Join(sharedDir, "index.bleve"))
		if err != nil {
			sharedErr = err
			return
		}
		sharedErr = ix.Put(context.Background(), offerings)
		sharedIx = ix
	})
	if sharedErr != nil {
		tb.Fatalf("build snapshot index: %v", sharedErr)
	}
	return sharedIx
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedIx != nil {
		sharedIx.Close()
	}
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// BenchmarkPut indexes the bundled snapshot's offerings into a new index,
// Bleve and the facet engine, as an import does, or with
// KURSKATALOG_BENCH_DATA_DIR every offering of that data dir's store:
//
//	go test ./index -run XXX -bench Put -benchtime 5x
//	KURSKATALOG_BENCH_DATA_DIR=/tmp/load/var go test ./index -run XXX -bench Put -benchtime 1x
func BenchmarkPut(b *testing.B) {
	offerings := loadSnapshot(b)
	if os.Getenv("KURSKATALOG_BENCH_DATA_DIR") != "" {
		_, db := benchDataDir(b)
		offerings = offerings[:0]
		if err := db.EachOffering(context.Background(), func(o catalog.Offering) error {
			offerings = append(offerings, o)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	var size int64
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "index.bleve")
		ix, _, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Put(context.Background(), offerings); err != nil {
			b.Fatal(err)
		}
		ix.Close()
		size = dirSize(b, dir)
	}
	b.ReportMetric(float64(len(offerings)), "offerings")
	b.ReportMetric(float64(size)/(1<<20), "MiB")
}

// dirSize is the bytes of the files under dir.
func dirSize(tb testing.TB, dir string) int64 {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		n += info.Size()
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}
