package web

import (
	"net/http"
	"slices"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// The security settings, /staf/admin/keamanan: which roles must sign in
// with two-step verification.

type securityRole struct {
	Role     domain.Role
	Required bool
	Accounts int // active accounts of the role
	Missing  int // of which without two-step verification
}

type securityData struct {
	Roles   []securityRole
	SelfOff bool // the admin looking has no second factor yet
}

func (w *Web) adminSecurity(rw http.ResponseWriter, r *http.Request, p *page) error {
	p.Flash = accountFlash(p.Lang, r.URL.Query())
	return w.showSecurity(rw, r, p, http.StatusOK)
}

func (w *Web) showSecurity(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	ctx := r.Context()
	set, err := w.svc.SecuritySettings(ctx, p.viewer())
	if err != nil {
		return err
	}
	users, err := w.svc.StaffAccounts(ctx, p.viewer())
	if err != nil {
		return err
	}
	totp, err := w.svc.TOTPUsers(ctx, p.viewer())
	if err != nil {
		return err
	}
	d := securityData{SelfOff: !totp[p.Staff.ID]}
	for _, role := range domain.StaffRoles {
		sr := securityRole{Role: role, Required: slices.Contains(set.RequireTOTPRoles, role)}
		if r.Method == http.MethodPost { // shown again after a refusal: as sent
			sr.Required = p.Form.Is("require_totp_roles", string(role))
		}
		for _, u := range users {
			if u.Role == role && !u.Disabled {
				sr.Accounts++
				if !totp[u.ID] {
					sr.Missing++
				}
			}
		}
		d.Roles = append(d.Roles, sr)
	}
	p.Title = i18n.T(p.Lang, "web.security.title")
	p.Nav = "admin"
	p.Wide = true
	p.Path = "/staf/admin/keamanan"
	p.Data = d
	w.render(rw, r, p, "admin_security", status)
	return nil
}

func (w *Web) adminSaveSecurity(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	var roles []domain.Role
	for _, v := range values["require_totp_roles"] {
		roles = append(roles, domain.Role(v))
	}
	err = w.svc.SetSecuritySettings(r.Context(), p.viewer(), service.SecuritySettings{RequireTOTPRoles: roles})
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showSecurity(rw, r, p, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, "/staf/admin/keamanan?ok=security_saved")
}
