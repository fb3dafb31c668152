package web

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// TestBrowserTOTPEnrolmentWithoutJavaScript: an officer whose role must
// use two-step verification logs in on a phone with JavaScript off, is
// sent to the account page, sets up the app from the key shown there and
// reaches the inbox.
func TestBrowserTOTPEnrolmentWithoutJavaScript(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{})
	adm := staffViewer(t, e, adminEmail)
	if err := e.svc.SetSecuritySettings(context.Background(), adm,
		service.SecuritySettings{RequireTOTPRoles: []domain.Role{domain.RoleOfficer}}); err != nil {
		t.Fatal(err)
	}
	ctx := tab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "log in", chromedp.Navigate(e.srv.URL+"/masuk?lang=id"),
		chromedp.SendKeys(css("#email"), officerEmail), chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css(`form[action="/masuk"] button[type=submit]`)), chromedp.WaitVisible(css("#enrol-note")))
	mustContain(t, ctx, i18n.T(i18n.ID, "web.staff_account.enrol_required"))
	saveShot(t, ctx, "staff-account-enrol", false)
	step(t, ctx, "begin", chromedp.Click(css(`#totp-begin-form button`)), chromedp.WaitVisible(css("#totp-secret")))
	noSideScroll(t, ctx, "account page with the QR code")
	saveShot(t, ctx, "staff-account-totp-setup", false)
	secret := textOf(t, ctx, "#totp-secret")
	step(t, ctx, "confirm", chromedp.SendKeys(css("#totp-totp"), totpAt(t, secret, e.clock.Now())),
		chromedp.Click(css(`#totp-confirm-form button[type=submit]`)), chromedp.WaitVisible(css(".flash")))
	mustContain(t, ctx, i18n.T(i18n.ID, "web.flash.totp_enabled"))
	step(t, ctx, "open the inbox", chromedp.Click(css(`header a[href="/staf/kotak-masuk"]`)), chromedp.WaitVisible(css("main h1")))
	if got := textOf(t, ctx, "main h1"); got == i18n.T(i18n.ID, "web.staff_account.title") {
		t.Fatal("still held on the account page after enrolling")
	}
}
