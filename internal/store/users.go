package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/lapor-id/lapor/internal/domain"
)

const userColumns = `id, email, name, role, unit_id, password_hash, disabled, created_at`

func scanUser(row interface{ Scan(...any) error }) (domain.User, error) {
	var u domain.User
	var unit sql.NullInt64
	var created int64
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &unit, &u.PasswordHash, &u.Disabled, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return u, errNotFound
	}
	u.UnitID = int64Ptr(unit)
	u.CreatedAt = fromMicro(created)
	return u, err
}

// CreateUser adds a staff account.
func (s *Store) CreateUser(ctx context.Context, u *domain.User) (err error) {
	defer domain.Wrap(&err, "store.CreateUser")
	return s.transact(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO users (email, name, role, unit_id, password_hash, disabled, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			u.Email, u.Name, string(u.Role), nullInt(u.UnitID), u.PasswordHash, u.Disabled, micro(u.CreatedAt)).Scan(&u.ID)
		if isUniqueViolation(err, "email") {
			return domain.InvalidField("email", "field.email.taken")
		}
		return err
	})
}

// SetPassword replaces a user's password hash and ends their sessions.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) (err error) {
	defer domain.Wrap(&err, "store.SetPassword(%v)", userID)
	return s.transact(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
		return err
	})
}

// UserByEmail finds a staff account by e-mail (stored lower case).
func (s *Store) UserByEmail(ctx context.Context, email string) (_ domain.User, err error) {
	defer domain.Wrap(&err, "store.UserByEmail")
	return scanUser(s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE email = ?`), email))
}

// UserByID finds a staff account.
func (s *Store) UserByID(ctx context.Context, id int64) (_ domain.User, err error) {
	defer domain.Wrap(&err, "store.UserByID(%v)", id)
	return scanUser(s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE id = ?`), id))
}

// ListUsers returns all staff accounts.
func (s *Store) ListUsers(ctx context.Context) (_ []domain.User, err error) {
	defer domain.Wrap(&err, "store.ListUsers")
	rows, err := s.reads(ctx).QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY email`)
	return collect(rows, err, scanUser)
}

// DeleteUserSessions ends every session of a user (logout everywhere).
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) (err error) {
	defer domain.Wrap(&err, "store.DeleteUserSessions(%v)", userID)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
		return err
	})
}
