package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/lapor-id/lapor/internal/apptest"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// totpAt computes the code an authenticator app shows at t for a secret
// typed from the page (RFC 6238: HMAC-SHA1, 30 second steps, 6 digits),
// independently of the service's own implementation.
func totpAt(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(strings.ReplaceAll(secret, " ", "")))
	if err != nil || len(key) == 0 {
		t.Fatalf("secret %q is not base32: %v", secret, err)
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(at.Unix()/30))
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", bin%1_000_000)
}

// userIDOf returns a staff account's id.
func userIDOf(t *testing.T, e *env, email string) string {
	t.Helper()
	u, err := e.st.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(u.ID, 10)
}

// sessionsOf counts the stored sessions of a staff account.
func sessionsOf(t *testing.T, e *env, email string) int {
	t.Helper()
	var n int
	if err := e.st.DB().QueryRow(placeholders(e, `SELECT COUNT(*) FROM sessions WHERE user_id = ?`), userIDOf(t, e, email)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// loginAs posts the login form and returns the answer.
func (b *browser) loginAs(email, password, code string) resp {
	b.t.Helper()
	return b.post("/masuk", url.Values{"email": {email}, "password": {password}, "totp": {code}})
}

// mustRedirect checks a 303 to want.
func mustRedirect(t *testing.T, r resp, want string) {
	t.Helper()
	mustStatus(t, r, http.StatusSeeOther)
	if got := r.Header.Get("Location"); got != want {
		t.Fatalf("%s %s: redirect to %q, want %q", r.Request.Method, r.Request.URL.Path, got, want)
	}
}

// loggedIn reports whether b's staff session still opens a staff page.
func (b *browser) loggedIn() bool {
	b.t.Helper()
	r := b.get("/staf/kotak-masuk")
	switch r.StatusCode {
	case http.StatusOK:
		return true
	case http.StatusSeeOther:
		if !strings.HasPrefix(r.Header.Get("Location"), "/masuk") {
			b.t.Fatalf("staff page redirects to %q", r.Header.Get("Location"))
		}
		return false
	}
	b.t.Fatalf("staff page: %d %s", r.StatusCode, text(r))
	return false
}

// checkLabels fails on a form control without a label or with an id used
// twice on the page.
func checkLabels(t *testing.T, r resp) {
	t.Helper()
	r.Doc.Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
		typ := s.AttrOr("type", "")
		if typ == "hidden" || typ == "submit" || typ == "button" {
			return
		}
		id := s.AttrOr("id", "")
		if s.AttrOr("aria-label", "") == "" && (id == "" || r.Doc.Find(`label[for="`+id+`"]`).Length() == 0) {
			html, _ := goquery.OuterHtml(s)
			t.Errorf("%s: control without a label: %s", r.Request.URL.Path, html)
		}
		if id != "" && r.Doc.Find(`[id="`+id+`"]`).Length() > 1 {
			t.Errorf("%s: id %q used twice", r.Request.URL.Path, id)
		}
	})
}

// enrolTOTP sets up two-step verification from the account page and
// returns the secret shown there.
func enrolTOTP(t *testing.T, e *env, b *browser) string {
	t.Helper()
	r := b.post("/staf/akun/2fa", nil)
	mustRedirect(t, r, "/staf/akun#totp-h")
	r = b.follow(r)
	mustStatus(t, r, http.StatusOK)
	secret := strings.TrimSpace(r.Doc.Find("#totp-secret").Text())
	if len(strings.ReplaceAll(secret, " ", "")) != 32 || !strings.Contains(secret, " ") {
		t.Fatalf("no secret in groups on the page: %q", secret)
	}
	for _, g := range strings.Fields(secret) {
		if len(g) != 4 {
			t.Fatalf("secret %q is not in groups of four", secret)
		}
	}
	if r.Doc.Find(".qr svg[role=img]").Length() != 1 || r.Doc.Find(".qr svg").AttrOr("aria-label", "") == "" {
		t.Fatalf("no QR code for the authenticator app: %s", text(r))
	}
	checkLabels(t, r)
	r = b.post("/staf/akun/2fa/konfirmasi", url.Values{"totp": {totpAt(t, secret, e.clock.Now())}})
	mustRedirect(t, r, "/staf/akun?ok=totp_enabled")
	return secret
}

