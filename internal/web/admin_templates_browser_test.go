package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/i18n"
	"github.com/lapor-id/lapor/internal/service"
)

// TestBrowserReplyTemplateOnPhone: an officer on a phone, without
// JavaScript, in both languages, starts a follow-up from a template,
// edits it and sends it; the page fits the phone.
func TestBrowserReplyTemplateOnPhone(t *testing.T) {
	needBrowser(t)
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			T := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
			e := newEnv(t, envOptions{})
			if _, err := e.svc.SaveReplyTemplate(context.Background(), service.Operator, service.TemplateChoice{Unit: "dpupr",
				Title: "Jalan: dijadwalkan", Body: "Laporan {kode} kami jadwalkan untuk diperbaiki minggu ini."}); err != nil {
				t.Fatal(err)
			}
			id, _ := e.browser(t).fileReport(nil)
			adm := e.browser(t)
			adm.login(adminEmail)
			mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
			ctx := tab(t)
			noScript(t, ctx)
			step(t, ctx, "log in", chromedp.Navigate(e.srv.URL+"/masuk?lang="+string(lang)),
				chromedp.SendKeys(css("#email"), officerEmail), chromedp.SendKeys(css("#password"), testPassword),
				chromedp.Click(css(`form[action="/masuk"] button[type=submit]`)), chromedp.WaitVisible(css(`form[action="/keluar"]`)))
			step(t, ctx, "open the report", chromedp.Navigate(e.srv.URL+"/staf/laporan/"+id), chromedp.WaitVisible(css("#follow_up-template")))
			mustContain(t, ctx, T("web.templates.use_label"), "Jalan: dijadwalkan")
			step(t, ctx, "use the template", chromedp.Click(css(`#act-follow_up button[formmethod=get]`)))
			for i := 0; i < 50; i++ { // the page is sent back by GET with the choice in its address
				if loc, _ := chromedp.Run(ctx, chromedp.Location()); strings.Contains(loc, "templat=") {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			step(t, ctx, "wait for the form", chromedp.WaitVisible(css(`#follow_up-message`)))
			got, _ := chromedp.Run(ctx, chromedp.OuterHTML(css("#follow_up-message")))
			if want := "Laporan " + id + " kami jadwalkan"; !strings.Contains(got, want) {
				t.Fatalf("the message %q does not start from the template (%q)", got, want)
			}
			noSideScroll(t, ctx, "follow-up from a template")
			saveShot(t, ctx, "officer-template-"+string(lang), false)
			step(t, ctx, "edit and send", chromedp.SendKeys(css("#follow_up-message"), " Mohon maaf atas ketidaknyamanannya."),
				chromedp.Click(css(`#act-follow_up form button[type=submit]:not([formmethod])`)), chromedp.WaitVisible(css("p.flash")))
			mustContain(t, ctx, "kami jadwalkan untuk diperbaiki minggu ini.", "Mohon maaf atas ketidaknyamanannya.")
		})
	}
}
