// Package pgtest runs a throwaway PostgreSQL server for tests and benchmarks.
//
// One server is started lazily per process (per test binary) on the first
// call to NewDatabase or Start. It listens on 127.0.0.1 on a free port, keeps
// all of its files in a fresh temporary folder and is stopped by Shutdown,
// which a package's TestMain should call after m.Run:
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		pgtest.Shutdown()
//		os.Exit(code)
//	}
//
// Every NewDatabase call creates a brand-new empty database on that server
// and drops it when the test ends, so tests may run in parallel.
//
// When the process runs as root, initdb and the server run as the
// "postgres" system user (created with useradd when missing), because
// PostgreSQL refuses to run as root.
//
// Environment:
//
//	LAPOR_PG_BIN      folder holding initdb, pg_ctl and postgres (only that folder is tried)
//	LAPOR_PG_FAST=1   turn off fsync, synchronous_commit and full_page_writes (tests only, not benchmarks)
//	LAPOR_REQUIRE_PG=1, or CI set as testenv.Required reads it: a missing PostgreSQL fails instead of skipping
//
// If the process dies without calling Shutdown, a small watchdog process
// stops the server and removes its folder once the owner is gone; folders
// left behind by a crash of the whole machine are swept on the next start.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"github.com/lapor-id/lapor/internal/testenv"
)

// ErrNotFound is returned (wrapped) by Start when no PostgreSQL server
// binaries can be found.
var ErrNotFound = errors.New("PostgreSQL 15 server binaries not found")

const (
	dirPrefix     = "lapor-pgtest-"
	startTimeout  = 30 * time.Second
	benchDatabase = "lapor_bench"
)

// Required reports whether a missing PostgreSQL must fail the test rather
// than skip it: when LAPOR_REQUIRE_PG=1, or in CI as [testenv.Required]
// decides it for every test that needs something from the machine.
func Required() bool {
	return os.Getenv("LAPOR_REQUIRE_PG") == "1" || testenv.Required()
}

var (
	mu       sync.Mutex
	shared   *server
	startErr error
	counter  atomic.Int64
)

// NewDatabase returns a postgres:// URL (usable with the "pgx" database/sql
// driver of github.com/jackc/pgx/v5/stdlib) of a brand-new empty database on
// the shared throwaway server. The database is dropped in t.Cleanup.
//
// If the PostgreSQL binaries cannot be found the test is skipped, or failed
// when Required() is true.
func NewDatabase(t testing.TB) string {
	t.Helper()
	srv, err := get()
	if err != nil {
		if errors.Is(err, ErrNotFound) && !Required() {
			t.Skip(err.Error())
		}
		t.Fatalf("pgtest: %v", err)
	}
	name := fmt.Sprintf("lapor_test_%d_%s", counter.Add(1), randomSuffix())
	if err := srv.createDatabase(name); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.dropDatabase(name); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	return srv.url(name)
}

// Start starts the shared server when it is not running yet and returns the
// URL of a fresh, empty database named lapor_bench on it (dropped and created
// again if it existed). It is meant for benchmark and load programs outside
// `go test`; call Shutdown when done. When no binaries are found the error
// wraps ErrNotFound.
func Start() (baseURL string, err error) {
	srv, err := get()
	if err != nil {
		return "", err
	}
	if err := srv.dropDatabase(benchDatabase); err != nil {
		return "", err
	}
	if err := srv.createDatabase(benchDatabase); err != nil {
		return "", err
	}
	return srv.url(benchDatabase), nil
}

// Shutdown stops the shared server and removes its folder. It is safe to
// call when the server was never started and to call more than once; a
// later NewDatabase or Start starts a new server.
func Shutdown() {
	mu.Lock()
	defer mu.Unlock()
	if shared != nil {
		shared.stop()
	}
	shared = nil
	startErr = nil
}

// get returns the shared server, starting it on first use. A start error is
// remembered so that every test reports it without trying again.
func get() (*server, error) {
	mu.Lock()
	defer mu.Unlock()
	if shared == nil && startErr == nil {
		shared, startErr = startServer()
	}
	return shared, startErr
}

