package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// The PPID of a unit answers an information request on the staff report
// page, in both languages: a refusal without a ground is refused with the
// rule's words, then one on ground 17(h) goes through and shows its wording.
func TestBrowserPPIDAnswers(t *testing.T) {
	needBrowser(t)
	for _, lang := range []i18n.Lang{i18n.ID, i18n.EN} {
		t.Run(string(lang), func(t *testing.T) { ppidAnswers(t, lang) })
	}
}

func ppidAnswers(t *testing.T, lang i18n.Lang) {
	e := newEnv(t, envOptions{})
	ctx := context.Background()
	T := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	const ppidEmail = "ppid-pu@bontang.go.id"
	if _, err := e.svc.AddUser(ctx, service.Operator, service.NewUser{Email: ppidEmail, Name: "PPID PU", Role: domain.RolePPID,
		Unit: "dpupr", Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	rc, err := e.svc.Submit(ctx, service.Public, domain.Submission{Kind: domain.KindInformationRequest, Anonymous: true,
		Title: "Permohonan data RAB jalan", Body: "Saya meminta rincian anggaran perbaikan Jl. Ahmad Yani tahun 2025.",
		Reporter:    domain.Identity{Name: "Rina Pemohon", Email: "rina@example.id"},
		Information: &domain.Information{Requested: "Rincian RAB perbaikan Jl. Ahmad Yani 2025", Format: "softcopy", Delivery: "email"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := e.st.UserByEmail(ctx, adminEmail)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Act(ctx, rc.TrackingID, service.Staff(&admin), domain.ActionInput{Action: domain.ActionVerify, Unit: "dpupr"}, nil); err != nil {
		t.Fatal(err)
	}
	id := rc.TrackingID

	p := tab(t)
	step(t, p, "PPID login", chromedp.Navigate(e.srv.URL+"/masuk?lang="+string(lang)),
		chromedp.SendKeys(css("#email"), ppidEmail), chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css("main form button[type=submit]")), chromedp.WaitVisible(css(`a[href="/staf/laporan/`+id+`"]`)))
	step(t, p, "open the request", chromedp.Click(css(`a[href="/staf/laporan/`+id+`"]`)), chromedp.WaitVisible(css("#act-answer")))
	mustContain(t, p, "Rincian RAB perbaikan Jl. Ahmad Yani 2025", T("info.format.softcopy"), T("web.action.answer"))
	if body := pageText(t, p); strings.Contains(body, "Rina") || strings.Contains(body, "rina@example.id") {
		t.Fatal("the PPID sees the identity of an anonymous requester")
	}
	step(t, p, "refuse without a ground", chromedp.SetValue(css("#answer-outcome"), domain.OutcomeRefused),
		chromedp.SendKeys(css("#answer-message"), "Dokumen memuat data pribadi pihak ketiga."),
		chromedp.Click(css(`#act-answer button[type=submit]`)), chromedp.WaitVisible(css("#answer-ground-err")))
	mustContain(t, p, T("field.info.ground_required"))
	saveShot(t, p, "ppid-answer-"+string(lang), false)
	step(t, p, "refuse on 17(h)", chromedp.SetValue(css("#answer-ground"), "17h"),
		chromedp.Click(css(`#act-answer button[type=submit]`)), chromedp.WaitVisible(css(".flash")))
	mustContain(t, p, T("web.flash.answer"), T("web.status.followed_up"), T("info.outcome.refused"), T("info.ground.17h"))
	rv, err := e.svc.Report(ctx, id, service.Operator)
	if err != nil {
		t.Fatal(err)
	}
	last := rv.Timeline[len(rv.Timeline)-1]
	if last.Type != domain.EventAnswered || last.Params[domain.ParamGround] != "17h" {
		t.Fatalf("the stored answer: %+v", last)
	}
}
