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

// The report form asks an information request for what it requests, says
// an anonymous request may be refused, and the PPID sees the request on the
// staff page; an officer of the unit does not.
func TestInformationRequestForm(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		cit := e.browser(t)
		r := cit.get("/lapor")
		mustStatus(t, r, http.StatusOK)
		if !strings.Contains(r.Doc.Find("#information").Text(), i18n.T(i18n.ID, "info.form.anonymous_note")) || r.Doc.Find(`select#information-format`).Length() != 1 {
			t.Fatalf("the form has no information request fields: %d %q", r.Doc.Find(`select#information-format`).Length(), r.Doc.Find("#information").Text())
		}
		// Without what is requested: refused on that field, nothing filed.
		r = cit.postMultipart("/lapor", url.Values{"kind": {"information_request"}, "title": {"Permohonan salinan RAB"},
			"body": {"Mohon salinan RAB perbaikan jalan tahun 2025."}, "information.format": {"fax"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		if r.Doc.Find("#information-requested-err").Length() != 1 || r.Doc.Find("#information-format-err").Length() != 1 {
			t.Errorf("no error next to the information fields: %s", text(r))
		}
		id, _ := cit.fileReport(url.Values{"kind": {"information_request"}, "title": {"Permohonan salinan RAB"},
			"information.requested": {"Salinan RAB perbaikan Jl. Ahmad Yani 2025"}, "information.purpose": {"Pengawasan warga"},
			"information.format": {"softcopy"}, "information.delivery": {"email"}})
		ctx := context.Background()
		admin, _ := e.st.UserByEmail(ctx, adminEmail)
		if _, err := e.svc.Act(ctx, id, service.Staff(&admin), domain.ActionInput{Action: domain.ActionVerify, Unit: "dpupr"}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.AddUser(ctx, service.Operator, service.NewUser{Email: "ppid@bontang.go.id", Role: domain.RolePPID,
			Unit: "dpupr", Password: testPassword}); err != nil {
			t.Fatal(err)
		}
		ppid := e.browser(t)
		ppid.login("ppid@bontang.go.id")
		r = ppid.get("/staf/laporan/" + id)
		mustStatus(t, r, http.StatusOK)
		if got := r.Doc.Find("#information").Text(); !strings.Contains(got, "Salinan RAB perbaikan Jl. Ahmad Yani 2025") ||
			!strings.Contains(got, i18n.T(i18n.ID, "info.format.softcopy")) || r.Doc.Find("#act-answer").Length() != 1 {
			t.Errorf("the PPID's page: %q", got)
		}
		off := e.browser(t)
		off.login(officerEmail)
		mustStatus(t, off.get("/staf/laporan/"+id), http.StatusNotFound)
	})
}