// server is one running PostgreSQL instance.
type server struct {
	bin   string              // folder with initdb, pg_ctl, postgres
	dir   string              // temp folder: data/, server.log, pg_ctl.log, owner.pid
	port  int                 // TCP port on 127.0.0.1
	cred  *syscall.Credential // user to run PostgreSQL as; nil: the current user
	admin *sql.DB             // connection to the "postgres" database
}

func (s *server) dataDir() string { return filepath.Join(s.dir, "data") }
func (s *server) logPath() string { return filepath.Join(s.dir, "server.log") }

func (s *server) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// findBinaries returns the folder that holds initdb, pg_ctl and postgres.
func findBinaries() (string, error) {
	has := func(dir string) bool {
		for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
			fi, err := os.Stat(filepath.Join(dir, name))
			if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
				return false
			}
		}
		return true
	}
	if dir := os.Getenv("LAPOR_PG_BIN"); dir != "" {
		if has(dir) {
			return dir, nil
		}
		return "", fmt.Errorf("%w (looked in LAPOR_PG_BIN=%s); install postgresql-15 or set LAPOR_PG_BIN; required when CI is set", ErrNotFound, dir)
	}
	const debian = "/usr/lib/postgresql/15/bin"
	if has(debian) {
		return debian, nil
	}
	// Any other Debian-packaged version, newest first.
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	version := func(p string) int {
		v, _ := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		return v
	}
	sort.Slice(matches, func(i, j int) bool { return version(matches[i]) > version(matches[j]) })
	for _, dir := range matches {
		if has(dir) {
			return dir, nil
		}
	}
	if initdb, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			if dir := filepath.Dir(initdb); has(dir) {
				return dir, nil
			}
		}
	}
	return "", fmt.Errorf("%w (looked in %s, /usr/lib/postgresql/*/bin and PATH); install postgresql-15 or set LAPOR_PG_BIN; required when CI is set", ErrNotFound, debian)
}

// postgresUser returns the credentials of the "postgres" system user,
// creating the user when it does not exist.
func postgresUser() (*syscall.Credential, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		out, uerr := exec.Command("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres").CombinedOutput()
		if uerr != nil {
			return nil, fmt.Errorf("running as root, PostgreSQL must run as another user, but there is no \"postgres\" user and `useradd --system postgres` failed: %v: %s", uerr, strings.TrimSpace(string(out)))
		}
		if u, err = user.Lookup("postgres"); err != nil {
			return nil, fmt.Errorf("look up user postgres after useradd: %v", err)
		}
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("user postgres: bad uid %q", u.Uid)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("user postgres: bad gid %q", u.Gid)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
}

// tempParent returns the folder to create the server's folder in. When the
// server runs as another user every parent must be searchable by it, so a
// private TMPDIR is replaced by /tmp.
func tempParent(otherUser bool) string {
	dir := os.TempDir()
	if !otherUser {
		return dir
	}
	for p := dir; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return "/tmp"
		}
		if p == filepath.Dir(p) {
			return dir
		}
	}
}

// command builds a command that runs as the server's user in its folder,
// without PG* variables of the caller that could redirect it elsewhere.
func (s *server) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = s.dir
	env := []string{"LC_ALL=C", "LANG=C"}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PG") || strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "LANG=") {
			continue
		}
		env = append(env, kv)
	}
	cmd.Env = env
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	return cmd
}

// run runs a PostgreSQL tool, sending its output to a file (not a pipe: a
// server started by pg_ctl must not hold our pipes open) and returning it.
func (s *server) run(name string, args ...string) (string, error) {
	out, err := os.CreateTemp(s.dir, "cmd-*.log")
	if err != nil {
		return "", err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	cmd := s.command(filepath.Join(s.bin, name), args...)
	cmd.Stdout = out
	cmd.Stderr = out
	runErr := cmd.Run()
	text, _ := os.ReadFile(out.Name())
	if runErr != nil {
		return string(text), fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), runErr, strings.TrimSpace(string(text)))
	}
	return string(text), nil
}

