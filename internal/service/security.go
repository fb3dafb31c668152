package service

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/auth"
	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/store"
)

// Staff login hardening: lock-out with back-off, optional TOTP second
// factor (RFC 6238) that admins can require per role.

// LockAfter failed logins in a row lock the account for a minute; each
// further failure doubles the lock, up to MaxLock. A successful login
// clears the count.
const (
	LockAfter = 5
	MaxLock   = time.Hour
)

// settingRequireTOTP holds the JSON list of roles that must sign in with
// a second factor.
const settingRequireTOTP = "security.require_totp_roles"

// TOTPIssuer names the instance in authenticator apps.
const TOTPIssuer = "Lapor"

func totpAAD(userID int64) []byte { return []byte("totp:" + strconv.FormatInt(userID, 10)) }

// LoginInput is what a staff member gives to sign in.
type LoginInput struct {
	Email    string
	Password string
	TOTP     string // the authenticator code, when the account has one
}

func loginFailed() error { return domain.Errorf(domain.CodeUnauthorized, "error.login_failed") }

// LoginWith checks a staff member's credentials (and second factor) and
// opens a new session, returning its token (only its hash is stored). The
// attempt is counted before the password is compared (lockout.go), and a
// locked address is refused without looking at it. An account
// whose role requires a second factor it has not set up gets a session
// that can only enrol one (see Authenticate).
func (s *Service) LoginWith(ctx context.Context, in LoginInput) (_ string, _ *domain.User, err error) {
	defer domain.Wrap(&err, "service.LoginWith")
	email := strings.ToLower(strings.TrimSpace(in.Email))
	f := domain.FieldErrors{}
	if email == "" {
		f.Add("email", "field.required")
	}
	if in.Password == "" {
		f.Add("password", "field.required")
	}
	if len(email) > domain.MaxEmail || len(in.Password) > auth.MaxPasswordLen*4 || len(in.TOTP) > 20 {
		return "", nil, loginFailed()
	}
	if err := f.Err(); err != nil {
		return "", nil, err
	}
	key, err := s.admitLogin(ctx, staffAccount, email)
	if err != nil {
		return "", nil, err
	}
	u, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, domain.ErrNotFound) {
		auth.VerifyDummy(in.Password)
		return "", nil, loginFailed()
	} else if err != nil {
		return "", nil, err
	}
	if !auth.VerifyPassword(u.PasswordHash, in.Password) || u.Disabled {
		return "", nil, loginFailed()
	}
	g, err := s.store.LoginGuard(ctx, u.ID)
	if err != nil {
		return "", nil, err
	}
	if g.TOTPEnabled {
		if strings.TrimSpace(in.TOTP) == "" {
			return "", nil, &domain.Error{Code: domain.CodeUnauthorized, Key: "error.totp_required",
				Fields: map[string]string{"totp": "field.totp.required"}}
		}
		if ok, err := s.checkTOTP(ctx, u.ID, g, in.TOTP, s.now()); err != nil {
			return "", nil, err
		} else if !ok {
			return "", nil, &domain.Error{Code: domain.CodeUnauthorized, Key: "error.login_failed",
				Fields: map[string]string{"totp": "field.totp.invalid"}}
		}
	}
	if err := s.store.ClearLoginAttempts(ctx, key); err != nil {
		return "", nil, err
	}
	token, err := s.openSession(ctx, s.staffSessions(), u.ID)
	if err != nil {
		return "", nil, err
	}
	return token, &u, nil
}

func lockedError(left time.Duration) error {
	minutes := int((left + time.Minute - 1) / time.Minute)
	return domain.Errorf(domain.CodeRateLimited, "error.login_locked", max(minutes, 1))
}

// checkTOTP verifies a code against the account's sealed secret and
// spends its time step.
func (s *Service) checkTOTP(ctx context.Context, userID int64, g store.LoginGuard, code string, now time.Time) (bool, error) {
	if len(g.TOTPSecret) == 0 {
		return false, nil
	}
	secret, err := s.sealer.Open(g.TOTPSecret, totpAAD(userID))
	if err != nil {
		return false, domain.Internal(err)
	}
	step, ok := auth.VerifyTOTP(secret, code, now)
	if !ok || step <= g.TOTPLastStep {
		return false, nil
	}
	return s.store.UseTOTPStep(ctx, userID, step)
}

