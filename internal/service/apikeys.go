package service

import (
	"context"
	"errors"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
)

// AddAPIKey makes a key for a gateway or integration, limited to channel
// ("" for any). The key is returned once and only its hash is stored.
func (s *Service) AddAPIKey(ctx context.Context, v Viewer, name, channel string) (_ domain.APIKey, key string, err error) {
	defer domain.Wrap(&err, "service.AddAPIKey(%q, %q)", name, channel)
	if err := authorize(v, domain.PermManageAPIKeys); err != nil {
		return domain.APIKey{}, "", err
	}
	name, channel = strings.TrimSpace(name), strings.ToLower(strings.TrimSpace(channel))
	if err := domain.ValidateAPIKey(name, channel); err != nil {
		return domain.APIKey{}, "", err
	}
	key, hash := domain.NewAPIKey()
	k := domain.APIKey{Name: name, Channel: channel, Hash: hash, CreatedAt: s.now()}
	if err := s.store.AddAPIKey(ctx, &k); err != nil {
		return domain.APIKey{}, "", err
	}
	return k, key, nil
}

// APIKeys lists every key (their hashes, never the keys).
func (s *Service) APIKeys(ctx context.Context, v Viewer) (_ []domain.APIKey, err error) {
	defer domain.Wrap(&err, "service.APIKeys")
	if err := authorize(v, domain.PermManageAPIKeys); err != nil {
		return nil, err
	}
	return s.store.APIKeys(ctx)
}

// RevokeAPIKey revokes key id: it is refused from then on.
func (s *Service) RevokeAPIKey(ctx context.Context, v Viewer, id int64) (err error) {
	defer domain.Wrap(&err, "service.RevokeAPIKey(%d)", id)
	if err := authorize(v, domain.PermManageAPIKeys); err != nil {
		return err
	}
	return s.store.RevokeAPIKey(ctx, id, s.now())
}

// AuthenticateAPIKey returns the key a gateway presented, if it is known,
// not revoked and allowed on channel; anything else is unauthorized, with
// no hint of which it was.
func (s *Service) AuthenticateAPIKey(ctx context.Context, key, channel string) (_ domain.APIKey, err error) {
	defer domain.Wrap(&err, "service.AuthenticateAPIKey(%q)", channel)
	key = strings.TrimSpace(key)
	if key == "" || len(key) > 200 {
		return domain.APIKey{}, domain.ErrUnauthorized
	}
	k, err := s.store.APIKeyByHash(ctx, domain.APIKeyHash(key))
	if errors.Is(err, domain.ErrNotFound) {
		return domain.APIKey{}, domain.ErrUnauthorized
	}
	if err != nil {
		return domain.APIKey{}, err
	}
	if k.Revoked() || !k.Allows(channel) {
		return domain.APIKey{}, domain.ErrUnauthorized
	}
	return k, nil
}
