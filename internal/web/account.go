package web

import (
	"net/http"
	"strconv"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// Citizen accounts are optional: everything works with the receipt alone.

func (w *Web) accountHome(rw http.ResponseWriter, r *http.Request, p *page) error {
	if p.Citizen == nil {
		return redirect(rw, r, "/akun/masuk")
	}
	list, err := w.svc.MyReports(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	p.Title = i18n.T(p.Lang, "web.account.mine_title")
	p.Nav = "account"
	p.Data = struct{ Reports []service.MyReport }{list}
	w.render(rw, r, p, "account", http.StatusOK)
	return nil
}

func (w *Web) accountRegisterForm(rw http.ResponseWriter, r *http.Request, p *page) error {
	if p.Citizen != nil {
		return redirect(rw, r, "/akun")
	}
	return w.showAccountForm(rw, r, p, "account_register", "web.account.register_title", http.StatusOK)
}

func (w *Web) accountLoginForm(rw http.ResponseWriter, r *http.Request, p *page) error {
	if p.Citizen != nil {
		return redirect(rw, r, "/akun")
	}
	switch r.URL.Query().Get("ok") {
	case "registered":
		p.Flash = i18n.T(p.Lang, "web.account.registered")
	case "verified":
		p.Flash = i18n.T(p.Lang, "web.account.verified")
	}
	return w.showAccountForm(rw, r, p, "account_login", "web.account.login_title", http.StatusOK)
}

func (w *Web) showAccountForm(rw http.ResponseWriter, r *http.Request, p *page, tmpl, title string, status int) error {
	p.Title = i18n.T(p.Lang, title)
	p.Nav = "account"
	p.Form.Values.Del("password")
	w.render(rw, r, p, tmpl, status)
	return nil
}

func (w *Web) accountRegister(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	if err := w.svc.RegisterCitizen(r.Context(), values.Get("email"), values.Get("password"), p.Lang); err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showAccountForm(rw, r, p, "account_register", "web.account.register_title", httperr.PageStatusOf(err))
	}
	// The same answer whether the address was free or not: sign in.
	return redirect(rw, r, "/akun/masuk?ok=registered")
}

func (w *Web) accountLogin(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	token, _, err := w.svc.LoginCitizen(r.Context(), values.Get("email"), values.Get("password"))
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showAccountForm(rw, r, p, "account_login", "web.account.login_title", httperr.PageStatusOf(err))
	}
	w.setCookie(rw, r, citizenCookie, token, "/", service.CitizenSessionMax)
	return redirect(rw, r, "/akun")
}

func (w *Web) accountLogout(rw http.ResponseWriter, r *http.Request, p *page) error {
	// On a shared computer the next person must not act as this reporter:
	// forget the receipts the account handed to this browser.
	if p.Citizen != nil {
		if mine, err := w.svc.MyReports(r.Context(), p.viewer()); err == nil {
			for _, m := range mine {
				w.setCookie(rw, r, receiptCookie, "", receiptPath(m.TrackingID), -1)
			}
		}
	}
	if c, err := r.Cookie(citizenCookie); err == nil && c.Value != "" {
		if err := w.svc.LogoutCitizen(r.Context(), c.Value); err != nil {
			return err
		}
	}
	w.setCookie(rw, r, citizenCookie, "", "/", -1)
	return redirect(rw, r, "/")
}

// accountOpenReport lets an account holder act on a report filed from
// the account: the receipt kept (sealed) with the account is handed to
// the browser as the report's receipt cookie.
func (w *Web) accountOpenReport(rw http.ResponseWriter, r *http.Request, p *page) error {
	if p.Citizen == nil {
		return redirect(rw, r, "/akun/masuk")
	}
	ref, err := strconv.ParseInt(r.PathValue("ref"), 10, 64)
	if err != nil {
		return domain.ErrNotFound
	}
	id, receipt, err := w.svc.MyReportReceipt(r.Context(), p.viewer(), ref)
	if err != nil {
		return err
	}
	w.setCookie(rw, r, receiptCookie, receipt, receiptPath(id), 0) // gone when the browser closes
	return redirect(rw, r, "/lacak/"+id)
}
