// Package pgtest runs a throwaway PostgreSQL server for a package's tests:
// Debian's binaries (/usr/lib/postgresql/*/bin), a cluster in a temporary
// directory listening on a unix socket there only, a database per test.
// Without the binaries the tests that need a database skip and say what to
// install.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx"
)

var (
	dir      string // the cluster's directory and its socket's
	admin    *sql.DB
	missing  error // why there is no server; the tests skip with it
	numbered atomic.Int64
)

// Main starts the server, runs the package's tests and stops the server.
// Call it from TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	stop, err := start()
	if err != nil {
		missing = err
	}
	code := m.Run()
	if stop != nil {
		stop()
	}
	return code
}

// URL returns the address of a new, empty database for the test, or skips
// the test when there is no server.
func URL(t testing.TB) string {
	t.Helper()
	if missing != nil {
		t.Skip(missing)
	}
	if admin == nil {
		t.Fatal("pgtest: no server: call pgtest.Main from TestMain")
	}
	name := "test_" + strconv.FormatInt(numbered.Add(1), 10)
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+""); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() { admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	return "postgres://postgres@/" + name + "?host=" + dir
}

// bin returns the directory of the newest installed PostgreSQL's programs.
func bin() (string, error) {
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/postgres")
	slices.SortFunc(found, func(a, b string) int { return version(a) - version(b) })
	if len(found) == 0 {
		return "", errors.New("PostgreSQL not found in /usr/lib/postgresql/*/bin: install it (apt-get install -y postgresql) to run these tests")
	}
	return filepath.Dir(found[len(found)-1]), nil
}

func version(path string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(path))))
	return n
}

// start makes and starts the cluster. PostgreSQL refuses to run as root:
// then the cluster belongs to, and runs as, the user postgres (or nobody).
func start() (stop func(), err error) {
	binDir, err := bin()
	if err != nil {
		return nil, err
	}
	// Short: a unix socket's path is limited to about 100 bytes.
	dir, err = os.MkdirTemp("", "pg")
	if err != nil {
		return nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	attr, err := runAs(dir)
	if err != nil {
		cleanup()
		return nil, err
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(binDir, "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	initdb.SysProcAttr = attr
	if out, err := initdb.CombinedOutput(); err != nil {
		cleanup()
		return nil, fmt.Errorf("pgtest: initdb: %v\n%s", err, out)
	}
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		cleanup()
		return nil, err
	}
	// No durability: a test's cluster is thrown away. A benchmark that
	// sets PGTEST_DURABLE=1 gets what a production server would run with
	// (docs/deployment.md): fsync and full pages on, commits not waiting
	// for the WAL flush (what SQLite's WAL with synchronous=NORMAL does
	// too), and room for the catalogue in memory.
	settings := []string{"fsync=off", "synchronous_commit=off", "full_page_writes=off"}
	if os.Getenv("PGTEST_DURABLE") != "" {
		settings = []string{"synchronous_commit=off", "shared_buffers=1GB", "max_wal_size=4GB"}
	}
	args := []string{"-D", data, "-k", dir, "-c", "listen_addresses="}
	for _, s := range settings {
		args = append(args, "-c", s)
	}
	server := exec.Command(filepath.Join(binDir, "postgres"), args...)
	server.Stdout, server.Stderr = logFile, logFile
	server.SysProcAttr = attr
	server.SysProcAttr.Pdeathsig = syscall.SIGQUIT // the tests' process died: stop at once
	if err := server.Start(); err != nil {
		logFile.Close()
		cleanup()
		return nil, fmt.Errorf("pgtest: start postgres: %w", err)
	}
	stop = func() {
		if admin != nil {
			admin.Close()
		}
		server.Process.Signal(syscall.SIGINT) // fast shutdown
		server.Wait()
		logFile.Close()
		cleanup()
	}
	admin, err = sql.Open("pgx", "postgres://postgres@/postgres?host="+dir)
	if err == nil {
		err = ready(admin)
	}
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		stop()
		return nil, fmt.Errorf("pgtest: server not ready: %v\n%s", err, log)
	}
	return stop, nil
}

func ready(db *sql.DB) error {
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := db.Ping()
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// runAs returns how to run the server's programs: as this user, or, as
// root, as postgres or nobody, to whom dir is then given.
func runAs(dir string) (*syscall.SysProcAttr, error) {
	if os.Geteuid() != 0 {
		return &syscall.SysProcAttr{}, nil
	}
	var u *user.User
	var err error
	for _, name := range []string{"postgres", "nobody"} {
		if u, err = user.Lookup(name); err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root, and no user postgres or nobody to run PostgreSQL as: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	return &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}, nil
}
