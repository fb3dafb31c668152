package service

import (
	"context"

	"github.com/lapor-id/lapor/internal/domain"
)

// Login checks a staff member's credentials and opens a session, returning
// its token (only its hash is stored). An account with a second factor
// needs LoginWith and its code.
func (s *Service) Login(ctx context.Context, email, password string) (_ string, _ *domain.User, err error) {
	defer domain.Wrap(&err, "service.Login")
	return s.LoginWith(ctx, LoginInput{Email: email, Password: password})
}

// Authenticate returns the staff member a session token belongs to.
// Sessions end after the idle timeout or the absolute maximum. A session
// of an account whose role requires a second factor it has not set up is
// refused (error.totp_enrol_required) except by AuthenticateForEnrolment.
func (s *Service) Authenticate(ctx context.Context, token string) (_ *domain.User, err error) {
	defer domain.Wrap(&err, "service.Authenticate")
	return s.authenticate(ctx, token, false)
}

// AuthenticateForEnrolment is Authenticate for the pages and endpoints
// that set up a second factor.
func (s *Service) AuthenticateForEnrolment(ctx context.Context, token string) (_ *domain.User, err error) {
	defer domain.Wrap(&err, "service.AuthenticateForEnrolment")
	return s.authenticate(ctx, token, true)
}

func (s *Service) authenticate(ctx context.Context, token string, enrolling bool) (*domain.User, error) {
	userID, err := s.checkSession(ctx, s.staffSessions(), token)
	if err != nil {
		return nil, err
	}
	u, err := s.store.UserByID(ctx, userID)
	if err != nil || u.Disabled {
		return nil, domain.ErrUnauthorized
	}
	if !enrolling {
		if err := s.checkSecondFactor(ctx, &u); err != nil {
			return nil, err
		}
	}
	return &u, nil
}

// Logout ends one session.
func (s *Service) Logout(ctx context.Context, token string) (err error) {
	defer domain.Wrap(&err, "service.Logout")
	return s.closeSession(ctx, s.staffSessions(), token)
}

// LogoutEverywhere ends all sessions of a user.
func (s *Service) LogoutEverywhere(ctx context.Context, v Viewer) (err error) {
	defer domain.Wrap(&err, "service.LogoutEverywhere")
	u, err := ownAccount(v)
	if err != nil {
		return err
	}
	return s.store.DeleteUserSessions(ctx, u.ID)
}

// ReporterViewer returns the viewer for a receipt.
func ReporterViewer(receipt string) Viewer {
	receipt = domain.NormalizeReceipt(receipt)
	if receipt == "" || len(receipt) > 100 {
		return Public
	}
	return Viewer{ReceiptHash: domain.HashSecret(receipt)}
}
