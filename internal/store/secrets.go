package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/lapor-id/lapor/internal/domain"
)

// InstanceSecret returns the sealed value of a named secret of this
// instance (a random key the service keeps here, sealed under the key
// file's key, so it follows the key through rotation).
func (s *Store) InstanceSecret(ctx context.Context, name string) (_ []byte, err error) {
	defer domain.Wrap(&err, "store.InstanceSecret(%q)", name)
	var v []byte
	err = s.reads(ctx).QueryRowContext(ctx, s.q(`SELECT sealed_value FROM instance_secrets WHERE name = ?`), name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound
	}
	return v, err
}

// AddInstanceSecret stores a secret unless one of that name exists (two
// nodes starting at once): the caller reads back the one that won.
func (s *Store) AddInstanceSecret(ctx context.Context, name string, sealed []byte) (err error) {
	defer domain.Wrap(&err, "store.AddInstanceSecret(%q)", name)
	return s.transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO instance_secrets (name, sealed_value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, sealed)
		return err
	})
}