func TestStaffAccountPasswordChange(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		b := e.browser(t)
		b.login(officerEmail)
		other := e.browser(t) // the same officer on another device
		other.login(officerEmail)

		r := b.get("/staf/akun")
		mustStatus(t, r, http.StatusOK)
		checkPage(t, r, i18n.ID)
		checkLabels(t, r)
		if r.Doc.Find("#account-email").Text() != officerEmail || r.Doc.Find("#account-role").Text() != i18n.T(i18n.ID, "web.role.officer") ||
			r.Doc.Find("#account-unit").Text() != "Dinas Pekerjaan Umum dan Penataan Ruang" {
			t.Errorf("account details: %s", text(r))
		}
		if r.Doc.Find(`header nav a[href="/staf/akun"][aria-current]`).Length() != 1 {
			t.Error("the navigation has no current link to the account page")
		}
		const newPassword = "sandi-baru-yang-cukup-panjang"
		change := func(current, next, again string) resp {
			t.Helper()
			return b.post("/staf/akun/sandi", url.Values{"current_password": {current}, "new_password": {next}, "new_password_confirm": {again}})
		}
		for _, c := range []struct {
			name, current, next, again, field string
		}{
			{"wrong current", "bukan-sandi-saya", newPassword, newPassword, "current_password"},
			{"weak new", testPassword, "pendek", "pendek", "new_password"},
			{"common new", testPassword, "password123", "password123", "new_password"},
			{"not repeated", testPassword, newPassword, newPassword + "x", "new_password_confirm"},
			{"same", testPassword, testPassword, testPassword, "new_password"},
			{"empty", "", "", "", "current_password"},
		} {
			r := change(c.current, c.next, c.again)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%s: %d %s", c.name, r.StatusCode, text(r))
			}
			id := "password-" + c.field
			if r.Doc.Find("#"+id+"-err").Length() != 1 || r.Doc.Find(`.summary a[href="#`+id+`"]`).Length() != 1 ||
				r.Doc.Find("#"+id).AttrOr("aria-invalid", "") != "true" {
				t.Errorf("%s: no error next to %s and at the top: %s", c.name, c.field, text(r))
			}
			r.Doc.Find("input[type=password]").Each(func(_ int, s *goquery.Selection) {
				if s.AttrOr("value", "") != "" {
					t.Errorf("%s: a password is sent back in %s", c.name, s.AttrOr("id", ""))
				}
			})
		}
		if r := e.browser(t).loginAs(officerEmail, testPassword, ""); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("a refused change changed the password: %d", r.StatusCode)
		}
		// Success: this browser stays in, the other device is out.
		r = change(testPassword, newPassword, newPassword)
		mustRedirect(t, r, "/staf/akun?ok=password_changed")
		r = b.follow(r)
		if !strings.Contains(r.Doc.Find(".flash").Text(), i18n.T(i18n.ID, "web.flash.password_changed")) {
			t.Errorf("no notice after the change: %s", text(r))
		}
		if !b.loggedIn() {
			t.Error("the browser that changed the password was logged out")
		}
		if other.loggedIn() {
			t.Error("another device is still logged in after the password change")
		}
		if r := e.browser(t).loginAs(officerEmail, testPassword, ""); r.StatusCode != http.StatusUnauthorized {
			t.Errorf("the old password still works: %d", r.StatusCode)
		}
		if r := e.browser(t).loginAs(officerEmail, newPassword, ""); r.StatusCode != http.StatusSeeOther {
			t.Errorf("the new password does not work: %d %s", r.StatusCode, text(r))
		}
	})
}

