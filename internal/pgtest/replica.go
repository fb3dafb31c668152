package pgtest

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Replica is a streaming replica of the shared server: a copy taken with
// pg_basebackup, started as a hot standby on its own port, replaying the
// shared server's WAL as it comes.
type Replica struct {
	srv *server
}

// NewReplica starts a streaming replica of the shared server for the
// test, stopped and removed in t.Cleanup. Like NewDatabase it skips (or
// fails, when Required) without PostgreSQL.
func NewReplica(t testing.TB) *Replica {
	t.Helper()
	primary, err := get()
	if err != nil {
		if errors.Is(err, ErrNotFound) && !Required() {
			t.Skip(err.Error())
		}
		t.Fatalf("pgtest: %v", err)
	}
	r, err := startReplica(primary)
	if err != nil {
		t.Fatalf("pgtest: replica: %v", err)
	}
	t.Cleanup(r.srv.stop)
	return r
}

func startReplica(primary *server) (*Replica, error) {
	s := &server{bin: primary.bin, cred: primary.cred}
	var err error
	if s.dir, err = os.MkdirTemp(tempParent(s.cred != nil), dirPrefix); err != nil {
		return nil, err
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
			return nil, err
		}
	}
	// -R writes standby.signal and the connection to the primary; -X stream
	// takes the WAL of the copy along, so it starts consistent.
	if _, err := s.run("pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(primary.port), "-U", "postgres",
		"-D", s.dataDir(), "-R", "-X", "stream", "--no-sync", "-c", "fast"); err != nil {
		return nil, err
	}
	s.startWatchdog()
	for attempt := 0; attempt < 5; attempt++ {
		if s.port, err = freePort(); err != nil {
			return nil, err
		}
		if _, err = s.run("pg_ctl", "start", "-D", s.dataDir(), "-l", s.logPath(), "-w", "-t",
			strconv.Itoa(int(startTimeout/time.Second)), "-o", "-p "+strconv.Itoa(s.port)); err == nil {
			break
		}
		if !strings.Contains(s.serverLog(), "could not bind") {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("start the replica: %v\nserver log:\n%s", err, s.serverLog())
	}
	if err := s.waitReady(); err != nil {
		return nil, err
	}
	ok = true
	return &Replica{srv: s}, nil
}

// URL is the replica's address of the database the primary's URL names
// (as NewDatabase returned it).
func (r *Replica) URL(primaryURL string) string {
	u, err := url.Parse(primaryURL)
	if err != nil {
		return ""
	}
	return r.srv.url(strings.TrimPrefix(u.Path, "/"))
}

// Exec runs a statement on the replica's postgres database, e.g.
// SELECT pg_wal_replay_pause().
func (r *Replica) Exec(query string) error {
	if r.srv.admin == nil {
		return errors.New("the replica is stopped")
	}
	_, err := r.srv.admin.Exec(query)
	return err
}

// Stop stops the replica at once, as a crash would.
func (r *Replica) Stop() error {
	if r.srv.admin != nil {
		r.srv.admin.Close()
		r.srv.admin = nil
	}
	_, err := r.srv.run("pg_ctl", "stop", "-D", r.srv.dataDir(), "-m", "immediate", "-w", "-t", "30")
	return err
}
