// Package store keeps Lapor's data in SQLite (embedded, the default) or
// PostgreSQL (for many app nodes). All SQL is written by hand here; the
// differences between the two databases stay inside this package.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib" // also registers "pgx"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/lapor-id/lapor/internal/domain"
)

// Dialect names the database behind a Store.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is the persistence of Lapor.
type Store struct {
	dialect  Dialect
	write    *sql.DB // SQLite: one connection, transactions BEGIN IMMEDIATE
	read     *sql.DB // SQLite: a pool of readers; PostgreSQL: same as write
	path     string  // SQLite file path
	commits  *groupCommitter
	sched    scheduleHook    // derives a report's deadlines from its events (schedule.go)
	stmts    stmtCache       // SQLite: prepared write statements (parsing costs more than running)
	chain    domain.ChainKey // keys the timeline hashes (chain.go); nil: plain hashes
	replica  *replica        // PostgreSQL: where public reads may go (replica.go); nil: none
	prepared *preparedReads  // SQLite: the read pool's prepared statements (readstmts.go)
}

// IsPostgresURL reports whether dsn names a PostgreSQL database.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to dsn (a file path or a postgres:// URL) and runs the
// migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s, err := open(dsn)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.dialect == SQLite {
		// The planner needs statistics to choose between indexes (the
		// overdue list of a million reports: 2.6 s without, 0.1 s with),
		// also on the indexes a migration just made. optimize gathers them
		// only where they are missing or stale, reading at most a thousand
		// rows per index, so start-up stays fast at any size. It is a help,
		// not a need: when another process holds the database (several
		// starting at once), the one that gets it gathers them.
		_, _ = s.write.ExecContext(ctx, `PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002`)
	}
	return s, nil
}

func open(dsn string) (*Store, error) {
	if IsPostgresURL(dsn) {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.SetMaxOpenConns(64)
		db.SetMaxIdleConns(64)
		db.SetConnMaxIdleTime(5 * time.Minute)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("connect to postgres: %w", err)
		}
		read, err := openPostgresReads(dsn, 0)
		if err != nil {
			db.Close()
			return nil, err
		}
		return &Store{dialect: Postgres, write: db, read: read}, nil
	}
	return openSQLite(dsn)
}

// ReadTimeout bounds every statement of the read pool on PostgreSQL, so
// one slow query cannot hold the pool while requests pile up behind it.
// Writes (and migrations, which may build an index on a large table) are
// not bounded.
const ReadTimeout = 30 * time.Second

// openPostgresReads opens the pool for reads: its sessions are read-only
// and each statement is cancelled by the server after ReadTimeout. A
// connect timeout other than 0 bounds each new connection.
func openPostgresReads(dsn string, connectTimeout time.Duration) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if connectTimeout > 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	cfg.RuntimeParams["statement_timeout"] = strconv.FormatInt(ReadTimeout.Milliseconds(), 10)
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(64)
	db.SetMaxIdleConns(64)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

func openSQLite(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("database path is empty")
	}
	if dir := filepath.Dir(path); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("database folder %q does not exist", dir)
		}
	}
	// A new database is private to its owner from the first byte; SQLite
	// gives its WAL and shared-memory files the same mode.
	if f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600); err == nil {
		f.Close()
	} else if !errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("create database %s: %w", path, err)
	}
	// synchronous(FULL): a report acknowledged to its reporter survives a
	// power cut, not only a crash of the process.
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		"&_pragma=foreign_keys(1)&_pragma=cache_size(-16000)"
	u := "file:" + (&url.URL{Path: path}).EscapedPath()
	write, err := sql.Open("sqlite", u+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	if err := write.Ping(); err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", u+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, err
	}
	n := max(4, runtime.NumCPU()*2)
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	s := &Store{dialect: SQLite, write: write, read: read, path: path, prepared: &preparedReads{db: read}}
	s.commits = newGroupCommitter(s)
	return s, nil
}

// Dialect says which database is behind the store.
func (s *Store) Dialect() Dialect { return s.dialect }

// Close stops the committer and closes the connections.
func (s *Store) Close() (err error) {
	defer domain.Wrap(&err, "store.Close")
	if s.commits != nil {
		s.commits.stop()
	}
	s.stmts.close()
	if s.prepared != nil {
		s.prepared.close()
	}
	if s.replica != nil {
		s.replica.close()
	}
	err = s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// DB exposes the writer for tests and tools that inspect raw rows.
func (s *Store) DB() *sql.DB { return s.write }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.read.PingContext(ctx) }

// q rewrites '?' placeholders to '$n' for PostgreSQL. Queries in this
// package never contain a literal '?'.
func (s *Store) q(query string) string {
	if s.dialect != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// Tx is a transaction owned by one exported Store method.
type Tx struct {
	*sql.Tx
	s *Store
}

func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := tx.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, tx.s.q(query), args...)
}

