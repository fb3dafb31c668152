package web

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

type userRow struct {
	ID                int64
	Email, Name, Unit string
	Role              domain.Role
	Disabled          bool
	TOTP              bool // second factor on
	Self              bool // the admin looking at the list
}

type usersData struct {
	Users []userRow
	Units []unitOption
	Roles []domain.Role
	// DefaultRole is preselected on the add form: most accounts are a
	// unit's officers, and an admin account is the one to give on purpose.
	DefaultRole domain.Role
}

func (w *Web) adminUsers(rw http.ResponseWriter, r *http.Request, p *page) error {
	p.Flash = accountFlash(p.Lang, r.URL.Query())
	return w.showUsers(rw, r, p, http.StatusOK)
}

func (w *Web) showUsers(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	users, err := w.svc.StaffAccounts(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	units, err := w.units(r.Context())
	if err != nil {
		return err
	}
	totp, err := w.svc.TOTPUsers(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, u := range units {
		names[u.ID] = u.Name
	}
	d := usersData{Units: unitOptions(units), Roles: domain.StaffRoles, DefaultRole: domain.RoleOfficer}
	for _, u := range users {
		row := userRow{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Disabled: u.Disabled,
			TOTP: totp[u.ID], Self: u.ID == p.Staff.ID}
		if u.UnitID != nil {
			row.Unit = names[*u.UnitID]
		}
		d.Users = append(d.Users, row)
	}
	p.Title = i18n.T(p.Lang, "web.admin.users")
	p.Nav = "admin"
	p.Wide = true
	p.Path = "/staf/admin/pengguna"
	p.Form.Values.Del("password")
	p.Data = d
	w.render(rw, r, p, "admin_users", status)
	return nil
}

func (w *Web) adminAddUser(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	_, err = w.svc.AddUser(r.Context(), p.viewer(), service.NewUser{Email: values.Get("email"), Name: values.Get("name"),
		Role: domain.Role(trimmed(values, "role")), Unit: values.Get("unit"), Password: values.Get("password")})
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showUsers(rw, r, p, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, "/staf/admin/pengguna?ok=user_added")
}