func TestStaffAccountPasswordGuessesLockTheAccount(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		b := e.browser(t)
		b.login(officerEmail)
		for i := 0; i < 5; i++ {
			b.post("/staf/akun/sandi", url.Values{"current_password": {"tebakan-" + strconv.Itoa(i)},
				"new_password": {"sandi-baru-yang-cukup-panjang"}, "new_password_confirm": {"sandi-baru-yang-cukup-panjang"}})
		}
		r := b.post("/staf/akun/sandi", url.Values{"current_password": {testPassword},
			"new_password": {"sandi-baru-yang-cukup-panjang"}, "new_password_confirm": {"sandi-baru-yang-cukup-panjang"}})
		if r.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("sixth try after five wrong guesses: %d %s", r.StatusCode, text(r))
		}
		if r := e.browser(t).loginAs(officerEmail, testPassword, ""); r.StatusCode != http.StatusTooManyRequests {
			t.Errorf("login after five wrong guesses on the account page: %d", r.StatusCode)
		}
	})
}

func TestStaffAccountTOTP(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		b := e.browser(t)
		b.login(supervisorEmail)
		r := b.get("/staf/akun")
		if r.Doc.Find("#totp-begin-form").Length() != 1 || r.Doc.Find("#totp-secret").Length() != 0 {
			t.Fatalf("account page without a second factor: %s", text(r))
		}
		// Begin, then a wrong code: refused, the set-up is still shown.
		mustRedirect(t, b.post("/staf/akun/2fa", nil), "/staf/akun#totp-h")
		r = b.get("/staf/akun")
		secret := strings.TrimSpace(r.Doc.Find("#totp-secret").Text())
		wrong := "000000"
		if totpAt(t, secret, e.clock.Now()) == wrong {
			wrong = "111111"
		}
		r = b.post("/staf/akun/2fa/konfirmasi", url.Values{"totp": {wrong}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#totp-totp-err").Length() != 1 || strings.TrimSpace(r.Doc.Find("#totp-secret").Text()) != secret {
			t.Fatalf("wrong code: %s", text(r))
		}
		r = b.post("/staf/akun/2fa/konfirmasi", url.Values{"totp": {""}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		// The code of the moment, as the app computes it from the typed key.
		mustRedirect(t, b.post("/staf/akun/2fa/konfirmasi", url.Values{"totp": {totpAt(t, secret, e.clock.Now())}}), "/staf/akun?ok=totp_enabled")
		r = b.get("/staf/akun?ok=totp_enabled")
		if r.Doc.Find(".flash").Length() != 1 || r.Doc.Find("#totp-secret").Length() != 0 || r.Doc.Find("#totp-off-form").Length() != 1 {
			t.Fatalf("after enrolment: %s", text(r))
		}
		// Logging in now needs the code; the one used to confirm is spent.
		if r := e.browser(t).loginAs(supervisorEmail, testPassword, ""); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("login without code: %d", r.StatusCode)
		}
		if r := e.browser(t).loginAs(supervisorEmail, testPassword, totpAt(t, secret, e.clock.Now())); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("a code was accepted twice: %d", r.StatusCode)
		}
		e.clock.Advance(30 * time.Second)
		if r := e.browser(t).loginAs(supervisorEmail, testPassword, totpAt(t, secret, e.clock.Now())); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("login with the next code: %d %s", r.StatusCode, text(r))
		}
		// Turning it off needs a current code.
		r = b.post("/staf/akun/2fa/matikan", url.Values{"totp": {wrong}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#totp_off-totp-err").Length() != 1 {
			t.Errorf("wrong code to turn off: %s", text(r))
		}
		e.clock.Advance(30 * time.Second)
		mustRedirect(t, b.post("/staf/akun/2fa/matikan", url.Values{"totp": {totpAt(t, secret, e.clock.Now())}}), "/staf/akun?ok=totp_disabled")
		if r := e.browser(t).loginAs(supervisorEmail, testPassword, ""); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("login without code after turning it off: %d", r.StatusCode)
		}
		// A set-up begun and cancelled leaves nothing behind.
		mustRedirect(t, b.post("/staf/akun/2fa", nil), "/staf/akun#totp-h")
		mustRedirect(t, b.post("/staf/akun/2fa/matikan", nil), "/staf/akun?ok=totp_cancelled")
		r = b.get("/staf/akun")
		if r.Doc.Find("#totp-secret").Length() != 0 || r.Doc.Find("#totp-begin-form").Length() != 1 {
			t.Errorf("after cancelling: %s", text(r))
		}
		// In English too.
		r = b.get("/staf/akun?lang=en")
		checkPage(t, r, i18n.EN)
	})
}

