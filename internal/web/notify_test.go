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
