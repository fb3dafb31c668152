package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// LoginGuard is what protects a staff account beyond its password and the
// lock-out of logins.go: the TOTP second factor (migration 0004).
type LoginGuard struct {
	TOTPSecret   []byte // sealed; nil until enrolment starts
	TOTPEnabled  bool   // enrolment confirmed with a code
	TOTPLastStep int64  // last time step accepted
}

// LoginGuard returns a user's login guard.
func (s *Store) LoginGuard(ctx context.Context, userID int64) (_ LoginGuard, err error) {
	defer domain.Wrap(&err, "store.LoginGuard(%v)", userID)
	var g LoginGuard
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT totp_secret, totp_enabled, totp_last_step
		FROM users WHERE id = ?`), userID).Scan(&g.TOTPSecret, &g.TOTPEnabled, &g.TOTPLastStep)
	if errors.Is(err, sql.ErrNoRows) {
		return g, errNotFound
	}
	return g, err
}

// StartTOTP stores a new sealed secret, not yet enabled.
func (s *Store) StartTOTP(ctx context.Context, userID int64, sealed []byte) (err error) {
	defer domain.Wrap(&err, "store.StartTOTP(%v)", userID)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE users SET totp_secret = ?, totp_enabled = ?, totp_last_step = 0 WHERE id = ?`,
			sealed, false, userID)
		return err
	})
}

// EnableTOTP turns the second factor on, recording the step of the code
// that confirmed it.
func (s *Store) EnableTOTP(ctx context.Context, userID, step int64) (err error) {
	defer domain.Wrap(&err, "store.EnableTOTP(%v, %v)", userID, step)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE users SET totp_enabled = ?, totp_last_step = ? WHERE id = ? AND totp_secret IS NOT NULL`,
			true, step, userID)
		return err
	})
}

// DisableTOTP removes the second factor.
func (s *Store) DisableTOTP(ctx context.Context, userID int64) (err error) {
	defer domain.Wrap(&err, "store.DisableTOTP(%v)", userID)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE users SET totp_secret = NULL, totp_enabled = ?, totp_last_step = 0 WHERE id = ?`,
			false, userID)
		return err
	})
}

// UseTOTPStep records that a code of step was accepted, and reports false
// when that step (or a later one) was used before: each code works once,
// even when two logins race.
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) (_ bool, err error) {
	defer domain.Wrap(&err, "store.UseTOTPStep(%v, %v)", userID, step)
	ok := false
	err = s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?`, step, userID, step)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return err
	})
	return ok, err
}

// Setting returns the value stored under key in the settings table, ""
// when unset.
func (s *Store) Setting(ctx context.Context, key string) (_ string, err error) {
	defer domain.Wrap(&err, "store.Setting(%q)", key)
	var v string
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT value FROM settings WHERE key = ?`), key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// PutSetting stores a setting that is not part of the deadline policy (it
// does not make app nodes reload the calendar).
func (s *Store) PutSetting(ctx context.Context, key, value string, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.PutSetting(%q)", key)
	return s.transact(ctx, func(tx *Tx) error { return tx.putSetting(ctx, key, value, now) })
}
