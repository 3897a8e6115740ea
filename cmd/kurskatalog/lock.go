package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// lockFile is the file in the data dir whose lock says which process owns
// the data dir: the one process that writes its store and index. serve
// holds it while it runs; crawl and reindex hold it when no service does.
const lockFile = "kurskatalog.lock"

// inUseError says that another process owns the data dir.
type inUseError struct {
	dir   string
	owner string // "pid 1234 (kurskatalog serve)", or "" when it did not say
}

func (e *inUseError) Error() string {
	owner := "another process"
	if e.owner != "" {
		owner = e.owner
	}
	return fmt.Sprintf("the data dir %s is in use by %s", e.dir, owner)
}

// remedy says what to do about a data dir in use.
func (e *inUseError) remedy() string {
	switch {
	case strings.Contains(e.owner, "kurskatalog serve"):
		return "its admin socket does not answer (its log says why); stop the service to run this by itself"
	case e.owner == "":
		return "wait until it has finished, or stop it"
	}
	return "wait until it has finished (it exits by itself), or stop it"
}

// advice is the error for cmd finding the data dir in use.
func (e *inUseError) advice(cmd string) error {
	if cmd == "serve" {
		return fmt.Errorf("%w: one process per data dir; stop it or give this one another --data-dir", e)
	}
	return fmt.Errorf("%w: %s", e, e.remedy())
}

// dirLock is a held claim on a data dir. The lock is the kernel's (flock):
// it goes with the process, so a killed owner leaves nothing to clean up.
type dirLock struct{ f *os.File }

// lockDataDir claims dir for the command, at once or not at all: a second
// process gets an *inUseError naming the owner instead of waiting.
func lockDataDir(dir, command string) (*dirLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	// Not truncated on open: the owner's line must survive a failed attempt.
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	if err := tryLock(f); err != nil {
		owner, _ := os.ReadFile(f.Name())
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, &inUseError{dir: dir, owner: strings.TrimSpace(string(owner))}
		}
		return nil, fmt.Errorf("data dir: lock %s: %w", f.Name(), err)
	}
	line := fmt.Sprintf("pid %d (kurskatalog %s)\n", os.Getpid(), command)
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(line), 0) // only for the message of a second process
	}
	return &dirLock{f: f}, nil
}

// Close gives up the claim.
func (l *dirLock) Close() error {
	_ = l.f.Truncate(0)
	return l.f.Close() // closing the file releases the lock
}
