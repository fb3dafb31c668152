package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Read replicas (PostgreSQL): the public read paths (public pages and
// API, open data, Open311 reads, statistics) may be answered by a
// streaming replica, marked so by the service with PublicRead. Everything
// else, the reporter's own view and every staff view among them, reads the
// primary, so a writer always reads its own writes. A replica that falls
// more than its allowed lag behind the primary, or does not answer, is left
// until it has caught up: its reads go to the primary meanwhile.

type publicReadKey struct{}

// PublicRead marks ctx as a read of what the public sees, which a replica
// a little behind the primary may answer.
func PublicRead(ctx context.Context) context.Context {
	return context.WithValue(ctx, publicReadKey{}, true)
}

func isPublicRead(ctx context.Context) bool {
	v, _ := ctx.Value(publicReadKey{}).(bool)
	return v
}

// querier is what the read paths use: a pool, a transaction, or the
// replica's router.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reads is the pool the read of ctx goes to.
func (s *Store) reads(ctx context.Context) querier {
	if r := s.replica; r != nil && isPublicRead(ctx) && r.healthy.Load() {
		return replicaRouter{r: r, primary: s.read}
	}
	if s.prepared != nil {
		return s.prepared
	}
	return s.read
}

// replica is a read replica and what its monitor last saw.
type replica struct {
	db      *sql.DB
	maxLag  time.Duration
	healthy atomic.Bool
	stop    chan struct{}
	done    chan struct{}
	mu      sync.Mutex
	primary []lsnSample // the primary's WAL position over the last maxLag and more
}

type lsnSample struct {
	at  time.Time
	lsn uint64
}

// replicaRouter sends a read to the replica and, when the replica fails
// (not the request), to the primary, marking the replica down.
type replicaRouter struct {
	r       *replica
	primary *sql.DB
}

func (rr replicaRouter) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := rr.r.db.QueryContext(ctx, query, args...)
	if err == nil || ctx.Err() != nil || !rr.r.failed(err) {
		return rows, err
	}
	return rr.primary.QueryContext(ctx, query, args...)
}

func (rr replicaRouter) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	row := rr.r.db.QueryRowContext(ctx, query, args...)
	if row.Err() == nil || ctx.Err() != nil || !rr.r.failed(row.Err()) {
		return row
	}
	return rr.primary.QueryRowContext(ctx, query, args...)
}

// failed reports whether a read the replica failed should be asked of the
// primary: the replica cannot be reached or is going away (then it is
// left until the monitor sees it caught up again), or it cancelled the
// read for a conflict with the WAL it replays. A query that failed for
// itself (a statement timeout on a costly search) fails on the primary
// too and must not send every public read there.
func (r *replica) failed(err error) bool {
	var ne net.Error
	var ce *pgconn.ConnectError
	var pe *pgconn.PgError
	switch {
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &ne), errors.As(err, &ce):
		r.healthy.Store(false)
		return true
	case errors.As(err, &pe):
		switch {
		case strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "57P"): // connection lost, shutting down
			r.healthy.Store(false)
			return true
		case pe.Code == "40001": // cancelled for a recovery conflict: this read only
			return true
		}
	}
	return false
}

// ReplicaInterval is how often the replica's lag is checked.
const ReplicaInterval = 250 * time.Millisecond

// UseReplica sends the public reads to the streaming replica at dsn while
// it is at most maxLag behind the primary. It fails when dsn does not
// answer or is not a replica.
func (s *Store) UseReplica(ctx context.Context, dsn string, maxLag time.Duration) error {
	if s.dialect != Postgres || !IsPostgresURL(dsn) {
		return errors.New("read replicas are for PostgreSQL: give the replica's postgres:// URL")
	}
	if s.replica != nil {
		return errors.New("a read replica is already in use")
	}
	// A replica that does not answer must not hold a public read for
	// long: the read goes to the primary instead.
	db, err := openPostgresReads(dsn, 2*time.Second)
	if err != nil {
		return err
	}
	var standby bool
	if err := db.QueryRowContext(ctx, `SELECT pg_is_in_recovery()`).Scan(&standby); err != nil {
		db.Close()
		return fmt.Errorf("connect to the read replica: %w", err)
	}
	if !standby {
		db.Close()
		return errors.New("the read replica is not a standby (pg_is_in_recovery() is false): give the address of a streaming replica")
	}
	r := &replica{db: db, maxLag: maxLag, stop: make(chan struct{}), done: make(chan struct{})}
	r.check(ctx, s.write)
	s.replica = r
	go r.monitor(s.write)
	return nil
}

// ReplicaHealthy reports whether public reads go to the replica now.
func (s *Store) ReplicaHealthy() bool { return s.replica != nil && s.replica.healthy.Load() }

func (r *replica) monitor(primary *sql.DB) {
	defer close(r.done)
	t := time.NewTicker(ReplicaInterval)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		r.check(ctx, primary)
		cancel()
	}
}

// check samples the primary's WAL position and the replica's replay
// position: the replica is healthy when it has replayed everything the
// primary had written maxLag ago.
func (r *replica) check(ctx context.Context, primary *sql.DB) {
	now := time.Now()
	var pos string
	if err := primary.QueryRowContext(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&pos); err == nil {
		if lsn, ok := parseLSN(pos); ok {
			r.mu.Lock()
			r.primary = append(r.primary, lsnSample{now, lsn})
			// Keep one sample older than maxLag, and those since.
			for len(r.primary) > 1 && now.Sub(r.primary[1].at) >= r.maxLag {
				r.primary = r.primary[1:]
			}
			r.mu.Unlock()
		}
	}
	var replayed sql.NullString
	err := r.db.QueryRowContext(ctx, `SELECT pg_last_wal_replay_lsn()::text`).Scan(&replayed)
	if err != nil || !replayed.Valid {
		r.healthy.Store(false) // down, or promoted (no longer replaying)
		return
	}
	lsn, ok := parseLSN(replayed.String)
	r.mu.Lock()
	var need uint64
	if len(r.primary) > 0 {
		need = r.primary[0].lsn // where the primary was maxLag ago (or at the first look)
	}
	r.mu.Unlock()
	r.healthy.Store(ok && lsn >= need)
}

// parseLSN reads a WAL position written as two hex numbers, "16/B374D848".
func parseLSN(s string) (uint64, bool) {
	hi, lo, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return 0, false
	}
	h, err1 := strconv.ParseUint(hi, 16, 32)
	l, err2 := strconv.ParseUint(lo, 16, 32)
	return h<<32 | l, err1 == nil && err2 == nil
}

func (r *replica) close() {
	close(r.stop)
	<-r.done
	r.db.Close()
}
