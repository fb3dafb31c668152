package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// transact retries what the databases report as transient, and only that.
func TestTransactRetriesTransientFailures(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	failing := func(codes ...string) (func(*Tx) error, *int) {
		calls := 0
		return func(*Tx) error {
			calls++
			if calls <= len(codes) {
				return &pgconn.PgError{Code: codes[calls-1]}
			}
			return nil
		}, &calls
	}
	for _, mode := range []txMode{readCommitted, serializable} {
		fn, calls := failing("40001", "40P01", "40001")
		if err := s.transactMode(ctx, mode, fn); err != nil || *calls != 4 {
			t.Fatalf("mode %d: serialization failures and a deadlock: %v after %d calls", mode, err, *calls)
		}
		fn, calls = failing("23505")
		var pe *pgconn.PgError
		if err := s.transactMode(ctx, mode, fn); !errors.As(err, &pe) || pe.Code != "23505" || *calls != 1 {
			t.Fatalf("mode %d: a unique violation was retried or lost: %v after %d calls", mode, err, *calls)
		}
	}
	// A busy SQLite database is transient too.
	if !retryable(busyError(t, s)) {
		t.Fatal("SQLITE_BUSY is not retried")
	}
	// It gives up, with the last error, after maxTxAttempts.
	calls := 0
	start := time.Now()
	err = s.transact(ctx, func(*Tx) error { calls++; return &pgconn.PgError{Code: "40001"} })
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || calls != maxTxAttempts {
		t.Fatalf("endless failure: %v after %d calls", err, calls)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("giving up took %v", d)
	}
	// A cancelled context stops the retries.
	cctx, cancel := context.WithCancel(ctx)
	calls = 0
	err = s.transact(cctx, func(*Tx) error { calls++; cancel(); return &pgconn.PgError{Code: "40001"} })
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Fatalf("cancelled: %v after %d calls", err, calls)
	}
}

// busyError provokes SQLITE_BUSY: a second writer connection, without a
// busy timeout, begins while the store's writer holds the lock.
func busyError(t *testing.T, s *Store) error {
	t.Helper()
	other, err := openSQLite(s.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.write.Exec(`PRAGMA busy_timeout = 0`); err != nil {
		t.Fatal(err)
	}
	var got error
	err = s.transact(context.Background(), func(tx *Tx) error {
		if _, err := tx.exec(context.Background(), `UPDATE settings SET value = value WHERE key = 'x'`); err != nil {
			return err
		}
		_, got = other.write.Exec(`BEGIN IMMEDIATE`)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got == nil {
		t.Fatal("a second writer began while the first held the lock")
	}
	return got
}