func startServer() (*server, error) {
	bin, err := findBinaries()
	if err != nil {
		return nil, err
	}
	s := &server{bin: bin}
	if os.Geteuid() == 0 {
		if s.cred, err = postgresUser(); err != nil {
			return nil, err
		}
	}
	parent := tempParent(s.cred != nil)
	sweepStale(parent, bin, s.cred)

	if s.dir, err = os.MkdirTemp(parent, dirPrefix); err != nil {
		return nil, fmt.Errorf("create server folder: %v", err)
	}
	ok := false
	defer func() {
		if !ok {
			s.stop()
		}
	}()
	if err := os.WriteFile(filepath.Join(s.dir, "owner.pid"), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		return nil, err
	}
	if s.cred != nil {
		if err := os.Chown(s.dir, int(s.cred.Uid), int(s.cred.Gid)); err != nil {
			return nil, fmt.Errorf("chown %s to postgres: %v", s.dir, err)
		}
	}

	if _, err := s.run("initdb", "-D", s.dataDir(), "-A", "trust", "-U", "postgres",
		"--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"); err != nil {
		return nil, fmt.Errorf("initdb: %v", err)
	}
	if err := s.writeConfig(); err != nil {
		return nil, err
	}
	s.startWatchdog()

	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		if s.port, err = freePort(); err != nil {
			return nil, err
		}
		_, lastErr = s.run("pg_ctl", "start", "-D", s.dataDir(), "-l", s.logPath(),
			"-w", "-t", strconv.Itoa(int(startTimeout/time.Second)), "-o", "-p "+strconv.Itoa(s.port))
		if lastErr == nil {
			break
		}
		// The port may have been taken in between; only retry for that.
		if !strings.Contains(s.serverLog(), "could not bind") && !strings.Contains(s.serverLog(), "could not create any TCP/IP sockets") {
			break
		}
	}
	if lastErr != nil {
		return nil, fmt.Errorf("start PostgreSQL: %v\nserver log:\n%s", lastErr, s.serverLog())
	}
	if err := s.waitReady(); err != nil {
		return nil, err
	}
	ok = true
	return s, nil
}