func TestRequiredTOTPForcesEnrolment(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		id, _ := cit.fileReport(nil)
		adm := e.browser(t)
		adm.login(adminEmail)
		r := adm.get("/staf/admin/keamanan")
		mustStatus(t, r, http.StatusOK)
		checkLabels(t, r)
		if r.Doc.Find("#require-officer").Length() != 1 || r.Doc.Find("#require-officer[checked]").Length() != 0 {
			t.Fatalf("security page: %s", text(r))
		}
		r = adm.post("/staf/admin/keamanan", url.Values{"require_totp_roles": {"bogus", "supervisor"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#require_totp_roles-err").Length() != 1 || r.Doc.Find(`.summary a[href="#require_totp_roles"]`).Length() != 1 ||
			r.Doc.Find("#require-supervisor[checked]").Length() != 1 {
			t.Errorf("unknown role: %s", text(r))
		}
		mustRedirect(t, adm.post("/staf/admin/keamanan", url.Values{"require_totp_roles": {"officer"}}), "/staf/admin/keamanan?ok=security_saved")
		r = adm.get("/staf/admin/keamanan?ok=security_saved")
		if r.Doc.Find("#require-officer[checked]").Length() != 1 || r.Doc.Find("#require-admin[checked]").Length() != 0 ||
			r.Doc.Find(".flash").Length() != 1 {
			t.Fatalf("saved settings: %s", text(r))
		}
		if !adm.loggedIn() {
			t.Fatal("requiring a second factor of officers shut out the admin")
		}

		// A fresh officer: the password is right, the session may only enrol.
		off := e.browser(t)
		r = off.post("/masuk", url.Values{"email": {officerEmail}, "password": {testPassword}, "next": {"/staf/laporan/" + id}})
		mustRedirect(t, r, "/staf/akun")
		for _, p := range []string{"/staf", "/staf/kotak-masuk", "/staf/laporan/" + id, "/staf/admin/pengguna", "/masuk"} {
			mustRedirect(t, off.get(p), "/staf/akun")
		}
		mustRedirect(t, off.act(id, nil), "/staf/akun")
		r = off.get("/staf/akun")
		mustStatus(t, r, http.StatusOK)
		checkPage(t, r, i18n.ID)
		if r.Doc.Find("#enrol-note").Length() != 1 || !strings.Contains(text(r), i18n.T(i18n.ID, "web.staff_account.enrol_required")) {
			t.Errorf("no explanation on the account page: %s", text(r))
		}
		if strings.Contains(r.Body, "/api/v1/me/totp") {
			t.Error("the page still points to the API")
		}
		if r.Doc.Find(`header a[href="/staf/kotak-masuk"]`).Length() != 0 || r.Doc.Find("#password-form").Length() != 0 {
			t.Error("a session that may only enrol is offered other pages")
		}
		// Changing the password is not among what it may do.
		mustRedirect(t, off.post("/staf/akun/sandi", url.Values{"current_password": {testPassword},
			"new_password": {"sandi-baru-yang-cukup-panjang"}, "new_password_confirm": {"sandi-baru-yang-cukup-panjang"}}), "/staf/akun")
		// Enrol; then every page opens, without logging in again.
		secret := enrolTOTP(t, e, off)
		r = off.get("/staf/kotak-masuk")
		mustStatus(t, r, http.StatusOK)
		r = off.get("/staf/akun")
		if r.Doc.Find("#enrol-note").Length() != 0 || r.Doc.Find("#totp-off-form").Length() != 0 ||
			!strings.Contains(text(r), i18n.T(i18n.ID, "web.staff_account.totp_required_note")) {
			t.Errorf("enrolled: %s", text(r))
		}
		// Required: it cannot be turned off.
		e.clock.Advance(30 * time.Second)
		if r := off.post("/staf/akun/2fa/matikan", url.Values{"totp": {totpAt(t, secret, e.clock.Now())}}); r.StatusCode != http.StatusForbidden {
			t.Errorf("turning off a required second factor: %d", r.StatusCode)
		}
		// Next login asks for the code.
		if r := e.browser(t).loginAs(officerEmail, testPassword, ""); r.StatusCode != http.StatusUnauthorized {
			t.Errorf("login without code: %d", r.StatusCode)
		}
		e.clock.Advance(30 * time.Second)
		nb := e.browser(t)
		mustRedirect(t, nb.loginAs(officerEmail, testPassword, totpAt(t, secret, e.clock.Now())), "/staf")
		if !nb.loggedIn() {
			t.Error("cannot use the pages after logging in with the code")
		}
	})
}

func TestEnrollingSessionCanLogOutEverywhere(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		adm := e.browser(t)
		adm.login(adminEmail)
		mustRedirect(t, adm.post("/staf/admin/keamanan", url.Values{"require_totp_roles": {"supervisor"}}), "/staf/admin/keamanan?ok=security_saved")
		a, b := e.browser(t), e.browser(t)
		mustRedirect(t, a.loginAs(supervisorEmail, testPassword, ""), "/staf/akun")
		mustRedirect(t, b.loginAs(supervisorEmail, testPassword, ""), "/staf/akun")
		mustRedirect(t, a.post("/staf/akun/keluar-semua", nil), "/masuk?ok=logged_out_all")
		for _, x := range []*browser{a, b} {
			mustRedirect(t, x.get("/staf/akun"), "/masuk?next=%2Fstaf%2Fakun")
		}
	})
}

