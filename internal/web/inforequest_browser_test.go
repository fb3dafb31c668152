package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/domain"
	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// The PPID of a unit answers an information request on the staff report
// page, in both languages: a refusal without a ground is refused with the
// rule's words, then one on ground 17(h) goes through and shows its wording.
// The requester objects on the tracking page, the PPID's superior
// upholds the refusal, and the requester reads the outcome with the date
// by which the Komisi Informasi may be asked.
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

	// On the form, the questions of an information request show only
	// once that kind is chosen.
	f := tab(t)
	step(t, f, "open the form", chromedp.Navigate(e.srv.URL+"/lapor?lang="+string(lang)), chromedp.WaitVisible(css("#report-form")))
	visible := func(what string, want bool) {
		t.Helper()
		got, err := chromedp.Run(f, chromedp.Evaluate[bool](`document.querySelector("#information").offsetParent !== null`))
		if err != nil || got != want {
			t.Errorf("%s: the information fieldset visible = %v (%v), want %v", what, got, err, want)
		}
	}
	visible("no kind chosen", false)
	step(t, f, "choose a complaint", chromedp.Click(css("#kind-complaint")))
	visible("a complaint", false)
	step(t, f, "choose an information request", chromedp.Click(css("#kind-information_request")))
	visible("an information request", true)
	noSideScroll(t, f, "information request form")

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

	// The requester objects on the tracking page, on ground 35(a).
	c := tab(t)
	step(t, c, "track the request", chromedp.Navigate(e.srv.URL+"/lacak?lang="+string(lang)),
		chromedp.SendKeys(css("#tracking_id"), id), chromedp.SendKeys(css("#receipt"), rc.Receipt),
		chromedp.Click(css(`form[action="/lacak"] button[type=submit]`)), chromedp.WaitVisible(css("#act-object")))
	mustContain(t, c, T("info.track.object_text"), T("info.ground.17h"))
	step(t, c, "object without a ground", chromedp.SendKeys(css("#object-message"), "Data pribadi dapat dihitamkan."),
		chromedp.Click(css(`#act-object button[type=submit]`)), chromedp.WaitVisible(css("#object-ground-err")))
	step(t, c, "object on 35(a)", chromedp.SetValue(css("#object-ground"), "35a"),
		chromedp.Click(css(`#act-object button[type=submit]`)), chromedp.WaitNotPresent(css("#act-object")))
	mustContain(t, c, T("info.ground.35a"))
	noSideScroll(t, c, "objection filed")

	// The superior upholds the refusal: the request is closed, and the
	// requester may take it to the Komisi Informasi.
	const superiorEmail = "sekda@bontang.go.id"
	if _, err := e.svc.AddUser(ctx, service.Operator, service.NewUser{Email: superiorEmail, Name: "Sekda", Role: domain.RolePPIDSuperior,
		Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	s := tab(t)
	step(t, s, "superior login", chromedp.Navigate(e.srv.URL+"/masuk?lang="+string(lang)),
		chromedp.SendKeys(css("#email"), superiorEmail), chromedp.SendKeys(css("#password"), testPassword),
		chromedp.Click(css("main form button[type=submit]")), chromedp.WaitVisible(css(`form[action="/keluar"]`)))
	step(t, s, "open the objection", chromedp.Navigate(e.srv.URL+"/staf/laporan/"+id), chromedp.WaitVisible(css("#act-objection_answer")))
	mustContain(t, s, T("info.ground.35a"), "Data pribadi dapat dihitamkan.")
	if body := pageText(t, s); strings.Contains(body, "Rina") || strings.Contains(body, "rina@example.id") {
		t.Fatal("the superior sees the identity of an anonymous requester")
	}
	step(t, s, "uphold", chromedp.Evaluate[chromedp.Void](`document.querySelector("#act-objection_answer").open = true`),
		chromedp.SetValue(css("#objection_answer-outcome"), domain.OutcomeUpheld),
		chromedp.SendKeys(css("#objection_answer-message"), "Penolakan sudah tepat: dokumen memuat data pribadi."),
		chromedp.Click(css(`#act-objection_answer button[type=submit]`)), chromedp.WaitVisible(css(".flash")))
	mustContain(t, s, T("info.outcome.upheld"))
	saveShot(t, s, "ppid-superior-"+string(lang), false)

	rv, err = e.svc.Report(ctx, id, service.Operator)
	if err != nil {
		t.Fatal(err)
	}
	if rv.Report.Status != domain.StatusCompleted {
		t.Fatalf("after the superior upheld the refusal: %s", rv.Report.Status)
	}
	step(t, c, "the requester reads the outcome", chromedp.Reload(), chromedp.WaitVisible(css("main")))
	komisi, err := time.Parse(time.RFC3339, rv.Timeline[len(rv.Timeline)-1].Params[domain.ParamKomisiUntil])
	if err != nil {
		t.Fatalf("no Komisi Informasi date on the superior's answer: %+v", rv.Timeline[len(rv.Timeline)-1])
	}
	// The date reads as every date of the page does ("9 Desember 2026").
	mustContain(t, c, T("info.outcome.upheld"), T("info.komisi", i18n.Formatter(lang, e.svc.Location()).Date(komisi)))
	noSideScroll(t, c, "objection answered")
}
