package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// SessionKind is a table of logins: staff and citizens keep theirs apart,
// by the hash of the token, with the same columns and the same rules.
type SessionKind struct {
	table, owner string
}

// The two kinds of login.
var (
	StaffSessions   = SessionKind{table: "sessions", owner: "user_id"}
	CitizenSessions = SessionKind{table: "citizen_sessions", owner: "citizen_id"}
)

// Session is a stored login.
type Session struct {
	OwnerID    int64 // the user or the citizen account
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// CreateSession stores a session by the hash of its token.
func (s *Store) CreateSession(ctx context.Context, k SessionKind, tokenHash string, ownerID int64, now, expires time.Time) (err error) {
	defer domain.Wrap(&err, "store.CreateSession(%v)", k)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO `+k.table+` (token_hash, `+k.owner+`, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			tokenHash, ownerID, micro(now), micro(now), micro(expires))
		return err
	})
}

// SessionByHash finds a session.
func (s *Store) SessionByHash(ctx context.Context, k SessionKind, tokenHash string) (_ Session, err error) {
	defer domain.Wrap(&err, "store.SessionByHash(%v)", k)
	var ss Session
	var c, l, e int64
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT `+k.owner+`, created_at, last_seen_at, expires_at FROM `+k.table+` WHERE token_hash = ?`), tokenHash).
		Scan(&ss.OwnerID, &c, &l, &e)
	if errors.Is(err, sql.ErrNoRows) {
		return ss, errNotFound
	}
	ss.CreatedAt, ss.LastSeenAt, ss.ExpiresAt = fromMicro(c), fromMicro(l), fromMicro(e)
	return ss, err
}

// TouchSession records activity on a session.
func (s *Store) TouchSession(ctx context.Context, k SessionKind, tokenHash string, now time.Time) (err error) {
	defer domain.Wrap(&err, "store.TouchSession(%v)", k)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE `+k.table+` SET last_seen_at = ? WHERE token_hash = ?`, micro(now), tokenHash)
		return err
	})
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, k SessionKind, tokenHash string) (err error) {
	defer domain.Wrap(&err, "store.DeleteSession(%v)", k)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM `+k.table+` WHERE token_hash = ?`, tokenHash)
		return err
	})
}