func TestLogoutEverywhere(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		a, b := e.browser(t), e.browser(t)
		a.login(officerEmail)
		b.login(officerEmail)
		other := e.browser(t)
		other.login(dinkesEmail)
		r := a.post("/staf/akun/keluar-semua", nil)
		mustRedirect(t, r, "/masuk?ok=logged_out_all")
		r = a.follow(r)
		mustStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Doc.Find(".flash").Text(), i18n.T(i18n.ID, "web.flash.logged_out_all")) {
			t.Errorf("login page without notice: %s", text(r))
		}
		if n := sessionsOf(t, e, officerEmail); n != 0 {
			t.Errorf("%d sessions left after logging out everywhere", n)
		}
		if a.loggedIn() || b.loggedIn() {
			t.Error("a session survived logging out everywhere")
		}
		if !other.loggedIn() {
			t.Error("another person's session ended")
		}
	})
}

func TestAdminDisablesAccounts(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		adm := e.browser(t)
		adm.login(adminEmail)
		off := e.browser(t)
		off.login(officerEmail)
		offID, admID := userIDOf(t, e, officerEmail), userIDOf(t, e, adminEmail)

		r := adm.get("/staf/admin/pengguna")
		mustStatus(t, r, http.StatusOK)
		checkLabels(t, r)
		if r.Doc.Find(`form[action="/staf/admin/pengguna/`+offID+`/nonaktifkan"]`).Length() != 1 {
			t.Fatalf("no disable form for the officer: %s", text(r))
		}
		if r.Doc.Find(`#user-`+admID+` form`).Length() != 0 {
			t.Error("the admin is offered actions on their own account")
		}
		r = adm.post("/staf/admin/pengguna/"+offID+"/nonaktifkan", nil)
		mustRedirect(t, r, "/staf/admin/pengguna?ok=user_disabled")
		r = adm.follow(r)
		if r.Doc.Find(`#user-`+offID+` .badge.warn`).Length() != 1 ||
			r.Doc.Find(`form[action="/staf/admin/pengguna/`+offID+`/aktifkan"]`).Length() != 1 {
			t.Errorf("disabled officer: %s", text(r))
		}
		if n := sessionsOf(t, e, officerEmail); n != 0 {
			t.Errorf("the disabled officer still has %d sessions", n)
		}
		if off.loggedIn() {
			t.Error("the disabled officer's session still works")
		}
		if r := e.browser(t).loginAs(officerEmail, testPassword, ""); r.StatusCode != http.StatusUnauthorized {
			t.Errorf("the disabled officer can log in: %d", r.StatusCode)
		}
		// An admin cannot disable themselves.
		if r := adm.post("/staf/admin/pengguna/"+admID+"/nonaktifkan", nil); r.StatusCode != http.StatusForbidden {
			t.Errorf("admin disabling themselves: %d", r.StatusCode)
		}
		if !adm.loggedIn() {
			t.Fatal("the admin was logged out")
		}
		for _, p := range []string{"/staf/admin/pengguna/999999/nonaktifkan", "/staf/admin/pengguna/abc/nonaktifkan"} {
			if r := adm.post(p, nil); r.StatusCode != http.StatusNotFound {
				t.Errorf("POST %s: %d", p, r.StatusCode)
			}
		}
		// Enabled again: the officer can log in.
		mustRedirect(t, adm.post("/staf/admin/pengguna/"+offID+"/aktifkan", nil), "/staf/admin/pengguna?ok=user_enabled")
		if r := e.browser(t).loginAs(officerEmail, testPassword, ""); r.StatusCode != http.StatusSeeOther {
			t.Errorf("the enabled officer cannot log in: %d", r.StatusCode)
		}
	})
}

