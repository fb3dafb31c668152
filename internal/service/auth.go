package service

import (
	"context"
	"errors"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
)

// Login checks a staff member's credentials and opens a session, returning
// its token (only its hash is stored). An account with a second factor
// needs LoginWith and its code.
func (s *Service) Login(ctx context.Context, email, password string) (string, *domain.User, error) {
	return s.LoginWith(ctx, LoginInput{Email: email, Password: password})
}

// Authenticate returns the staff member a session token belongs to.
// Sessions end after the idle timeout or the absolute maximum. A session
// of an account whose role requires a second factor it has not set up is
// refused (error.totp_enrol_required) except by AuthenticateForEnrolment.
func (s *Service) Authenticate(ctx context.Context, token string) (*domain.User, error) {
	return s.authenticate(ctx, token, false)
}

// AuthenticateForEnrolment is Authenticate for the pages and endpoints
// that set up a second factor.
func (s *Service) AuthenticateForEnrolment(ctx context.Context, token string) (*domain.User, error) {
	return s.authenticate(ctx, token, true)
}

func (s *Service) authenticate(ctx context.Context, token string, enrolling bool) (*domain.User, error) {
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
	if !enrolling {
		if err := s.checkSecondFactor(ctx, &u); err != nil {
			return nil, err
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
