package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/httperr"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
	"github.com/lapor-id/lapor/internal/web/qr"
)

// A staff member's own account, /staf/akun: password, two-step
// verification, logging out everywhere.
//
// When their role requires two-step verification and they have not set it
// up, a correct password still opens a session, but one that reaches only
// this page (as the API lets such a session reach only /api/v1/me/totp):
// every other staff page sends them here.

// accountPath is the staff member's account page.
const accountPath = "/staf/akun"

// enrolmentRequired reports whether the staff session cookie was refused
// only because a second factor must be set up first.
func enrolmentRequired(p *page) bool {
	var e *domain.Error
	return errors.As(p.staffErr, &e) && e.Key == "error.totp_enrol_required"
}

// toEnrolment sends a session that may only set up a second factor to the
// account page, and reports whether it did.
func toEnrolment(rw http.ResponseWriter, r *http.Request, p *page) bool {
	if p.Staff != nil || !enrolmentRequired(p) {
		return false
	}
	http.Redirect(rw, r, accountPath, http.StatusSeeOther)
	return true
}

// account is page for the account page and its forms: like staff, but a
// session still lacking a required second factor is let in too, marked
// p.Enrolling.
func (w *Web) account(h handler) http.Handler {
	return w.page(func(rw http.ResponseWriter, r *http.Request, p *page) error {
		if p.Staff == nil && enrolmentRequired(p) {
			c, err := r.Cookie(staffCookie)
			if err != nil {
				return domain.ErrUnauthorized
			}
			u, err := w.svc.AuthenticateForEnrolment(r.Context(), c.Value)
			if err != nil {
				return err
			}
			p.Staff, p.Enrolling = u, true
		}
		if p.Staff == nil {
			if r.Method != http.MethodGet {
				return domain.ErrUnauthorized
			}
			return redirect(rw, r, "/masuk?next="+url.QueryEscape(accountPath))
		}
		rw.Header().Set("X-Robots-Tag", "noindex")
		return h(rw, r, p)
	})
}

// accountFlashes are the notices of the account and administration forms
// (?ok=...).
var accountFlashes = map[string]string{
	"password_changed":    "web.flash.password_changed",
	"main_ppid_saved":     "web.flash.main_ppid_saved",
	"totp_enabled":        "web.flash.totp_enabled",
	"totp_disabled":       "web.flash.totp_disabled",
	"totp_cancelled":      "web.flash.totp_cancelled",
	"logged_out_all":      "web.flash.logged_out_all",
	"user_disabled":       "web.flash.user_disabled",
	"user_enabled":        "web.flash.user_enabled",
	"totp_reset":          "web.flash.totp_reset",
	"password_reset":      "web.flash.password_reset",
	"unit_updated":        "web.flash.unit_updated",
	"security_saved":      "web.flash.security_saved",
	"notify_saved":        "web.flash.notify_saved",
	"password_reset_done": "web.flash.password_reset_done",
}

// accountFlash is staffFlash with the notices of these pages.
func accountFlash(lang i18n.Lang, q url.Values) string {
	if key, ok := accountFlashes[q.Get("ok")]; ok {
		return i18n.T(lang, key)
	}
	return staffFlash(lang, q)
}

type staffAccountData struct {
	User      *domain.User
	Unit      string
	Second    service.SecondFactor
	Pending   *pendingTOTP // set up started, not confirmed
	Enrolling bool
	Notify    []notifyRow // how each kind of notice reaches the user
	Lang      string      // the notices' language
}

// notifyRow is one kind of notice on the account page, with its choices.
type notifyRow struct {
	Kind    string
	Choices []notifyChoice
}

type notifyChoice struct {
	Mode    string
	Checked bool
}

// pendingTOTP is what an authenticator app needs, shown until confirmed.
type pendingTOTP struct {
	QR     template.HTML // the otpauth URI as a QR code; empty if too long
	Secret string        // in groups of four, to type in by hand
}

func (w *Web) staffAccount(rw http.ResponseWriter, r *http.Request, p *page) error {
	p.Flash = accountFlash(p.Lang, r.URL.Query())
	return w.showStaffAccount(rw, r, p, http.StatusOK)
}

func (w *Web) showStaffAccount(rw http.ResponseWriter, r *http.Request, p *page, status int) error {
	ctx := r.Context()
	d := staffAccountData{User: p.Staff, Enrolling: p.Enrolling}
	if p.Staff.UnitID != nil {
		units, err := w.units(ctx)
		if err != nil {
			return err
		}
		for _, u := range units {
			if u.ID == *p.Staff.UnitID {
				d.Unit = u.Name
			}
		}
	}
	sf, err := w.svc.SecondFactorOf(ctx, p.viewer())
	if err != nil {
		return err
	}
	d.Second = sf
	ns, err := w.svc.NotifySettingsOf(ctx, p.viewer())
	if err != nil {
		return err
	}
	posted := p.Form.Action == "notify"
	d.Lang = ns.Lang
	if posted {
		d.Lang = p.Form.Values.Get("notify_lang")
	}
	for _, k := range domain.NotifyKinds {
		row := notifyRow{Kind: string(k)}
		cur := ns.Modes[k]
		if posted {
			cur = p.Form.Values.Get("notify." + string(k))
		}
		for _, m := range []string{domain.NotifyNow, domain.NotifyDigest, domain.NotifyOff} {
			row.Choices = append(row.Choices, notifyChoice{Mode: m, Checked: m == cur})
		}
		d.Notify = append(d.Notify, row)
	}
	if !sf.Enabled {
		en, ok, err := w.svc.PendingTOTP(ctx, p.viewer())
		if err != nil {
			return err
		}
		if ok {
			d.Pending = &pendingTOTP{Secret: groupBy(en.Secret, 4)}
			if code, err := qr.Encode([]byte(en.URI)); err == nil {
				// The SVG comes from our own encoder; its only text is escaped.
				d.Pending.QR = template.HTML(code.SVG(i18n.T(p.Lang, "web.staff_account.qr_label")))
			}
		}
	}
	p.Title = i18n.T(p.Lang, "web.staff_account.title")
	p.Nav = "staff_account"
	p.Path = accountPath
	for _, f := range []string{"current_password", "new_password", "new_password_confirm", "totp"} {
		p.Form.Values.Del(f)
	}
	p.Data = d
	w.render(rw, r, p, "staff_account", status)
	return nil
}

