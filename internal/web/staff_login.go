package web

import (
	"net/http"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// safeNext keeps a post-login destination inside the staff pages.
func safeNext(s string) string {
	if strings.HasPrefix(s, "/staf") && !strings.HasPrefix(s, "//") && !strings.ContainsAny(s, "\\\r\n") {
		return s
	}
	return "/staf"
}

func (w *Web) staffLoginForm(rw http.ResponseWriter, r *http.Request, p *page) error {
	next := safeNext(r.URL.Query().Get("next"))
	if p.Staff != nil {
		return redirect(rw, r, next)
	}
	if toEnrolment(rw, r, p) {
		return nil
	}
	p.Flash = accountFlash(p.Lang, r.URL.Query())
	return w.showLogin(rw, r, p, next, http.StatusOK)
}

func (w *Web) showLogin(rw http.ResponseWriter, r *http.Request, p *page, next string, status int) error {
	p.Title = i18n.T(p.Lang, "web.login.title")
	p.Path = "/masuk"
	p.Form.Values.Del("password")
	p.Form.Values.Del("totp")
	p.Data = struct{ Next string }{next}
	w.render(rw, r, p, "login", status)
	return nil
}

func (w *Web) staffLogin(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	next := safeNext(values.Get("next"))
	token, u, err := w.svc.LoginWith(r.Context(), service.LoginInput{Email: values.Get("email"),
		Password: values.Get("password"), TOTP: strings.TrimSpace(values.Get("totp"))})
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showLogin(rw, r, p, next, httperr.PageStatusOf(err))
	}
	// A session cookie (no Max-Age): the server ends the session after
	// the idle timeout or the absolute maximum anyway.
	w.setCookie(rw, r, staffCookie, token, "/", 0)
	// A role that requires two-step verification, not set up yet: the
	// session may only do that, on the account page.
	if sf, err := w.svc.SecondFactorOf(r.Context(), service.Staff(u)); err != nil {
		return err
	} else if sf.Required && !sf.Enabled {
		return redirect(rw, r, accountPath)
	}
	return redirect(rw, r, next)
}

func (w *Web) staffLogout(rw http.ResponseWriter, r *http.Request, p *page) error {
	if c, err := r.Cookie(staffCookie); err == nil && c.Value != "" {
		if err := w.svc.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	w.setCookie(rw, r, staffCookie, "", "/", -1)
	return redirect(rw, r, "/masuk")
}

// staffHome sends each role to its first page.
func (w *Web) staffHome(rw http.ResponseWriter, r *http.Request, p *page) error {
	if p.Staff.Role == domain.RoleAdmin {
		return redirect(rw, r, "/staf/antrean")
	}
	return redirect(rw, r, "/staf/kotak-masuk")
}
