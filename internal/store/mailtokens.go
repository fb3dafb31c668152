package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// Mail tokens (issue 9): a staff user's password reset and a citizen
// account's address verification, single-use and short-lived. Only the
// token's digest is stored; the token itself is derived again by the
// service when the mail is sent, so the outbox holds no token either.

// Token purposes.
const (
	TokenReset  = "reset"
	TokenVerify = "verify"
)

// MailToken is a token as stored, by its digest.
type MailToken struct {
	Hash      string
	Purpose   string
	UserID    *int64 // reset
	CitizenID *int64 // verify
	CreatedAt time.Time
	ExpiresAt time.Time
}

// ErrTooManyTokens is CreateMailToken's answer when the user asked for
// more resets than the limit allows; nothing was written.
var ErrTooManyTokens = errors.New("store: too many tokens asked for")

// CreateMailToken stores a token and the delivery that sends it, in one
// transaction. For a reset, at most limit tokens of the user may have
// been made since since, and as many for a citizen account (limit 0: no limit).
func (s *Store) CreateMailToken(ctx context.Context, t MailToken, m NewMail, limit int, since time.Time) (err error) {
	defer domain.Wrap(&err, "store.CreateMailToken(%s)", t.Purpose)
	return s.transact(ctx, func(tx *Tx) error {
		if limit > 0 && (t.UserID != nil || t.CitizenID != nil) {
			table, col, id := "users", "user_id", t.UserID
			if id == nil {
				table, col, id = "citizens", "citizen_id", t.CitizenID
			}
			if s.dialect == Postgres { // two requests at once count each other
				if _, err := tx.exec(ctx, `SELECT id FROM `+table+` WHERE id = ? FOR UPDATE`, *id); err != nil {
					return err
				}
			}
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM mail_tokens WHERE `+col+` = ? AND created_at >= ?`,
				*id, micro(since)).Scan(&n); err != nil {
				return err
			}
			if n >= limit {
				return ErrTooManyTokens
			}
		}
		if _, err := tx.exec(ctx, `INSERT INTO mail_tokens (token_hash, purpose, user_id, citizen_id, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`, t.Hash, t.Purpose, nullInt(t.UserID), nullInt(t.CitizenID),
			micro(t.CreatedAt), micro(t.ExpiresAt)); err != nil {
			return err
		}
		return tx.enqueueMail(ctx, m)
	})
}

// useToken marks an unused, unexpired token of purpose used and returns
// it; any other token is not found. Two uses at once: one wins.
func (tx *Tx) useToken(ctx context.Context, hash, purpose string, now time.Time) (MailToken, error) {
	t := MailToken{Hash: hash, Purpose: purpose}
	var user, citizen sql.NullInt64
	err := tx.queryRow(ctx, `SELECT user_id, citizen_id FROM mail_tokens WHERE token_hash = ? AND purpose = ?
		AND used_at IS NULL AND expires_at > ?`, hash, purpose, micro(now)).Scan(&user, &citizen)
	if errors.Is(err, sql.ErrNoRows) {
		return t, errNotFound
	}
	if err != nil {
		return t, err
	}
	res, err := tx.exec(ctx, `UPDATE mail_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`, micro(now), hash)
	if err != nil {
		return t, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return t, errNotFound
	}
	t.UserID, t.CitizenID = int64Ptr(user), int64Ptr(citizen)
	return t, nil
}

// ResetPasswordByToken uses a reset token: the user's password becomes
// hash, every session of theirs ends, and every other reset token of
// theirs is spent too. A used, expired or unknown token is not found.
func (s *Store) ResetPasswordByToken(ctx context.Context, tokenHash, passwordHash string, now time.Time) (_ int64, err error) {
	defer domain.Wrap(&err, "store.ResetPasswordByToken")
	var id int64
	err = s.transact(ctx, func(tx *Tx) error {
		t, err := tx.useToken(ctx, tokenHash, TokenReset, now)
		if err != nil {
			return err
		}
		if t.UserID == nil {
			return errNotFound
		}
		id = *t.UserID
		res, err := tx.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ? AND NOT disabled`, passwordHash, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errNotFound // turned off since the mail was sent
		}
		if _, err := tx.exec(ctx, `UPDATE mail_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, micro(now), id); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
		return err
	})
	return id, err
}

// VerifyCitizenByToken uses a verification token: the account's address
// is verified on day, and the account's tokens are deleted. A used,
// expired or unknown token is not found.
func (s *Store) VerifyCitizenByToken(ctx context.Context, tokenHash string, now, day time.Time) (_ int64, err error) {
	defer domain.Wrap(&err, "store.VerifyCitizenByToken")
	var id int64
	err = s.transact(ctx, func(tx *Tx) error {
		t, err := tx.useToken(ctx, tokenHash, TokenVerify, now)
		if err != nil {
			return err
		}
		if t.CitizenID == nil {
			return errNotFound
		}
		id = *t.CitizenID
		if _, err := tx.exec(ctx, `UPDATE citizens SET verified_at = COALESCE(verified_at, ?) WHERE id = ?`, micro(day), id); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `DELETE FROM mail_tokens WHERE citizen_id = ?`, id)
		return err
	})
	return id, err
}