// groupBy splits s into groups of n separated by spaces, for reading and
// typing by hand; authenticator apps ignore the spaces.
func groupBy(s string, n int) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%n == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// accountFormError shows the account page again with err on the form
// named action, or fails with err when it is nothing the form can show.
func (w *Web) accountFormError(rw http.ResponseWriter, r *http.Request, p *page, action string, err error) error {
	p.Form.Action = action
	if !p.Form.setError(p.Lang, err) {
		return err
	}
	return w.showStaffAccount(rw, r, p, httperr.PageStatusOf(err))
}

func (w *Web) staffChangePassword(rw http.ResponseWriter, r *http.Request, p *page) error {
	if p.Enrolling {
		return redirect(rw, r, accountPath)
	}
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	next := values.Get("new_password")
	if next != "" && next != values.Get("new_password_confirm") {
		return w.accountFormError(rw, r, p, "password", domain.InvalidField("new_password_confirm", "field.password.mismatch"))
	}
	token, err := w.svc.ChangePassword(r.Context(), p.viewer(), values.Get("current_password"), next)
	if err != nil {
		return w.accountFormError(rw, r, p, "password", err)
	}
	// Every session ended, this one too: this browser gets the new one.
	w.setCookie(rw, r, staffCookie, token, "/", 0)
	return redirect(rw, r, accountPath+"?ok=password_changed")
}

// staffSaveNotify stores how each kind of notice reaches the user.
func (w *Web) staffSaveNotify(rw http.ResponseWriter, r *http.Request, p *page) error {
	if p.Enrolling {
		return redirect(rw, r, accountPath)
	}
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	ns := service.NotifySettings{Lang: values.Get("notify_lang"), Modes: map[domain.NotifyKind]string{}}
	for _, k := range domain.NotifyKinds {
		ns.Modes[k] = values.Get("notify." + string(k))
	}
	if err := w.svc.SetNotifySettings(r.Context(), p.viewer(), ns); err != nil {
		return w.accountFormError(rw, r, p, "notify", err)
	}
	return redirect(rw, r, accountPath+"?ok=notify_saved#notify-h")
}

func (w *Web) staffBeginTOTP(rw http.ResponseWriter, r *http.Request, p *page) error {
	if _, err := w.svc.BeginTOTP(r.Context(), p.viewer()); err != nil {
		return w.accountFormError(rw, r, p, "totp", err)
	}
	// The page shows the pending set-up (QR code, secret, confirmation).
	return redirect(rw, r, accountPath+"#totp-h")
}

// totpCode reads the authenticator code field; the service names it
// "code", the pages "totp" (as on the login form).
func totpCode(values url.Values) (string, error) {
	code := strings.TrimSpace(values.Get("totp"))
	if code == "" {
		return "", domain.InvalidField("totp", "field.required")
	}
	return code, nil
}

func codeAsTOTP(err error) error {
	var e *domain.Error
	if errors.As(err, &e) && e.Fields["code"] != "" {
		c := *e
		c.Fields = map[string]string{"totp": e.Fields["code"]}
		return &c
	}
	return err
}

func (w *Web) staffConfirmTOTP(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	code, err := totpCode(values)
	if err == nil {
		err = codeAsTOTP(w.svc.ConfirmTOTP(r.Context(), p.viewer(), code))
	}
	if err != nil {
		return w.accountFormError(rw, r, p, "totp", err)
	}
	return redirect(rw, r, accountPath+"?ok=totp_enabled")
}

// staffDisableTOTP turns the second factor off (with a current code), or
// cancels a set-up not yet confirmed.
func (w *Web) staffDisableTOTP(rw http.ResponseWriter, r *http.Request, p *page) error {
	values, err := w.readForm(rw, r)
	if err != nil {
		return err
	}
	p.Form.Values = values
	sf, err := w.svc.SecondFactorOf(r.Context(), p.viewer())
	if err != nil {
		return err
	}
	code := ""
	if sf.Enabled {
		if sf.Required {
			return domain.Errorf(domain.CodeForbidden, "error.totp_required_for_role")
		}
		if code, err = totpCode(values); err != nil {
			return w.accountFormError(rw, r, p, "totp_off", err)
		}
	}
	if err := w.svc.DisableTOTP(r.Context(), p.viewer(), code); err != nil {
		return w.accountFormError(rw, r, p, "totp_off", codeAsTOTP(err))
	}
	if !sf.Enabled {
		return redirect(rw, r, accountPath+"?ok=totp_cancelled")
	}
	return redirect(rw, r, accountPath+"?ok=totp_disabled")
}

// staffLogoutEverywhere ends every session of the staff member, this one
// too (a lost phone, a shared computer).
func (w *Web) staffLogoutEverywhere(rw http.ResponseWriter, r *http.Request, p *page) error {
	if err := w.svc.LogoutEverywhere(r.Context(), p.viewer()); err != nil {
		return err
	}
	w.setCookie(rw, r, staffCookie, "", "/", -1)
	return redirect(rw, r, "/masuk?ok=logged_out_all")
}