// writeConfig appends this harness's settings to postgresql.conf.
func (s *server) writeConfig() error {
	socketDir := s.dir
	if len(socketDir) > 80 { // keep the socket path within the 107-byte limit
		socketDir = ""
	}
	conf := []string{
		"",
		"# lapor pgtest",
		"listen_addresses = '127.0.0.1'",
		"unix_socket_directories = '" + socketDir + "'",
		"max_connections = 200",
		"shared_buffers = 128MB",
		"logging_collector = off",
		"log_min_messages = warning",
	}
	if os.Getenv("LAPOR_PG_FAST") == "1" {
		conf = append(conf, "fsync = off", "synchronous_commit = off", "full_page_writes = off")
	}
	f, err := os.OpenFile(filepath.Join(s.dataDir(), "postgresql.conf"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("open postgresql.conf: %v", err)
	}
	if _, err := f.WriteString(strings.Join(conf, "\n") + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("write postgresql.conf: %v", err)
	}
	return f.Close()
}

// watchdogScript waits until the owner process ($1) is gone or the folder
// ($2) was removed by Shutdown; if the owner died first it stops the server
// (pg_ctl in $3) and removes the folder.
const watchdogScript = `
owner=$1 dir=$2 bin=$3
[ -d "/proc/$owner" ] || exit 0
while [ -d "/proc/$owner" ] && [ -d "$dir" ]; do sleep 1; done
if [ -d "$dir" ]; then
	"$bin/pg_ctl" stop -D "$dir/data" -m immediate -w -t 30 >/dev/null 2>&1
	rm -rf "$dir"
fi
`

// startWatchdog starts a detached shell, in its own session so that signals
// sent to the test's process group do not reach it, that cleans up after a
// process that died without Shutdown. Failing to start it is not fatal.
func (s *server) startWatchdog() {
	cmd := s.command("/bin/sh", "-c", watchdogScript, "pgtest-watchdog", strconv.Itoa(os.Getpid()), s.dir, s.bin)
	cmd.Dir = "/"
	attr := &syscall.SysProcAttr{Setsid: true}
	if s.cred != nil {
		attr.Credential = s.cred
	}
	cmd.SysProcAttr = attr
	if err := cmd.Start(); err == nil {
		go cmd.Wait() //nolint:errcheck // reap it whenever it ends
	}
}

// sweepStale removes server folders whose owner process is gone (left by a
// crash that also took the watchdog), stopping their server if it still runs.
func sweepStale(parent, bin string, cred *syscall.Credential) {
	dirs, _ := filepath.Glob(filepath.Join(parent, dirPrefix+"*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, "owner.pid"))
		if err != nil {
			continue // being set up, or not ours
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid <= 0 || processAlive(pid) {
			continue
		}
		old := &server{bin: bin, dir: dir, cred: cred}
		if _, err := os.Stat(filepath.Join(old.dataDir(), "postmaster.pid")); err == nil {
			old.run("pg_ctl", "stop", "-D", old.dataDir(), "-m", "immediate", "-w", "-t", "30") //nolint:errcheck
		}
		os.RemoveAll(dir)
	}
}

func processAlive(pid int) bool {
	if _, err := os.Stat("/proc/" + strconv.Itoa(pid)); err == nil {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls until the server accepts connections and keeps the
// admin connection pool.
func (s *server) waitReady() error {
	db, err := sql.Open("pgx", s.url("postgres")+"&connect_timeout=5")
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(8)
	deadline := time.Now().Add(startTimeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = db.PingContext(ctx)
		cancel()
		if err == nil {
			s.admin = db
			return nil
		}
		if time.Now().After(deadline) {
			db.Close()
			return fmt.Errorf("PostgreSQL on 127.0.0.1:%d did not accept connections within %v: %v\nserver log:\n%s", s.port, startTimeout, err, s.serverLog())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// serverLog returns the end of the server's log file.
func (s *server) serverLog() string {
	b, err := os.ReadFile(s.logPath())
	if err != nil {
		return "(no server log: " + err.Error() + ")"
	}
	const max = 8 << 10
	if len(b) > max {
		b = append([]byte("...\n"), b[len(b)-max:]...)
	}
	return string(b)
}

func (s *server) createDatabase(name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := s.admin.ExecContext(ctx, "CREATE DATABASE "+quoteIdent(name)); err != nil {
		return fmt.Errorf("create database %s: %v", name, err)
	}
	return nil
}

// dropDatabase terminates the database's sessions and drops it.
func (s *server) dropDatabase(name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := s.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+quoteIdent(name)+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop database %s: %v", name, err)
	}
	return nil
}

// stop shuts the server down and removes its folder.
func (s *server) stop() {
	if s.admin != nil {
		s.admin.Close()
		s.admin = nil
	}
	if s.dir == "" {
		return
	}
	if _, err := os.Stat(filepath.Join(s.dataDir(), "postmaster.pid")); err == nil {
		if _, err := s.run("pg_ctl", "stop", "-D", s.dataDir(), "-m", "fast", "-w", "-t", "30"); err != nil {
			s.run("pg_ctl", "stop", "-D", s.dataDir(), "-m", "immediate", "-w", "-t", "30") //nolint:errcheck
		}
	}
	os.RemoveAll(s.dir)
	s.dir = ""
}

func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func randomSuffix() string {
	b := make([]byte, 4)
	rand.Read(b) //nolint:errcheck // never fails on Linux
	return hex.EncodeToString(b)
}

// BinDir returns the folder of the PostgreSQL binaries in use (pg_dump
// lives there too), or "" when none was found.
func BinDir() string {
	dir, err := findBinaries()
	if err != nil {
		return ""
	}
	return dir
}
