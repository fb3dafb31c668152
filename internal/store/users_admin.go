package store

import (
	"context"

	"github.com/lapor-id/lapor/internal/domain"
)

// SetUserDisabled turns a staff account off or on. Turning it off ends
// all its sessions in the same transaction, so no page opened before
// still works after. It reports not found for an unknown id.
func (s *Store) SetUserDisabled(ctx context.Context, userID int64, disabled bool) (err error) {
	defer domain.Wrap(&err, "store.SetUserDisabled(%v, %v)", userID, disabled)
	return s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, userID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errNotFound
		}
		if !disabled {
			return nil
		}
		_, err = tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
		return err
	})
}

// TOTPEnabledUsers returns the ids of the accounts whose second factor is
// on, for the admin's list of accounts.
func (s *Store) TOTPEnabledUsers(ctx context.Context) (_ map[int64]bool, err error) {
	defer domain.Wrap(&err, "store.TOTPEnabledUsers")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT id FROM users WHERE totp_enabled = ?`), true)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
