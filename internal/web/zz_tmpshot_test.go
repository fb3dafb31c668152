package web

import (
	"net/url"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

func TestZZShots(t *testing.T) {
	needBrowser(t)
	e := newEnv(t, envOptions{})
	b := e.browser(t)
	b.login(adminEmail)
	b.post("/staf/admin/instansi/dinkes", url.Values{"name": {"Dinas Kesehatan"}, "parent": {"dinkes"}})
	var tok string
	for _, c := range b.c.Jar.Cookies(mustURL(e.srv.URL)) {
		if c.Name == staffCookie {
			tok = c.Value
		}
	}
	ctx := tab(t)
	if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: staffCookie, Value: tok, URL: e.srv.URL}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/staf/admin/pengguna", "/staf/admin/instansi", "/staf/admin/keamanan", "/staf/akun"} {
		step(t, ctx, p, chromedp.Navigate(e.srv.URL+p), chromedp.WaitVisible(css("main h1")))
		noSideScroll(t, ctx, p)
		saveShot(t, ctx, url.PathEscape(p), false)
	}
	step(t, ctx, "x", chromedp.Navigate(e.srv.URL+"/staf/admin/instansi"), chromedp.WaitVisible(css("main h1")),
		chromedp.Click(css("#unit-dinkes summary")), chromedp.SetValue(css("#unit-dinkes-name"), ""),
		chromedp.Click(css(`#unit-dinkes button`)), chromedp.WaitVisible(css("#problems")))
	saveShot(t, ctx, "units-err", false)
}

func mustURL(s string) *url.URL { u, _ := url.Parse(s); return u }
