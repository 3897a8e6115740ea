package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"
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
