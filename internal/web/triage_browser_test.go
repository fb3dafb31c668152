package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lapor-id/lapor/internal/service"
)

// TestBrowserLiveDuplicates: with JavaScript, the report form shows the
// open public reports like the one being written as soon as the title is
// typed, on a phone, linking to them.
func TestBrowserLiveDuplicates(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{web: Options{DuplicateStep: true}})
	cit := e.browser(t)
	adm := e.browser(t)
	adm.login(adminEmail)
	orig, _ := cit.fileReport(url.Values{})
	mustStatus(t, adm.act(orig, url.Values{"action": {"verify"}, "unit": {"dpupr"}}), http.StatusSeeOther)
	if err := e.svc.RefreshTriage(context.Background(), service.Operator); err != nil {
		t.Fatal(err)
	}
	ctx := tab(t)
	step(t, ctx, "open the form", chromedp.Navigate(e.srv.URL+"/lapor?lang=id"), chromedp.WaitVisible(css("#title")))
	step(t, ctx, "type the title", chromedp.SendKeys(css("#title"), "Jln Ahmad Yani berlubang\t"),
		chromedp.WaitVisible(css(`#dup-live a[href="/laporan/`+orig+`"]`)))
	mustContain(t, ctx, "Mungkin masalah ini sudah dilaporkan", "Jalan berlubang di Jl. Ahmad Yani")
	noSideScroll(t, ctx, "form with live duplicates")
}
