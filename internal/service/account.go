package service

import (
	"context"
	"errors"

	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
)

// A staff member's own account (password, second factor) and the admin's
// hold over the others (turn an account off or on, reset its password or
// its second factor).

// ChangePassword replaces u's password after checking the current one. All
// of u's sessions end, the current one too; the token returned is a new
// session for the device that made the change, so the person stays logged
// in there and nowhere else. A wrong current password counts as a failed
// login (lock-out included), so a session left open cannot be used to
// guess it.
func (s *Service) ChangePassword(ctx context.Context, v Viewer, current, next string) (_ string, err error) {
	defer domain.Wrap(&err, "service.ChangePassword")
	u, err := ownAccount(v)
	if err != nil {
		return "", err
	}
	f := domain.FieldErrors{}
	if current == "" {
		f.Add("current_password", "field.required")
	}
	if next == "" {
		f.Add("new_password", "field.required")
	} else if auth.CheckPassword(next) != nil {
		f.Add("new_password", "field.password.weak")
	}
	if len(current) > auth.MaxPasswordLen*4 {
		f.Add("current_password", "field.password.wrong")
	}
	if _, bad := f["current_password"]; bad {
		return "", f.Err()
	}
	fresh, err := s.store.UserByID(ctx, u.ID)
	if err != nil {
		return "", err
	}
	// The current password is guessed as at the sign-in: the same count.
	key, err := s.admitLogin(ctx, staffAccount, fresh.Email)
	if err != nil {
		return "", err
	}
	if !auth.VerifyPassword(fresh.PasswordHash, current) {
		f.Add("current_password", "field.password.wrong")
		return "", f.Err()
	}
	// The right password ends the run of failures, whatever is wrong with
	// the new one.
	if err := s.store.ClearLoginAttempts(ctx, key); err != nil {
		return "", err
	}
	if err := f.Err(); err != nil {
		return "", err
	}
	if next == current {
		return "", domain.InvalidField("new_password", "field.password.same")
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		return "", err
	}
	if err := s.store.SetPassword(ctx, u.ID, hash); err != nil { // ends every session
		return "", err
	}
	return s.openSession(ctx, s.staffSessions(), u.ID)
}

// PendingTOTP returns the enrolment u started (BeginTOTP) and has not
// confirmed yet, so a page can show it again; ok is false when there is
// none.
func (s *Service) PendingTOTP(ctx context.Context, v Viewer) (en TOTPEnrolment, ok bool, err error) {
	defer domain.Wrap(&err, "service.PendingTOTP")
	u, err := ownAccount(v)
	if err != nil {
		return TOTPEnrolment{}, false, err
	}
	g, err := s.store.LoginGuard(ctx, u.ID)
	if err != nil || g.TOTPEnabled || len(g.TOTPSecret) == 0 {
		return TOTPEnrolment{}, false, err
	}
	secret, err := s.sealer.Open(g.TOTPSecret, totpAAD(u.ID))
	if err != nil {
		return TOTPEnrolment{}, false, domain.Internal(err)
	}
	return TOTPEnrolment{Secret: auth.TOTPSecretText(secret), URI: auth.TOTPURI(secret, TOTPIssuer, u.Email)}, true, nil
}

// TOTPUsers returns the ids of the accounts whose second factor is on.
func (s *Service) TOTPUsers(ctx context.Context, v Viewer) (_ map[int64]bool, err error) {
	defer domain.Wrap(&err, "service.TOTPUsers")
	if err := authorize(v, domain.PermReadStaff); err != nil {
		return nil, err
	}
	return s.store.TOTPEnabledUsers(ctx)
}

// otherAccount loads the account an admin acts on. Admins may not act on
// themselves here (selfKey says why): their own password and second factor
// change on their account page, where the current ones are asked for, and
// an admin who turns themselves off could lock everyone out.
func (s *Service) otherAccount(ctx context.Context, v Viewer, userID int64, selfKey string) (domain.User, error) {
	if err := authorize(v, domain.PermManageStaff); err != nil {
		return domain.User{}, err
	}
	u, err := s.store.UserByID(ctx, userID)
	if errors.Is(err, domain.ErrNotFound) {
		return u, domain.ErrNotFound
	} else if err != nil {
		return u, err
	}
	if v.User != nil && u.ID == v.User.ID {
		return u, domain.Errorf(domain.CodeForbidden, selfKey)
	}
	return u, nil
}

// DisableUser turns a staff account off: it can no longer log in and its
// sessions end at once. Its reports and history stay.
func (s *Service) DisableUser(ctx context.Context, v Viewer, userID int64) (err error) {
	defer domain.Wrap(&err, "service.DisableUser(%v)", userID)
	if _, err := s.otherAccount(ctx, v, userID, "error.account.disable_self"); err != nil {
		return err
	}
	return s.store.SetUserDisabled(ctx, userID, true)
}

// EnableUser turns a disabled staff account back on.
func (s *Service) EnableUser(ctx context.Context, v Viewer, userID int64) (err error) {
	defer domain.Wrap(&err, "service.EnableUser(%v)", userID)
	if _, err := s.otherAccount(ctx, v, userID, "error.account.disable_self"); err != nil {
		return err
	}
	return s.store.SetUserDisabled(ctx, userID, false)
}

// ResetTOTP removes a staff member's second factor (a lost phone), so they
// can set up a new one. If their role requires one, their sessions can
// then only do that.
func (s *Service) ResetTOTP(ctx context.Context, v Viewer, userID int64) (err error) {
	defer domain.Wrap(&err, "service.ResetTOTP(%v)", userID)
	if _, err := s.otherAccount(ctx, v, userID, "error.account.reset_self"); err != nil {
		return err
	}
	return s.store.DisableTOTP(ctx, userID)
}

// ResetPassword gives a staff member a temporary password chosen by an
// admin (to be handed over in person and changed on first use). Their
// sessions end and any lock-out is lifted.
func (s *Service) ResetPassword(ctx context.Context, v Viewer, userID int64, temporary string) (err error) {
	defer domain.Wrap(&err, "service.ResetPassword(%v)", userID)
	u, err := s.otherAccount(ctx, v, userID, "error.account.reset_self")
	if err != nil {
		return err
	}
	if auth.CheckPassword(temporary) != nil {
		return domain.InvalidField("password", "field.password.weak")
	}
	hash, err := auth.HashPassword(temporary)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(ctx, userID, hash); err != nil {
		return err
	}
	return s.store.ClearLoginAttempts(ctx, s.loginKey(staffAccount, u.Email))
}

// ownAccount is the staff member acting on their own account.
func ownAccount(v Viewer) (*domain.User, error) {
	if err := authorize(v, domain.PermOwnAccount); err != nil {
		return nil, err
	}
	return v.User, nil
}
