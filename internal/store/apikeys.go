package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/domain"
)

// AddAPIKey stores a new key (its hash) and sets k.ID.
func (s *Store) AddAPIKey(ctx context.Context, k *domain.APIKey) (err error) {
	defer domain.Wrap(&err, "store.AddAPIKey(%q)", k.Name)
	return s.transact(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `INSERT INTO api_keys (name, channel, key_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			k.Name, k.Channel, k.Hash, micro(k.CreatedAt)).Scan(&k.ID)
	})
}

const apiKeyColumns = `id, name, channel, key_hash, created_at, revoked_at`

func scanAPIKey(row interface{ Scan(...any) error }) (domain.APIKey, error) {
	var k domain.APIKey
	var created int64
	var revoked sql.NullInt64
	if err := row.Scan(&k.ID, &k.Name, &k.Channel, &k.Hash, &created, &revoked); err != nil {
		return k, err
	}
	k.CreatedAt = fromMicro(created)
	k.RevokedAt = timePtr(revoked)
	return k, nil
}

// APIKeyByHash returns the key whose hash is hash, revoked or not. The
// hash is found through the unique index and then compared again in
// constant time, so the answer does not depend on how much of it matched.
func (s *Store) APIKeyByHash(ctx context.Context, hash string) (_ domain.APIKey, err error) {
	defer domain.Wrap(&err, "store.APIKeyByHash")
	k, err := scanAPIKey(s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT `+apiKeyColumns+` FROM api_keys WHERE key_hash = ?`), hash))
	if errors.Is(err, sql.ErrNoRows) {
		return domain.APIKey{}, errNotFound
	}
	if err != nil {
		return domain.APIKey{}, err
	}
	if subtle.ConstantTimeCompare([]byte(k.Hash), []byte(hash)) != 1 {
		return domain.APIKey{}, errNotFound
	}
	return k, nil
}

// APIKeys lists every key, oldest first.
func (s *Store) APIKeys(ctx context.Context) (_ []domain.APIKey, err error) {
	defer domain.Wrap(&err, "store.APIKeys")
	rows, err := s.reads(ctx).QueryContext(ctx, s.q(`SELECT `+apiKeyColumns+` FROM api_keys ORDER BY id`))
	return collect(rows, err, scanAPIKey)
}

// RevokeAPIKey revokes key id; revoking it again keeps the first time.
func (s *Store) RevokeAPIKey(ctx context.Context, id int64, at time.Time) (err error) {
	defer domain.Wrap(&err, "store.RevokeAPIKey(%d)", id)
	return s.transact(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`, micro(at), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errNotFound
		}
		return nil
	})
}
