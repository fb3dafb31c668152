package web

import (
	"strings"
	"testing"
)

// The add-staff form preselects Officer, says once that the unit is
// required for officers, and offers "no unit" rather than the citizen
// form's "not sure (the admin decides)" to the admin who decides.
func TestAddStaffFormDefaults(t *testing.T) {
	e := newEnv(t, envOptions{})
	adm := e.browser(t)
	adm.login(adminEmail)
	for _, c := range []struct{ lang, label, empty string }{
		{"id", "Instansi (wajib untuk petugas)", "Tanpa instansi (admin dan pengawas)"},
		{"en", "Unit (required for officers)", "No unit (admins and supervisors)"},
	} {
		r := adm.get("/staf/admin/pengguna?lang=" + c.lang)
		mustStatus(t, r, 200)
		if got := r.Doc.Find(`#role option[selected]`).AttrOr("value", ""); got != "officer" {
			t.Errorf("%s: preselected role %q, want officer", c.lang, got)
		}
		if n := r.Doc.Find(`#role option[selected]`).Length(); n != 1 {
			t.Errorf("%s: %d roles selected", c.lang, n)
		}
		if got := strings.Join(strings.Fields(r.Doc.Find(`label[for="unit"]`).Text()), " "); got != c.label {
			t.Errorf("%s: unit label %q, want %q", c.lang, got, c.label)
		}
		if got := r.Doc.Find(`#unit option[value=""]`).Text(); got != c.empty {
			t.Errorf("%s: empty unit option %q, want %q", c.lang, got, c.empty)
		}
	}
}
