package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// A staff user chooses, per kind of notice, immediately, a daily digest
// or off, and the notices' language, on /staf/akun; a choice not offered
// is refused beside the field and nothing changes.
func TestStaffChoosesHowNoticesArrive(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		b := e.browser(t)
		b.login(officerEmail)
		r := b.get("/staf/akun")
		mustStatus(t, r, http.StatusOK)
		checkLabels(t, r)
		if r.Doc.Find(`#notify-form input[name="notify.routed"][value="now"][checked]`).Length() != 1 {
			t.Fatalf("routings are not immediate by default: %s", text(r))
		}
		v := url.Values{"notify_lang": {"en"}}
		for _, k := range domain.NotifyKinds {
			v.Set("notify."+string(k), domain.NotifyDigest)
		}
		v.Set("notify.breach", domain.NotifyOff)
		r = b.post("/staf/akun/pemberitahuan", v)
		mustRedirect(t, r, "/staf/akun?ok=notify_saved#notify-h")
		r = b.follow(r)
		if !strings.Contains(r.Doc.Find(".flash").Text(), i18n.T(i18n.ID, "web.flash.notify_saved")) ||
			r.Doc.Find(`input[name="notify.routed"][value="digest"][checked]`).Length() != 1 ||
			r.Doc.Find(`input[name="notify.breach"][value="off"][checked]`).Length() != 1 ||
			r.Doc.Find(`#notify_lang option[value="en"][selected]`).Length() != 1 {
			t.Fatalf("after saving: %s", text(r))
		}
		u, err := e.st.UserByEmail(context.Background(), officerEmail)
		if err != nil {
			t.Fatal(err)
		}
		ns, err := e.svc.NotifySettingsOf(context.Background(), service.Viewer{User: &u})
		if err != nil || ns.Lang != "en" || ns.Modes[domain.NotifyRouted] != domain.NotifyDigest || ns.Modes[domain.NotifyBreach] != domain.NotifyOff {
			t.Fatalf("stored: %+v %v", ns, err)
		}
		v.Set("notify.routed", "loud")
		r = b.post("/staf/akun/pemberitahuan", v)
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find(`#notify-routed.invalid`).Length() != 1 {
			t.Fatalf("no error beside the field: %s", text(r))
		}
		if ns, _ := e.svc.NotifySettingsOf(context.Background(), service.Viewer{User: &u}); ns.Modes[domain.NotifyRouted] != domain.NotifyDigest {
			t.Fatalf("a refused form changed the settings: %+v", ns)
		}
		// Logged out, the form does nothing.
		if r := e.browser(t).post("/staf/akun/pemberitahuan", v); r.StatusCode < 300 || r.StatusCode == http.StatusOK {
			t.Fatalf("logged out: %d", r.StatusCode)
		}
	})
}

// An admin names a unit's head on the units page; an unknown account is
// refused beside the field and the unit is left as it was.
func TestAdminNamesUnitHead(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		adm := e.browser(t)
		adm.login(adminEmail)
		head := userIDOf(t, e, supervisorEmail)
		r := adm.post("/staf/admin/instansi/dinkes", url.Values{"name": {"Dinas Kesehatan"}, "parent": {""}, "head": {head}})
		mustRedirect(t, r, "/staf/admin/instansi?ok=unit_updated")
		r = adm.follow(r)
		checkLabels(t, r)
		if r.Doc.Find(`#unit-dinkes-head option[value="`+head+`"][selected]`).Length() != 1 {
			t.Fatalf("the head is not shown: %s", text(r))
		}
		r = adm.post("/staf/admin/instansi/dinkes", url.Values{"name": {"Dinas Kesehatan Baru"}, "parent": {""}, "head": {"987654"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#unit-dinkes-head-err").Length() != 1 {
			t.Fatalf("no error beside the head: %s", text(r))
		}
		units, err := e.svc.Units(context.Background(), service.Operator)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			if u.Code == "dinkes" && u.Name != "Dinas Kesehatan" {
				t.Fatalf("a refused form renamed the unit: %q", u.Name)
			}
		}
		heads, err := e.svc.UnitHeads(context.Background(), service.Operator)
		if err != nil || len(heads) != 1 {
			t.Fatalf("heads: %v %v", heads, err)
		}
		// None again.
		mustRedirect(t, adm.post("/staf/admin/instansi/dinkes", url.Values{"name": {"Dinas Kesehatan"}, "head": {""}}),
			"/staf/admin/instansi?ok=unit_updated")
		if heads, _ := e.svc.UnitHeads(context.Background(), service.Operator); len(heads) != 0 {
			t.Fatalf("head not cleared: %v", heads)
		}
	})
}

