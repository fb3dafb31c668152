package service

import (
	"context"
	"errors"
	"time"

	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// sessionRules are the timeouts of one kind of login.
type sessionRules struct {
	kind       store.SessionKind
	max, idle  time.Duration
	touchEvery time.Duration // record activity at most this often: a read must not cost a write
	// grain, when set, is how finely the session's times are kept: a
	// citizen's are days, so they cannot be lined up with a report filed
	// from the account (unlinkable.go).
	grain time.Duration
}

// stamp is now as the session keeps it.
func (r sessionRules) stamp(now time.Time) time.Time {
	if r.grain == 0 {
		return now
	}
	return now.UTC().Truncate(r.grain)
}

func (s *Service) staffSessions() sessionRules {
	return sessionRules{kind: store.StaffSessions, max: s.cfg.SessionMax, idle: s.cfg.SessionIdle, touchEvery: time.Minute}
}

var citizenSessions = sessionRules{kind: store.CitizenSessions, max: CitizenSessionMax, idle: CitizenSessionIdle,
	touchEvery: dayGrain, grain: dayGrain}

// openSession starts a login with a new random token (a token planted
// before login is worth nothing after it); only its hash is stored.
func (s *Service) openSession(ctx context.Context, rules sessionRules, ownerID int64) (string, error) {
	token := auth.NewToken()
	now := rules.stamp(s.now())
	if err := s.store.CreateSession(ctx, rules.kind, domain.HashSecret(token), ownerID, now, now.Add(rules.max)); err != nil {
		return "", err
	}
	return token, nil
}

// checkSession returns the owner of a live session. A session past its
// absolute or idle timeout is deleted and refused.
func (s *Service) checkSession(ctx context.Context, rules sessionRules, token string) (int64, error) {
	if token == "" || len(token) > 200 {
		return 0, domain.ErrUnauthorized
	}
	hash := domain.HashSecret(token)
	ss, err := s.store.SessionByHash(ctx, rules.kind, hash)
	if errors.Is(err, domain.ErrNotFound) {
		return 0, domain.ErrUnauthorized
	} else if err != nil {
		return 0, err
	}
	now := s.now()
	if now.After(ss.ExpiresAt) || now.Sub(ss.LastSeenAt) > rules.idle {
		_ = s.store.DeleteSession(ctx, rules.kind, hash)
		return 0, domain.ErrUnauthorized
	}
	if now.Sub(ss.LastSeenAt) >= rules.touchEvery {
		if err := s.store.TouchSession(ctx, rules.kind, hash, rules.stamp(now)); err != nil {
			s.log.Warn("touch session", "err", err)
		}
	}
	return ss.OwnerID, nil
}

// closeSession ends one session.
func (s *Service) closeSession(ctx context.Context, rules sessionRules, token string) error {
	return s.store.DeleteSession(ctx, rules.kind, domain.HashSecret(token))
}
