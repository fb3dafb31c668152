package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/lapor-id/lapor/internal/i18n"
)

// Cookies.
const (
	staffCookie   = "lapor_session" // staff session token (Path=/)
	citizenCookie = "lapor_akun"    // citizen account session token (Path=/)
	receiptCookie = "lapor_bukti"   // a report's receipt, Path=/lacak/<id>
	langCookie    = "lang"
)

// secure reports whether the request came over TLS, directly or through
// a trusted proxy; cookies are then marked Secure.
func (w *Web) secure(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	return w.opt.TrustedProxy != nil && w.opt.TrustedProxy(r) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// setCookie sets an HttpOnly, SameSite=Lax cookie; maxAge 0 makes it last
// the browser session, below 0 deletes it.
func (w *Web) setCookie(rw http.ResponseWriter, r *http.Request, name, value, path string, maxAge time.Duration) {
	c := &http.Cookie{Name: name, Value: value, Path: path, HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: w.secure(r)}
	switch {
	case maxAge < 0:
		c.MaxAge = -1
		c.Expires = time.Unix(1, 0)
	case maxAge > 0:
		c.MaxAge = int(maxAge.Seconds())
	}
	http.SetCookie(rw, c)
}

// language picks the page language: ?lang= (remembered in a cookie), the
// cookie, then Accept-Language; Indonesian by default.
func (w *Web) language(rw http.ResponseWriter, r *http.Request) i18n.Lang {
	if q := r.URL.Query().Get("lang"); i18n.Valid(q) {
		w.setCookie(rw, r, langCookie, q, "/", 365*24*time.Hour)
		return i18n.Lang(q)
	}
	if c, err := r.Cookie(langCookie); err == nil && i18n.Valid(c.Value) {
		return i18n.Lang(c.Value)
	}
	return i18n.Negotiate(r.Header.Get("Accept-Language"))
}

// receiptPath is the path a report's receipt cookie is scoped to.
func receiptPath(trackingID string) string { return "/lacak/" + trackingID }

// receiptFrom returns the receipt the browser holds for a report.
func receiptFrom(r *http.Request) string {
	// Several reports' cookies may be sent on one path only if their
	// paths nest, which tracking IDs of equal length never do.
	c, err := r.Cookie(receiptCookie)
	if err != nil {
		return ""
	}
	return c.Value
}