func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := tx.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, tx.s.q(query), args...)
}

func (tx *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := tx.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.QueryContext(ctx, tx.s.q(query), args...)
}

// stmt returns the cached prepared form of query bound to this
// transaction (SQLite only: pgx caches prepared statements itself), or nil
// when the cache is full or preparing failed.
func (tx *Tx) stmt(ctx context.Context, query string) *sql.Stmt {
	if tx.s.dialect != SQLite {
		return nil
	}
	st := tx.s.stmts.get(query)
	if st == nil {
		return nil
	}
	return tx.StmtContext(ctx, st)
}

// Write transactions. SQLite has a single writer (BEGIN IMMEDIATE on the
// one write connection), so every transaction there is serializable.
// PostgreSQL runs READ COMMITTED by default: a method that reads rows and
// then writes others must either lock what it read (SELECT ... FOR UPDATE,
// an advisory lock, or a single statement such as INSERT ... ON CONFLICT)
// or run SERIALIZABLE through s.serializable. Both go through transactMode,
// the one place that retries what the databases report as transient: a busy
// or locked SQLite database, and PostgreSQL serialization failures and
// deadlocks. fn may run more than once, so it must set everything it
// returns through its closure afresh on each call.

type txMode int

const (
	readCommitted txMode = iota // PostgreSQL's default; the method locks what it depends on
	serializable                // PostgreSQL SERIALIZABLE: a check over rows it does not write
)

// maxTxAttempts bounds the retries of one transaction. Serialization
// failures under contention come in bursts, so the wait between attempts
// grows (with jitter, so the losers do not collide again in step).
const maxTxAttempts = 12

// transact runs fn in a write transaction, retrying transient failures.
func (s *Store) transact(ctx context.Context, fn func(*Tx) error) error {
	return s.transactMode(ctx, readCommitted, fn)
}

// serializable runs fn in a SERIALIZABLE transaction on PostgreSQL (on
// SQLite every write transaction already is), retrying serialization
// failures: for methods whose decision depends on rows they do not write,
// such as the cycle check of a unit move.
func (s *Store) serializable(ctx context.Context, fn func(*Tx) error) error {
	return s.transactMode(ctx, serializable, fn)
}

func (s *Store) transactMode(ctx context.Context, mode txMode, fn func(*Tx) error) error {
	var err error
	for attempt := 0; attempt < maxTxAttempts; attempt++ {
		err = s.transactOnce(ctx, mode, fn)
		if err == nil || !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(retryDelay(attempt)):
		}
	}
	return fmt.Errorf("gave up after %d attempts: %w", maxTxAttempts, err)
}

// retryDelay is the wait before attempt+1: 5 ms doubling up to 320 ms,
// each time a random part of it to half of it more.
func retryDelay(attempt int) time.Duration {
	d := 5 * time.Millisecond << min(attempt, 6)
	return d + rand.N(d/2+1)
}

func (s *Store) transactOnce(ctx context.Context, mode txMode, fn func(*Tx) error) error {
	var opts *sql.TxOptions
	if s.dialect == SQLite {
		s.stmts.preparePending(ctx, s.write)
	} else if mode == serializable {
		opts = &sql.TxOptions{Isolation: sql.LevelSerializable}
	}
	sqlTx, err := s.write.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	tx := &Tx{Tx: sqlTx, s: s}
	if err := fn(tx); err != nil {
		sqlTx.Rollback()
		return err
	}
	return sqlTx.Commit()
}

// retryable reports a failure that running the same transaction again
// may not meet: SQLite busy or locked, PostgreSQL serialization failure
// (40001) or deadlock (40P01).
func retryable(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	return false
}

// isUniqueViolation reports a unique-constraint failure, optionally on a
// column whose name appears in the message.
func isUniqueViolation(err error, column string) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE && strings.Contains(se.Error(), column)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505" && (column == "" || strings.Contains(pe.ConstraintName+pe.Detail, column))
	}
	return false
}

// micro converts times to the stored form.
func micro(t time.Time) int64 { return t.UnixMicro() }

func fromMicro(v int64) time.Time { return time.UnixMicro(v).UTC() }

func nullMicro(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMicro()
}

func timePtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMicro(v.Int64)
	return &t
}

func int64Ptr(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	x := v.Int64
	return &x
}

func nullInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

var errNotFound = domain.ErrNotFound

// collect scans every row of a query with scan and closes the rows.
func collect[T any](rows *sql.Rows, err error, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// marks returns n placeholders for an IN list: "?, ?, ?".
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }
