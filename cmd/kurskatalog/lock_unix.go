//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// lockIndex takes, within wait, the lock a process holds on the search
// index while it has it open (Bleve's bbolt file, flock'ed exclusively by
// serve, crawl and reindex), so that nothing opens the index while it is
// held. errInUse means another process has it. An index that does not
// exist is not in use.
func lockIndex(dir string, wait time.Duration) (release func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, "store", "root.bolt"), os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return func() {}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil // closing drops the lock
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("search index lock: %w", err)
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, errInUse
		}
		time.Sleep(50 * time.Millisecond)
	}
}