func TestAdminResetsTOTPAndPassword(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		adm := e.browser(t)
		adm.login(adminEmail)
		off := e.browser(t)
		off.login(officerEmail)
		enrolTOTP(t, e, off) // then the phone is lost
		offID, admID := userIDOf(t, e, officerEmail), userIDOf(t, e, adminEmail)

		r := adm.get("/staf/admin/pengguna")
		if r.Doc.Find(`form[action="/staf/admin/pengguna/`+offID+`/reset-2fa"]`).Length() != 1 {
			t.Fatalf("no reset of the officer's second factor: %s", text(r))
		}
		mustRedirect(t, adm.post("/staf/admin/pengguna/"+offID+"/reset-2fa", nil), "/staf/admin/pengguna?ok=totp_reset")
		nb := e.browser(t)
		mustRedirect(t, nb.loginAs(officerEmail, testPassword, ""), "/staf")
		r = nb.get("/staf/akun")
		if r.Doc.Find("#totp-begin-form").Length() != 1 {
			t.Errorf("the officer cannot set up a new second factor: %s", text(r))
		}
		if r := adm.post("/staf/admin/pengguna/"+admID+"/reset-2fa", nil); r.StatusCode != http.StatusForbidden {
			t.Errorf("admin resetting their own second factor: %d", r.StatusCode)
		}

		// A temporary password: the rules apply, the officer's sessions end.
		r = adm.post("/staf/admin/pengguna/"+offID+"/sandi", url.Values{"password": {"pendek"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		field := "reset-" + offID + "-password"
		if r.Doc.Find("#"+field+"-err").Length() != 1 || r.Doc.Find(`.summary a[href="#`+field+`"]`).Length() != 1 ||
			r.Doc.Find("#"+field).ParentsFiltered("details[open]").Length() != 1 || r.Doc.Find("#password-err").Length() != 0 {
			t.Errorf("weak temporary password: %s", text(r))
		}
		checkLabels(t, r)
		const temporary = "sementara-untuk-petugas"
		mustRedirect(t, adm.post("/staf/admin/pengguna/"+offID+"/sandi", url.Values{"password": {temporary}}), "/staf/admin/pengguna?ok=password_reset")
		if off.loggedIn() || nb.loggedIn() {
			t.Error("the officer's sessions survived a password reset")
		}
		if r := e.browser(t).loginAs(officerEmail, testPassword, ""); r.StatusCode != http.StatusUnauthorized {
			t.Errorf("the old password still works: %d", r.StatusCode)
		}
		if r := e.browser(t).loginAs(officerEmail, temporary, ""); r.StatusCode != http.StatusSeeOther {
			t.Errorf("the temporary password does not work: %d", r.StatusCode)
		}
		if r := adm.post("/staf/admin/pengguna/"+admID+"/sandi", url.Values{"password": {temporary}}); r.StatusCode != http.StatusForbidden {
			t.Errorf("admin resetting their own password: %d", r.StatusCode)
		}
	})
}

func TestAdminEditsUnits(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		adm := e.browser(t)
		adm.login(adminEmail)
		r := adm.get("/staf/admin/instansi")
		mustStatus(t, r, http.StatusOK)
		checkLabels(t, r)
		if r.Doc.Find(`form[action="/staf/admin/instansi/dpupr-jalan"]`).Length() != 1 {
			t.Fatalf("no edit form per unit: %s", text(r))
		}
		// The picker leaves out the unit itself and its sub-units.
		if r.Doc.Find(`#unit-dpupr-parent option[value="dpupr-jalan"], #unit-dpupr-parent option[value="dpupr"]`).Length() != 0 ||
			r.Doc.Find(`#unit-dpupr-parent option[value="dinkes"]`).Length() != 1 ||
			r.Doc.Find(`#unit-dpupr-jalan-parent option[value="dpupr"][selected]`).Length() != 1 {
			t.Error("parent picker offers a cycle or misses the current parent")
		}
		// Rename and move.
		r = adm.post("/staf/admin/instansi/dpupr-jalan", url.Values{"name": {"Bidang Bina Marga"}, "parent": {"dinkes"}})
		mustRedirect(t, r, "/staf/admin/instansi?ok=unit_updated")
		r = adm.follow(r)
		if r.Doc.Find(`.tree li:contains("Dinas Kesehatan") li:contains("Bidang Bina Marga")`).Length() == 0 ||
			r.Doc.Find(`.flash`).Length() != 1 || strings.Contains(text(r), "Bidang Jalan dan Jembatan") {
			t.Errorf("after rename and move: %s", text(r))
		}
		// A cycle is refused: dinkes under its own sub-unit, or under itself.
		for _, parent := range []string{"dpupr-jalan", "dinkes"} {
			r = adm.post("/staf/admin/instansi/dinkes", url.Values{"name": {"Dinas Kesehatan"}, "parent": {parent}})
			mustStatus(t, r, http.StatusUnprocessableEntity)
			if r.Doc.Find("#unit-dinkes-parent-err").Length() != 1 || r.Doc.Find("#unit-dinkes").ParentsFiltered("details[open]").Length() != 0 ||
				r.Doc.Find(`#unit-dinkes > details[open]`).Length() != 1 || r.Doc.Find(`.summary a[href="#unit-dinkes-parent"]`).Length() != 1 {
				t.Errorf("cycle under %s: %s", parent, text(r))
			}
			if r.Doc.Find("#parent-err").Length() != 0 {
				t.Error("the error shows on the add form too")
			}
			checkLabels(t, r)
		}
		// A name is needed; unknown parents and units are refused.
		r = adm.post("/staf/admin/instansi/dinkes", url.Values{"name": {"  "}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#unit-dinkes-name-err").Length() != 1 || strings.TrimSpace(r.Doc.Find("#unit-dinkes-name").AttrOr("value", "x")) != "" {
			t.Errorf("empty name: %s", text(r))
		}
		r = adm.post("/staf/admin/instansi/dinkes", url.Values{"name": {"Dinas Kesehatan"}, "parent": {"tidak-ada"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r := adm.post("/staf/admin/instansi/tidak-ada", url.Values{"name": {"X"}}); r.StatusCode != http.StatusNotFound {
			t.Errorf("unknown unit: %d", r.StatusCode)
		}
		// Back to the top.
		mustRedirect(t, adm.post("/staf/admin/instansi/dpupr-jalan", url.Values{"name": {"Bidang Bina Marga"}, "parent": {""}}),
			"/staf/admin/instansi?ok=unit_updated")
		units, err := e.svc.Units(context.Background(), service.Operator)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			if u.Code == "dpupr-jalan" && u.ParentID != nil {
				t.Error("the unit was not moved to the top")
			}
		}
	})
}

func TestAdminPagesRefuseOthers(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		offID := userIDOf(t, e, officerEmail)
		posts := []string{"/staf/admin/keamanan", "/staf/admin/instansi/dpupr", "/staf/admin/pengguna/" + offID + "/nonaktifkan",
			"/staf/admin/pengguna/" + offID + "/aktifkan", "/staf/admin/pengguna/" + offID + "/reset-2fa", "/staf/admin/pengguna/" + offID + "/sandi"}
		for _, email := range []string{officerEmail, supervisorEmail} {
			b := e.browser(t)
			b.login(email)
			if r := b.get("/staf/admin/keamanan"); r.StatusCode != http.StatusForbidden {
				t.Errorf("%s GET security settings: %d", email, r.StatusCode)
			}
			for _, p := range posts {
				r := b.post(p, url.Values{"name": {"Dibajak"}, "password": {"sandi-dari-penyusup"}, "require_totp_roles": {"admin"}})
				if r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusNotFound {
					t.Errorf("%s POST %s: %d", email, p, r.StatusCode)
				}
			}
		}
		anon := e.browser(t)
		mustRedirect(t, anon.get("/staf/admin/keamanan"), "/masuk?next=%2Fstaf%2Fadmin%2Fkeamanan")
		mustRedirect(t, anon.get("/staf/akun"), "/masuk?next=%2Fstaf%2Fakun")
		for _, p := range append(posts, "/staf/akun/sandi", "/staf/akun/2fa", "/staf/akun/keluar-semua") {
			if r := anon.post(p, nil); r.StatusCode != http.StatusUnauthorized {
				t.Errorf("anonymous POST %s: %d", p, r.StatusCode)
			}
		}
		// Nothing changed.
		if r := e.browser(t).loginAs(officerEmail, testPassword, ""); r.StatusCode != http.StatusSeeOther {
			t.Errorf("the officer's account was changed: %d", r.StatusCode)
		}
		set, err := e.svc.SecuritySettings(context.Background(), staffViewer(t, e, adminEmail))
		if err != nil || len(set.RequireTOTPRoles) != 0 {
			t.Errorf("security settings changed: %v %v", set, err)
		}
	})
}