// checkSecondFactor refuses a session of an account whose role requires a
// second factor it has not set up; such a session may only enrol.
func (s *Service) checkSecondFactor(ctx context.Context, u *domain.User) error {
	roles, err := s.requiredTOTPRoles(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(roles, u.Role) {
		return nil
	}
	g, err := s.store.LoginGuard(ctx, u.ID)
	if err != nil {
		return err
	}
	if !g.TOTPEnabled {
		return domain.Errorf(domain.CodeForbidden, "error.totp_enrol_required")
	}
	return nil
}

func (s *Service) requiredTOTPRoles(ctx context.Context) ([]domain.Role, error) {
	v, err := s.store.Setting(ctx, settingRequireTOTP)
	if err != nil || v == "" {
		return nil, err
	}
	var roles []domain.Role
	if err := json.Unmarshal([]byte(v), &roles); err != nil {
		s.log.Error("bad setting", "key", settingRequireTOTP, "err", err)
		return nil, nil
	}
	return roles, nil
}

// SecondFactor is the state of a staff member's second factor.
type SecondFactor struct {
	Enabled  bool // set up and confirmed
	Required bool // their role requires it
}

// SecondFactorOf tells whether u has a second factor and must have one.
func (s *Service) SecondFactorOf(ctx context.Context, v Viewer) (_ SecondFactor, err error) {
	defer domain.Wrap(&err, "service.SecondFactorOf")
	u, err := ownAccount(v)
	if err != nil {
		return SecondFactor{}, err
	}
	g, err := s.store.LoginGuard(ctx, u.ID)
	if err != nil {
		return SecondFactor{}, err
	}
	roles, err := s.requiredTOTPRoles(ctx)
	if err != nil {
		return SecondFactor{}, err
	}
	return SecondFactor{Enabled: g.TOTPEnabled, Required: slices.Contains(roles, u.Role)}, nil
}

// TOTPEnrolment is what an authenticator app needs.
type TOTPEnrolment struct {
	Secret string // base32, to type in
	URI    string // otpauth://, to scan
}

// BeginTOTP creates a new secret for u (sealed at rest). It takes effect
// once confirmed with a code (ConfirmTOTP). An account that already has a
// confirmed second factor must remove it first.
func (s *Service) BeginTOTP(ctx context.Context, v Viewer) (_ TOTPEnrolment, err error) {
	defer domain.Wrap(&err, "service.BeginTOTP")
	u, err := ownAccount(v)
	if err != nil {
		return TOTPEnrolment{}, err
	}
	g, err := s.store.LoginGuard(ctx, u.ID)
	if err != nil {
		return TOTPEnrolment{}, err
	}
	if g.TOTPEnabled {
		return TOTPEnrolment{}, domain.Errorf(domain.CodeConflict, "error.totp_already_enabled")
	}
	secret := auth.NewTOTPSecret()
	if err := s.store.StartTOTP(ctx, u.ID, s.sealer.Seal(secret, totpAAD(u.ID))); err != nil {
		return TOTPEnrolment{}, err
	}
	return TOTPEnrolment{Secret: auth.TOTPSecretText(secret), URI: auth.TOTPURI(secret, TOTPIssuer, u.Email)}, nil
}

// ConfirmTOTP turns the second factor on once u proves the app works.
func (s *Service) ConfirmTOTP(ctx context.Context, v Viewer, code string) (err error) {
	defer domain.Wrap(&err, "service.ConfirmTOTP(%q)", code)
	u, err := ownAccount(v)
	if err != nil {
		return err
	}
	g, err := s.store.LoginGuard(ctx, u.ID)
	if err != nil {
		return err
	}
	if g.TOTPEnabled {
		return domain.Errorf(domain.CodeConflict, "error.totp_already_enabled")
	}
	if len(g.TOTPSecret) == 0 {
		return domain.Errorf(domain.CodeConflict, "error.totp_not_started")
	}
	secret, err := s.sealer.Open(g.TOTPSecret, totpAAD(u.ID))
	if err != nil {
		return domain.Internal(err)
	}
	step, ok := auth.VerifyTOTP(secret, code, s.now())
	if !ok {
		return domain.InvalidField("code", "field.totp.invalid")
	}
	return s.store.EnableTOTP(ctx, u.ID, step)
}

// DisableTOTP removes u's second factor, given a valid code, unless their
// role requires one.
func (s *Service) DisableTOTP(ctx context.Context, v Viewer, code string) (err error) {
	defer domain.Wrap(&err, "service.DisableTOTP(%q)", code)
	u, err := ownAccount(v)
	if err != nil {
		return err
	}
	g, err := s.store.LoginGuard(ctx, u.ID)
	if err != nil {
		return err
	}
	if !g.TOTPEnabled {
		return s.store.DisableTOTP(ctx, u.ID) // drops an unconfirmed secret
	}
	sf, err := s.SecondFactorOf(ctx, v)
	if err != nil {
		return err
	}
	if sf.Required {
		return domain.Errorf(domain.CodeForbidden, "error.totp_required_for_role")
	}
	ok, err := s.checkTOTP(ctx, u.ID, g, code, s.now())
	if err != nil {
		return err
	}
	if !ok {
		return domain.InvalidField("code", "field.totp.invalid")
	}
	return s.store.DisableTOTP(ctx, u.ID)
}

// SecuritySettings are the admin-editable security rules.
type SecuritySettings struct {
	RequireTOTPRoles []domain.Role
}

// SecuritySettings returns the security rules; staff only.
func (s *Service) SecuritySettings(ctx context.Context, v Viewer) (_ SecuritySettings, err error) {
	defer domain.Wrap(&err, "service.SecuritySettings")
	if err := authorize(v, domain.PermReadSecurity); err != nil {
		return SecuritySettings{}, err
	}
	roles, err := s.requiredTOTPRoles(ctx)
	if roles == nil {
		roles = []domain.Role{}
	}
	return SecuritySettings{RequireTOTPRoles: roles}, err
}

// SetSecuritySettings changes the security rules; admins only. Requiring a
// second factor for a role takes effect at once: sessions of its members
// without one can then only enrol.
func (s *Service) SetSecuritySettings(ctx context.Context, v Viewer, set SecuritySettings) (err error) {
	defer domain.Wrap(&err, "service.SetSecuritySettings")
	if err := authorize(v, domain.PermManageSecurity); err != nil {
		return err
	}
	roles := []domain.Role{}
	for _, r := range set.RequireTOTPRoles {
		if !r.ValidStaff() {
			return domain.InvalidField("require_totp_roles", "field.role.unknown")
		}
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	data, _ := json.Marshal(roles)
	return s.store.PutSetting(ctx, settingRequireTOTP, string(data), s.now())
}
