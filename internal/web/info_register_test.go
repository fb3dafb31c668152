package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// /informasi lists answered public information requests with the outcome
// and ground in words, never the requester, never a confidential one.
func TestInformationRegisterPage(t *testing.T) {
	eachDB(t, envOptions{}, func(t *testing.T, e *env) {
		ctx := context.Background()
		if _, err := e.svc.AddUser(ctx, service.Operator, service.NewUser{Email: "ppid@bontang.go.id", Role: domain.RolePPID,
			Unit: "dpupr", Password: testPassword}); err != nil {
			t.Fatal(err)
		}
		ppid, _ := e.st.UserByEmail(ctx, "ppid@bontang.go.id")
		admin, _ := e.st.UserByEmail(ctx, adminEmail)
		file := func(title string, confidential bool, in domain.ActionInput) {
			rc, err := e.svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindInformationRequest, Title: title,
				Body: "Mohon salinan dokumen anggaran tahun 2025.", Confidential: confidential,
				Reporter:    domain.Identity{Name: "Yulia Peminta", Email: "yulia@example.id"},
				Information: &domain.Information{Requested: "Dokumen " + title}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.svc.Act(ctx, rc.TrackingID, service.Staff(&admin), domain.ActionInput{Action: domain.ActionVerify, Unit: "dpupr"}, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := e.svc.Act(ctx, rc.TrackingID, service.Staff(&ppid), in, nil); err != nil {
				t.Fatal(err)
			}
		}
		file("Anggaran jalan", false, domain.ActionInput{Action: domain.ActionAnswer, Message: "Sebagian.", Outcome: domain.OutcomePartlyGranted,
			Ground: "17i", Link: "https://ppid.bontangkota.go.id/rab"})
		file("Rahasia anggaran", true, domain.ActionInput{Action: domain.ActionAnswer, Message: "Terlampir.", Outcome: domain.OutcomeGranted,
			Link: "https://ppid.bontangkota.go.id/x"})
		for _, lang := range i18n.Langs {
			r := e.browser(t).get("/informasi?lang=" + string(lang))
			mustStatus(t, r, http.StatusOK)
			body := text(r)
			for _, want := range []string{"Anggaran jalan", i18n.T(lang, "info.outcome.partly_granted"), i18n.T(lang, "info.ground.17i")} {
				if !strings.Contains(body, want) {
					t.Errorf("%s: the register lacks %q", lang, want)
				}
			}
			if r.Doc.Find(`#info-register a[href="https://ppid.bontangkota.go.id/rab"]`).Length() != 1 {
				t.Errorf("%s: no link to the information", lang)
			}
			for _, leak := range []string{"Yulia", "yulia@example.id", "Rahasia anggaran"} {
				if strings.Contains(body, leak) {
					t.Errorf("%s: the register shows %q", lang, leak)
				}
			}
		}
		mustStatus(t, e.browser(t).get("/informasi?page=x"), http.StatusUnprocessableEntity)

		// The same register as open data: one row per answered public
		// request, no requester, no confidential one, masked text.
		r := e.browser(t).get("/open-data/information.csv")
		mustStatus(t, r, http.StatusOK)
		rows, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || strings.Join(rows[0], ",") != strings.Join(informationFields, ",") {
			t.Fatalf("the register's CSV: %q", rows)
		}
		got := map[string]string{}
		for i, name := range rows[0] {
			got[name] = rows[1][i]
		}
		if got["title"] != "Anggaran jalan" || got["outcome"] != domain.OutcomePartlyGranted || got["ground"] != "17i" ||
			got["link"] != "https://ppid.bontangkota.go.id/rab" || got["unit_code"] != "dpupr" || got["answered_at"] == "" {
			t.Errorf("the register's row: %v", got)
		}
		for _, leak := range []string{"Yulia", "yulia@example.id", "Rahasia anggaran"} {
			if strings.Contains(r.Body, leak) {
				t.Errorf("the register's CSV shows %q", leak)
			}
		}
		if r := e.browser(t).get("/open-data"); r.Doc.Find(`#info-fields-h + p + dl dt`).Length() != len(informationFields) || r.Doc.Find(`a[href="/open-data/information.csv"]`).Length() != 1 {
			t.Errorf("the open data page does not describe the register")
		}

		// The leaders' page counts them apart, per unit.
		adm := e.browser(t)
		adm.login(adminEmail)
		r = adm.get("/staf/evaluasi?from=2026-01-01&to=2026-12-31")
		mustStatus(t, r, http.StatusOK)
		row := r.Doc.Find("#info-figures tbody tr")
		if row.Length() != 1 || !strings.Contains(row.Text(), "17i: 1") || row.Find("td").First().Text() != "2" {
			t.Errorf("the information figures on the leaders' page: %q", row.Text())
		}
	})
}
