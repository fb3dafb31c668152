package web

import (
	"net/http"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
)

// Self-service password reset for staff (/masuk/lupa, /masuk/sandi-baru)
// and a citizen account's address verification (/akun/verifikasi). A
// link's page only asks; its form's POST uses the token, so a mail
// scanner that follows links uses nothing.

type tokenData struct {
	Token string
	Sent  bool // the neutral answer after asking for a reset link
}

func (w *Web) forgotForm(rw http.ResponseWriter, r *http.Request, p *page) error {
	return w.showTokenPage(rw, r, p, "forgot", "web.reset.title", tokenData{}, http.StatusOK)
}

func (w *Web) forgot(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	if err := w.svc.RequestPasswordReset(r.Context(), p.viewer(), values.Get("email")); err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showTokenPage(rw, r, p, "forgot", "web.reset.title", tokenData{}, http.StatusUnprocessableEntity)
	}
	// The same answer whether or not the address has an account.
	return w.showTokenPage(rw, r, p, "forgot", "web.reset.title", tokenData{Sent: true}, http.StatusOK)
}

// linkToken is the token of an e-mailed link (?t=); a missing or
// oversized one is a page that does not exist.
func linkToken(r *http.Request) (string, error) {
	tok := r.URL.Query().Get("t")
	if tok == "" || len(tok) > 128 {
		return "", domain.ErrNotFound
	}
	return tok, nil
}

func (w *Web) newPasswordForm(rw http.ResponseWriter, r *http.Request, p *page) error {
	tok, err := linkToken(r)
	if err != nil {
		return err
	}
	return w.showTokenPage(rw, r, p, "new_password", "web.reset.new_title", tokenData{Token: tok}, http.StatusOK)
}

func (w *Web) newPassword(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	d := tokenData{Token: values.Get("t")}
	next := values.Get("new_password")
	err = nil
	if next != "" && next != values.Get("new_password_confirm") {
		err = domain.InvalidField("new_password_confirm", "field.password.mismatch")
	}
	if err == nil {
		err = w.svc.ResetPasswordWithToken(r.Context(), p.viewer(), d.Token, next)
	}
	if err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		p.Form.Values.Del("new_password")
		p.Form.Values.Del("new_password_confirm")
		return w.showTokenPage(rw, r, p, "new_password", "web.reset.new_title", d, http.StatusUnprocessableEntity)
	}
	return redirect(rw, r, "/masuk?ok=password_reset_done")
}

func (w *Web) verifyForm(rw http.ResponseWriter, r *http.Request, p *page) error {
	tok, err := linkToken(r)
	if err != nil {
		return err
	}
	return w.showTokenPage(rw, r, p, "verify_email", "web.verify.title", tokenData{Token: tok}, http.StatusOK)
}

func (w *Web) verify(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	d := tokenData{Token: values.Get("t")}
	if err := w.svc.VerifyCitizenEmail(r.Context(), p.viewer(), d.Token); err != nil {
		if !p.Form.setError(p.Lang, err) {
			return err
		}
		return w.showTokenPage(rw, r, p, "verify_email", "web.verify.title", d, http.StatusUnprocessableEntity)
	}
	return redirect(rw, r, "/akun/masuk?ok=verified")
}

func (w *Web) showTokenPage(rw http.ResponseWriter, r *http.Request, p *page, tmpl, title string, d tokenData, status int) error {
	rw.Header().Set("X-Robots-Tag", "noindex")
	rw.Header().Set("Referrer-Policy", "no-referrer") // the token is in the address
	p.Title = i18n.T(p.Lang, title)
	p.Data = d
	w.render(rw, r, p, tmpl, status)
	return nil
}
