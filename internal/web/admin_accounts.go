package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/service"
)

// Admins manage the other staff accounts from /staf/admin/pengguna: turn
// one off or on, reset its second factor or give it a temporary password.
// Each is a small form per account that works without JavaScript.

// userID reads the account id of the address.
func userID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.ErrNotFound
	}
	return id, nil
}

// adminUserAction runs a one-button action on an account and goes back
// to the list with its notice.
func (w *Web) adminUserAction(do func(ctx context.Context, v service.Viewer, id int64) error, ok string) handler {
	return func(rw http.ResponseWriter, r *http.Request, p *page) error {
		id, err := userID(r)
		if err != nil {
			return err
		}
		if err := do(r.Context(), p.viewer(), id); err != nil {
			return err
		}
		return redirect(rw, r, "/staf/admin/pengguna?ok="+ok)
	}
}

func (w *Web) adminDisableUser(rw http.ResponseWriter, r *http.Request, p *page) error {
	return w.adminUserAction(w.svc.DisableUser, "user_disabled")(rw, r, p)
}

func (w *Web) adminEnableUser(rw http.ResponseWriter, r *http.Request, p *page) error {
	return w.adminUserAction(w.svc.EnableUser, "user_enabled")(rw, r, p)
}

func (w *Web) adminResetTOTP(rw http.ResponseWriter, r *http.Request, p *page) error {
	return w.adminUserAction(w.svc.ResetTOTP, "totp_reset")(rw, r, p)
}

// resetAction names the reset-password form of an account on the page.
func resetAction(id int64) string { return "reset-" + strconv.FormatInt(id, 10) }

func (w *Web) adminResetPassword(rw http.ResponseWriter, r *http.Request, p *page) error {
	id, err := userID(r)
	if err != nil {
		return err
	}
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values, p.Form.Action = values, resetAction(id)
	if err := w.svc.ResetPassword(r.Context(), p.viewer(), id, values.Get("password")); err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showUsers(rw, r, p, httperr.PageStatusOf(err))
	}
	return redirect(rw, r, "/staf/admin/pengguna?ok=password_reset")
}
