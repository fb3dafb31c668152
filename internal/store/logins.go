package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// loginLockMemory is how long a count of failed sign-ins is remembered
// after the last attempt: failures a day apart are not a guessing run.
const loginLockMemory = 24 * time.Hour

// CountLoginAttempt counts one attempt to sign in under key (a digest of
// the kind of account and the e-mail address) before its password is
// compared, and sets the lock lockFor names for the new count. It returns
// the end of the lock that refuses this attempt, or nil when the attempt
// may go on. Count and check are one statement, so parallel guesses are
// counted one by one and none slips past the lock.
func (s *Store) CountLoginAttempt(ctx context.Context, key string, now time.Time, lockFor func(failures int) time.Duration) (_ *time.Time, err error) {
	defer domain.Wrap(&err, "store.CountLoginAttempt(%q)", key)
	var refused *time.Time
	err = s.transact(ctx, func(tx *Tx) error {
		refused = nil
		if _, err := tx.exec(ctx, `DELETE FROM login_locks WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?)`,
			micro(now.Add(-loginLockMemory)), micro(now)); err != nil {
			return err
		}
		var n int
		err := tx.queryRow(ctx, `INSERT INTO login_locks (key, failures, locked_until, updated_at) VALUES (?, 1, NULL, ?)
			ON CONFLICT (key) DO UPDATE SET failures = login_locks.failures + 1, updated_at = excluded.updated_at
			WHERE login_locks.locked_until IS NULL OR login_locks.locked_until <= excluded.updated_at
			RETURNING failures`, key, micro(now)).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			var until int64
			if err := tx.queryRow(ctx, `SELECT locked_until FROM login_locks WHERE key = ?`, key).Scan(&until); err != nil {
				return err
			}
			t := fromMicro(until)
			refused = &t
			return nil
		}
		if err != nil {
			return err
		}
		if d := lockFor(n); d > 0 {
			_, err = tx.exec(ctx, `UPDATE login_locks SET locked_until = ? WHERE key = ?`, micro(now.Add(d)), key)
		}
		return err
	})
	return refused, err
}

// ClearLoginAttempts forgets the failed sign-ins and any lock under key
// (after a successful sign-in, or when an admin resets a password).
func (s *Store) ClearLoginAttempts(ctx context.Context, key string) (err error) {
	defer domain.Wrap(&err, "store.ClearLoginAttempts(%q)", key)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM login_locks WHERE key = ?`, key)
		return err
	})
}
