package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/i18n"
)

// TestBrowserPublicPagesOnPhone: the public list and a public report on a
// phone, in both languages and without JavaScript: they fit the screen,
// Dukung counts the support, and the pictures go to the README.
func TestBrowserPublicPagesOnPhone(t *testing.T) {
	needBrowser(t)
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			e := newEnv(t, envOptions{})
			cit := e.browser(t)
			adm := e.browser(t)
			adm.login(adminEmail)
			var ids []string
			for _, title := range []string{"Jalan berlubang di Jl. Ahmad Yani", "Drainase tersumbat di Api-Api", "Lampu jalan padam di Jl. Pahlawan"} {
				id, _ := cit.fileReport(url.Values{"title": {title}})
				mustStatus(t, adm.act(id, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
				ids = append(ids, id)
			}
			off := e.browser(t)
			off.login(officerEmail)
			mustStatus(t, off.act(ids[0], url.Values{"action": {"follow_up"},
				"message": {"Tim kami sudah menambal lubang pada hari Kamis. Terima kasih atas laporannya."}}), http.StatusSeeOther)
			ctx := tab(t)
			noScript(t, ctx)
			step(t, ctx, "open the list", chromedp.Navigate(e.srv.URL+"/laporan?lang="+string(lang)), chromedp.WaitVisible(css("#public-list")))
			mustContain(t, ctx, "Jalan berlubang di Jl. Ahmad Yani", "Drainase tersumbat di Api-Api")
			noSideScroll(t, ctx, "public list")
			saveShot(t, ctx, "public-list-"+string(lang), lang == i18n.ID)
			step(t, ctx, "open a report", chromedp.Navigate(e.srv.URL+"/laporan/"+ids[0]), chromedp.WaitVisible(css("main h1")))
			mustContain(t, ctx, "Tim kami sudah menambal lubang")
			noSideScroll(t, ctx, "public report")
			want := i18n.T(lang, "web.public.supports", "1")
			step(t, ctx, "support it", chromedp.Click(css(`#support button`)), chromedp.WaitVisible(css("p.flash")))
			if got := strings.TrimSpace(textOf(t, ctx, "#support-count")); got != want {
				t.Errorf("after Dukung: %q, want %q", got, want)
			}
			saveShot(t, ctx, "public-report-"+string(lang), lang == i18n.ID)
		})
	}
}