// The staff password reset through the pages: the same answer for a known
// and an unknown address; the link's form sets the password once, with
// the errors beside the fields.
func TestStaffResetsPasswordThroughThePages(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		ctx := context.Background()
		b := e.browser(t)
		r := b.get("/masuk")
		if r.Doc.Find(`a#forgot-link[href="/masuk/lupa"]`).Length() != 1 {
			t.Fatalf("no link to the reset on the login page: %s", text(r))
		}
		known := b.post("/masuk/lupa", url.Values{"email": {officerEmail}})
		unknown := e.browser(t).post("/masuk/lupa", url.Values{"email": {"tidak-ada@bontang.go.id"}})
		mustStatus(t, known, http.StatusOK)
		mustStatus(t, unknown, http.StatusOK)
		if text(known) != text(unknown) || known.Doc.Find("#reset-sent").Length() != 1 {
			t.Fatalf("the answers differ:\n%s\n%s", text(known), text(unknown))
		}
		mustStatus(t, b.post("/masuk/lupa", url.Values{"email": {"bukan-email"}}), http.StatusUnprocessableEntity)
		ds, err := e.svc.Deliveries(ctx, service.Operator, domain.DeliveryPending)
		if err != nil || len(ds) != 1 || ds[0].Kind != "reset" {
			t.Fatalf("deliveries: %+v %v", ds, err)
		}
		m, err := e.svc.StaffMail(ctx, service.Operator, ds[0], "http://lapor.test")
		if err != nil || m.To != officerEmail {
			t.Fatalf("mail: %+v %v", m, err)
		}
		i := strings.Index(m.Text, "/masuk/sandi-baru?t=")
		token := strings.Fields(m.Text[i+len("/masuk/sandi-baru?t="):])[0]
		r = b.get("/masuk/sandi-baru?t=" + token)
		mustStatus(t, r, http.StatusOK)
		checkLabels(t, r)
		if r.Doc.Find(`input[name="t"]`).AttrOr("value", "") != token || r.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Fatalf("the link's page: %s", text(r))
		}
		const fresh = "kata-sandi-baru-yang-panjang"
		r = b.post("/masuk/sandi-baru", url.Values{"t": {token}, "new_password": {fresh}, "new_password_confirm": {"lain"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#new_password_confirm-err").Length() != 1 || r.Doc.Find("#new_password").AttrOr("value", "") != "" {
			t.Fatalf("mismatch: %s", text(r))
		}
		r = b.post("/masuk/sandi-baru", url.Values{"t": {token}, "new_password": {fresh}, "new_password_confirm": {fresh}})
		mustRedirect(t, r, "/masuk?ok=password_reset_done")
		if !strings.Contains(b.follow(r).Doc.Find(".flash").Text(), i18n.T(i18n.ID, "web.flash.password_reset_done")) {
			t.Error("no notice after the reset")
		}
		mustStatus(t, e.browser(t).loginAs(officerEmail, testPassword, ""), http.StatusUnauthorized)
		mustStatus(t, e.browser(t).loginAs(officerEmail, fresh, ""), http.StatusSeeOther)
		r = b.post("/masuk/sandi-baru", url.Values{"t": {token}, "new_password": {"lagi-yang-lain-panjang"}, "new_password_confirm": {"lagi-yang-lain-panjang"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#token-err").Length() != 1 {
			t.Fatalf("a used link: %s", text(r))
		}
	})
}