// TestPageLoginsLockOut: the staff and the citizen login pages count
// every attempt in the same lock-out as the API, before the password is
// compared; 30 parallel guesses, then the right password, refused.
func TestPageLoginsLockOut(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		reg := e.browser(t)
		mustStatus(t, reg.post("/akun/daftar", url.Values{"email": {"warga@example.id"}, "password": {"sandi-warga-yang-panjang"}}), http.StatusSeeOther)
		apptest.VerifyCitizens(t, e.svc)
		for _, c := range []struct{ path, email, password string }{
			{"/masuk", officerEmail, testPassword},
			{"/akun/masuk", "warga@example.id", "sandi-warga-yang-panjang"},
		} {
			var wg sync.WaitGroup
			var mu sync.Mutex
			compared := 0
			for i := range 30 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r := e.browser(t).post(c.path, url.Values{"email": {c.email}, "password": {fmt.Sprintf("tebakan-ke-%d", i)}})
					if r.StatusCode == http.StatusUnauthorized {
						mu.Lock()
						compared++
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			if compared != service.LockAfter {
				t.Errorf("%s: %d of 30 parallel guesses compared, want %d", c.path, compared, service.LockAfter)
			}
			r := e.browser(t).post(c.path, url.Values{"email": {c.email}, "password": {c.password}})
			if r.StatusCode != http.StatusTooManyRequests || !strings.Contains(text(r), "1 menit") {
				t.Errorf("%s: the right password while locked: %d %s", c.path, r.StatusCode, text(r))
			}
		}
	})
}
