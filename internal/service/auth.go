package service

import (
	"context"
	"errors"
	"strings"

	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
)

// Login checks a staff member's credentials and opens a session, returning
// its token (only its hash is stored).
func (s *Service) Login(ctx context.Context, email, password string) (string, *domain.User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	f := domain.FieldErrors{}
	if email == "" {
		f.Add("email", "field.required")
	}
	if password == "" {
		f.Add("password", "field.required")
	}
	if len(email) > domain.MaxEmail || len(password) > auth.MaxPasswordLen*4 {
		return "", nil, domain.Errorf(domain.CodeUnauthorized, "error.login_failed")
	}
	if err := f.Err(); err != nil {
		return "", nil, err
	}
	u, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, domain.ErrNotFound) {
		auth.VerifyDummy(password)
		return "", nil, domain.Errorf(domain.CodeUnauthorized, "error.login_failed")
	} else if err != nil {
		return "", nil, err
	}
	if !auth.VerifyPassword(u.PasswordHash, password) || u.Disabled {
		return "", nil, domain.Errorf(domain.CodeUnauthorized, "error.login_failed")
	}
	token := auth.NewToken()
	now := s.now()
	if err := s.store.CreateSession(ctx, domain.HashSecret(token), u.ID, now, now.Add(s.cfg.SessionMax)); err != nil {
		return "", nil, err
	}
	return token, &u, nil
}

// Authenticate returns the staff member a session token belongs to.
// Sessions end after the idle timeout or the absolute maximum.
func (s *Service) Authenticate(ctx context.Context, token string) (*domain.User, error) {
	if token == "" || len(token) > 200 {
		return nil, domain.ErrUnauthorized
	}
	hash := domain.HashSecret(token)
	ss, err := s.store.SessionByHash(ctx, hash)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, domain.ErrUnauthorized
	} else if err != nil {
		return nil, err
	}
	now := s.now()
	if now.After(ss.ExpiresAt) || now.Sub(ss.LastSeenAt) > s.cfg.SessionIdle {
		_ = s.store.DeleteSession(ctx, hash)
		return nil, domain.ErrUnauthorized
	}
	u, err := s.store.UserByID(ctx, ss.UserID)
	if err != nil || u.Disabled {
		return nil, domain.ErrUnauthorized
	}
	// Record activity at most once a minute: a read must not cost a write.
	if now.Sub(ss.LastSeenAt) > 0 && now.Sub(ss.LastSeenAt).Minutes() >= 1 {
		if err := s.store.TouchSession(ctx, hash, now); err != nil {
			s.log.Warn("touch session", "err", err)
		}
	}
	return &u, nil
}

// Logout ends one session.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.store.DeleteSession(ctx, domain.HashSecret(token))
}

// LogoutEverywhere ends all sessions of a user.
func (s *Service) LogoutEverywhere(ctx context.Context, userID int64) error {
	return s.store.DeleteUserSessions(ctx, userID)
}

// ReporterViewer returns the viewer for a receipt.
func ReporterViewer(receipt string) Viewer {
	receipt = strings.TrimSpace(receipt)
	if receipt == "" || len(receipt) > 100 {
		return Public
	}
	return Viewer{ReceiptHash: domain.HashSecret(receipt)}
}
