package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/service"
)

// loginChecked logs in with the second factor if one is given (the
// service applies the per-e-mail limit and the lock-out). extra holds what
// the answer adds: whether the account must still enrol a second factor.
func (a *API) loginChecked(w http.ResponseWriter, r *http.Request, req loginRequest) (string, *domain.User, map[string]any, error) {
	token, u, err := a.svc.LoginWith(r.Context(), service.LoginInput{Email: req.Email, Password: req.Password, TOTP: req.TOTP})
	if err != nil {
		var e *domain.Error
		if errors.As(err, &e) && e.Key == "error.login_locked" && len(e.Args) == 1 {
			if m, ok := e.Args[0].(int); ok {
				w.Header().Set("Retry-After", strconv.Itoa(m*60))
			}
		}
		return "", nil, nil, err
	}
	extra := map[string]any{}
	sf, err := a.svc.SecondFactorOf(r.Context(), service.Staff(u))
	if err != nil {
		return "", nil, nil, err
	}
	if sf.Required && !sf.Enabled {
		// The session may only enrol (POST /api/v1/me/totp) until then.
		extra["totp_enrolment_required"] = true
	}
	return token, u, extra, nil
}

// bearer reads a staff session token.
func bearer(r *http.Request) (string, error) {
	scheme, token, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "bearer") || token == "" {
		return "", domain.ErrUnauthorized
	}
	return token, nil
}

// enrollingUser authenticates a staff member for the second-factor
// endpoints, which a session still lacking a required second factor may use.
func (a *API) enrollingUser(r *http.Request) (*domain.User, error) {
	token, err := bearer(r)
	if err != nil {
		return nil, err
	}
	return a.svc.AuthenticateForEnrolment(r.Context(), token)
}

func (a *API) logoutEverywhere(w http.ResponseWriter, r *http.Request, token string) error {
	u, err := a.svc.AuthenticateForEnrolment(r.Context(), token)
	if err != nil {
		return err
	}
	if err := a.svc.LogoutEverywhere(r.Context(), service.Staff(u)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) me(w http.ResponseWriter, r *http.Request) error {
	u, err := a.enrollingUser(r)
	if err != nil {
		return err
	}
	sf, err := a.svc.SecondFactorOf(r.Context(), service.Staff(u))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"email": u.Email, "name": u.Name, "role": u.Role,
		"totp_enabled": sf.Enabled, "totp_required": sf.Required})
	return nil
}

func (a *API) beginTOTP(w http.ResponseWriter, r *http.Request) error {
	u, err := a.enrollingUser(r)
	if err != nil {
		return err
	}
	en, err := a.svc.BeginTOTP(r.Context(), service.Staff(u))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"secret": en.Secret, "otpauth_uri": en.URI,
		"confirm": "/api/v1/me/totp/confirm"})
	return nil
}

type codeRequest struct {
	Code string `json:"code"`
}

func (a *API) readCode(w http.ResponseWriter, r *http.Request) (string, error) {
	data, err := readBody(w, r, 4<<10)
	if err != nil {
		return "", err
	}
	var req codeRequest
	if err := decodeJSON(data, &req); err != nil {
		return "", err
	}
	if strings.TrimSpace(req.Code) == "" {
		return "", domain.InvalidField("code", "field.required")
	}
	return req.Code, nil
}

func (a *API) confirmTOTP(w http.ResponseWriter, r *http.Request) error {
	u, err := a.enrollingUser(r)
	if err != nil {
		return err
	}
	code, err := a.readCode(w, r)
	if err != nil {
		return err
	}
	if err := a.svc.ConfirmTOTP(r.Context(), service.Staff(u), code); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"totp_enabled": true})
	return nil
}

func (a *API) disableTOTP(w http.ResponseWriter, r *http.Request) error {
	u, err := a.enrollingUser(r)
	if err != nil {
		return err
	}
	code, err := a.readCode(w, r)
	if err != nil {
		return err
	}
	if err := a.svc.DisableTOTP(r.Context(), service.Staff(u), code); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type securitySettingsJSON struct {
	RequireTOTPRoles []domain.Role `json:"require_totp_roles"`
}

func (a *API) securitySettings(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	set, err := a.svc.SecuritySettings(r.Context(), v)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, securitySettingsJSON{RequireTOTPRoles: set.RequireTOTPRoles})
	return nil
}

func (a *API) putSecuritySettings(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	if v.User == nil {
		return domain.ErrUnauthorized
	}
	data, err := readBody(w, r, 16<<10)
	if err != nil {
		return err
	}
	var req securitySettingsJSON
	if err := decodeJSON(data, &req); err != nil {
		return err
	}
	if err := a.svc.SetSecuritySettings(r.Context(), v, service.SecuritySettings{RequireTOTPRoles: req.RequireTOTPRoles}); err != nil {
		return err
	}
	return a.securitySettings(w, r)
}

type ppidSettingsJSON struct {
	MainUnit string `json:"main_unit"`
}

// ppidSettings answers which unit's PPID is the city's main PPID.
func (a *API) ppidSettings(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	code, err := a.svc.MainPPIDUnit(r.Context(), v)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ppidSettingsJSON{MainUnit: code})
	return nil
}

func (a *API) putPPIDSettings(w http.ResponseWriter, r *http.Request) error {
	v, err := a.viewer(r)
	if err != nil {
		return err
	}
	if v.User == nil {
		return domain.ErrUnauthorized
	}
	data, err := readBody(w, r, 4<<10)
	if err != nil {
		return err
	}
	var req ppidSettingsJSON
	if err := decodeJSON(data, &req); err != nil {
		return err
	}
	if err := a.svc.SetMainPPIDUnit(r.Context(), v, req.MainUnit); err != nil {
		if e := domain.AsError(err); e != nil && e.Fields["unit"] != "" {
			return domain.InvalidField("main_unit", "field.unit.unknown") // the name the request used
		}
		return err
	}
	return a.ppidSettings(w, r)
}
